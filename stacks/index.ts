/**
 * The package's root (`import … from 'okta-log-streaming'`): what a CDKTF app of your own composes.
 *
 * - the stacks: `createStacks` builds one stack per entry of a loaded config, as the tool does; or
 *   one stack class per sink kind, the fan-out stack and the state-bucket stack, each from a resolved
 *   stack entry;
 * - the sink contract of the stacks: a `SinkFactory` makes a sink from its config, `addEventBridgeSource`
 *   and `addSinkPipeline` add the stream, bus, rule, target, alarms and outputs around it;
 * - re-exported, the constructs (`okta-log-streaming/modules`, modules/index.ts) and the config
 *   loader (`okta-log-streaming/schema`, schema/index.ts).
 *
 * The public surface is what is listed here; the other exports of stacks/ are internal and may change.
 */
export * from '../modules/index';
export * from '../schema/index';

export { createStacks, configNameCollisions } from './create-stacks';

// Bases: every stack (okta provider, backend, sensitive variables), and the ones with an EventBridge pipeline.
export { IndependentStack } from './independent-stack';
export { OktaLogStreamingStack } from './okta-log-streaming-stack';
export type { StackSettings } from './okta-log-streaming-stack';
export { EventBridgeSinkStack } from './eventbridge-sink-stack';

// One stack per sink kind, several sinks on one stream, the state bucket.
export { BrontoStack, brontoSink } from './bronto-stack';
export { CloudWatchLogsStack, cloudWatchLogsSink } from './cloudwatch-logs-stack';
export { DatadogStack, datadogSink } from './datadog-stack';
export { HttpsStack, httpsSink } from './https-stack';
export { S3ArchiveStack, s3ArchiveSink } from './s3-archive-stack';
export { SlashIdStack, slashIdSink } from './slashid-stack';
export { FanOutStack } from './fan-out-stack';
export { OortStack } from './oort-stack';
export { SplunkCloudStack } from './splunk-cloud-stack';
export { StateBucketStack } from './state-bucket-stack';
export type { StateBucketStackProps } from './state-bucket-stack';

// The sink contract of the stacks.
export { addEventBridgeSource, addSinkPipeline } from './eventbridge-pipeline';
export type { EventBridgeSource, EventBridgeSourceSettings, SecretVariables, SinkContext, SinkFactory, SinkPipelineSettings } from './eventbridge-pipeline';

// What a synthesized stack needs at plan time (`variables.json`).
export { neededVariables, VARIABLES_FILE } from './variables-manifest';
export type { NeededVariable } from './variables-manifest';
