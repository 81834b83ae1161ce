/**
 * How each sink type becomes a stack, keyed by the types of the config's registry
 * (schema/sinks/index.ts) and held complete by TypeScript: an EventBridge sink's factory (which the
 * fan-out stack and the sink's Terraform module use too) and its thin stack class; an Okta-only
 * sink's stack class. createStacks and the fan-out stack read this, and nothing else lists sinks.
 */
import { Construct } from 'constructs';
import { EventBridgeStackCommon, StackCommon } from '../schema/resolve';
import { AwsSinkType, OktaOnlySinkType, SinkConfigOf, SinkType } from '../schema/sinks/index';
import { BrontoStack, brontoSink } from './bronto-stack';
import { CloudWatchLogsStack, cloudWatchLogsSink } from './cloudwatch-logs-stack';
import { DatadogStack, datadogSink } from './datadog-stack';
import { SinkFactory } from './eventbridge-pipeline';
import { HttpsStack, httpsSink } from './https-stack';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';
import { OortStack } from './oort-stack';
import { S3ArchiveStack, s3ArchiveSink } from './s3-archive-stack';
import { SlashIdStack, slashIdSink } from './slashid-stack';
import { SplunkCloudStack } from './splunk-cloud-stack';

/** An EventBridge sink in the stacks: what it creates (the factory), and its stack of one sink. */
export interface EventBridgeSinkStackForm<C> {
  readonly factory: SinkFactory<C>;
  readonly stack: new (scope: Construct, config: EventBridgeStackCommon & { readonly sink: C }) => OktaLogStreamingStack;
}

/** An Okta-only sink in the stacks: its stack, the stream alone. */
export interface OktaOnlySinkStackForm<C> {
  readonly stack: new (scope: Construct, config: StackCommon & { readonly sink: C }) => OktaLogStreamingStack;
}

export type SinkStackForms = { readonly [T in AwsSinkType]: EventBridgeSinkStackForm<SinkConfigOf<T>> } & { readonly [T in OktaOnlySinkType]: OktaOnlySinkStackForm<SinkConfigOf<T>> };

export const SINK_STACKS: SinkStackForms = {
  bronto: { factory: brontoSink, stack: BrontoStack },
  datadog: { factory: datadogSink, stack: DatadogStack },
  slashid: { factory: slashIdSink, stack: SlashIdStack },
  cloudwatch_logs: { factory: cloudWatchLogsSink, stack: CloudWatchLogsStack },
  https: { factory: httpsSink, stack: HttpsStack },
  s3_archive: { factory: s3ArchiveSink, stack: S3ArchiveStack },
  oort: { stack: OortStack },
  splunk_cloud: { stack: SplunkCloudStack },
};

/**
 * The form of an EventBridge sink type. (TypeScript cannot tie a union of configs to the matching
 * entry of a map keyed by their types; the map's type above ties each entry to its own config.)
 */
export function eventBridgeSinkForm<C extends { readonly type: AwsSinkType }>(type: C['type']): EventBridgeSinkStackForm<C> {
  return SINK_STACKS[type] as unknown as EventBridgeSinkStackForm<C>;
}

export function oktaOnlySinkForm<C extends { readonly type: OktaOnlySinkType }>(type: C['type']): OktaOnlySinkStackForm<C> {
  return SINK_STACKS[type] as unknown as OktaOnlySinkStackForm<C>;
}

export type { SinkType };
