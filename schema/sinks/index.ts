/**
 * Every sink type, once: the root of the sink registries. The config schema (and so the JSON
 * Schema), the sink type lists, the validator's cross-field rules and the docs read this; the stacks
 * (stacks/sinks.ts) and the Terraform modules (cli/terraform-modules/sinks/index.ts) each keep a
 * registry keyed by the same types, which TypeScript holds complete. The order here is the order of
 * the schema's unions, the docs and the modules.
 */
import { z } from 'zod';
import { brontoSink } from './bronto';
import { cloudWatchLogsSink } from './cloudwatch-logs';
import { datadogSink } from './datadog';
import { httpsSink } from './https';
import { oortSink } from './oort';
import { s3ArchiveSink } from './s3-archive';
import { slashIdSink } from './slashid';
import { SinkDeclaration } from './sink';
import { splunkCloudSink } from './splunk-cloud';

export type { SinkDeclaration } from './sink';

/** Each sink declared under its own type (a declaration filed under another type does not compile). */
function registry<R extends { readonly [T in keyof R]: SinkDeclaration & { readonly type: T } }>(sinks: R): R {
  return sinks;
}

export const SINKS = registry({
  bronto: brontoSink,
  datadog: datadogSink,
  slashid: slashIdSink,
  cloudwatch_logs: cloudWatchLogsSink,
  https: httpsSink,
  s3_archive: s3ArchiveSink,
  oort: oortSink,
  splunk_cloud: splunkCloudSink,
});

type Sinks = typeof SINKS;
export type SinkType = keyof Sinks;
/** Sinks behind an EventBridge rule in the user's account: they can share a stream (fan-out). */
export type AwsSinkType = { [T in SinkType]: Sinks[T]['kind'] extends 'eventbridge' ? T : never }[SinkType];
/** Sinks that are an Okta stream of their own, with no AWS side in the user's account. */
export type OktaOnlySinkType = Exclude<SinkType, AwsSinkType>;

export const SINK_DECLARATIONS: readonly Sinks[SinkType][] = Object.values(SINKS);
const AWS_SINKS = SINK_DECLARATIONS.filter((sink): sink is Sinks[AwsSinkType] => sink.kind === 'eventbridge');
const OKTA_ONLY_SINKS = SINK_DECLARATIONS.filter((sink): sink is Sinks[OktaOnlySinkType] => sink.kind === 'okta_only');

export const SINK_TYPES: readonly SinkType[] = SINK_DECLARATIONS.map((sink) => sink.type);
export const AWS_SINK_TYPES: readonly AwsSinkType[] = AWS_SINKS.map((sink) => sink.type);
export const OKTA_ONLY_SINK_TYPES: readonly OktaOnlySinkType[] = OKTA_ONLY_SINKS.map((sink) => sink.type);

/** The declaration of a type from the config as written (any value), or undefined for an unknown one. */
export function sinkDeclaration(type: unknown): Sinks[SinkType] | undefined {
  return typeof type === 'string' && Object.hasOwn(SINKS, type) ? SINKS[type as SinkType] : undefined;
}

export const isOktaOnlySinkType = (type: unknown): type is OktaOnlySinkType => sinkDeclaration(type)?.kind === 'okta_only';
export const isAwsSinkType = (type: unknown): type is AwsSinkType => sinkDeclaration(type)?.kind === 'eventbridge';

const nonEmpty = <T>(items: readonly T[]): [T, ...T[]] => {
  if (items.length === 0) throw new Error('no sinks declared');
  return [items[0], ...items.slice(1)];
};

/** The options of the schema's unions, in the registry's order. */
export const awsSinkSchemas = nonEmpty(AWS_SINKS.map((sink) => sink.schema as Sinks[AwsSinkType]['schema']));
export const oktaOnlySinkSchemas = nonEmpty(OKTA_ONLY_SINKS.map((sink) => sink.schema as Sinks[OktaOnlySinkType]['schema']));
export const fanOutSinkSchemas = nonEmpty(AWS_SINKS.map((sink) => sink.fanOutSchema as Sinks[AwsSinkType]['fanOutSchema']));

/** One sink type's config, as a stack entry's `sink` holds it. */
export type SinkConfigOf<T extends SinkType> = z.output<Sinks[T]['schema']>;
/** One EventBridge sink type's config, as a fan-out stack's `sinks[]` entry holds it. */
export type FanOutSinkConfigOf<T extends AwsSinkType> = z.output<Sinks[T]['fanOutSchema']>;
