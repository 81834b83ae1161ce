/**
 * The config loader (`okta-log-streaming/schema`, and re-exported from the package's root): YAML or
 * JSON text to a validated, resolved configuration, or every problem with its path; the zod schema
 * and the JSON Schema generated from it (also shipped as `okta-log-streaming/schema/config.schema.json`).
 * Pure: the caller reads the file. The other exports of schema/ are internal and may change.
 */
export { formatProblems, loadConfig, MAX_STREAMS_PER_OKTA_ORG, MAX_YAML_ALIASES, parseConfigText, validateConfig } from './validate';
export type { Problem, ResolvedConfig, Result } from './validate';
export { configSchema, SINK_TYPES } from './config';
export type { AwsConfig, AwsSinkConfig, Config, FanOutSinkConfig, OktaConfig, SinkConfig, StackConfig } from './config';
export { configJsonSchema } from './json-schema';
export { STATE_BUCKET_STACK } from './cross-check';

// A stack entry as the stacks consume it: the config with what it inherits filled in.
export type {
  EventBridgeStackCommon,
  // `FanOutStack` is the stack class at the package's root; this is its resolved config.
  FanOutStack as FanOutStackConfig,
  OktaOnlyStack,
  ResolvedAlarms,
  ResolvedStack,
  SingleSinkStack,
  StackCommon,
} from './resolve';

// Each sink's config, as a stack entry's `sink` holds it.
export type { BrontoSinkConfig } from './sinks/bronto';
export type { CloudWatchLogsSinkConfig } from './sinks/cloudwatch-logs';
export type { DatadogSinkConfig } from './sinks/datadog';
export type { HttpsSinkConfig } from './sinks/https';
export type { OortSinkConfig } from './sinks/oort';
export type { S3ArchiveSinkConfig } from './sinks/s3-archive';
export type { SlashIdSinkConfig } from './sinks/slashid';
export type { SplunkCloudSinkConfig } from './sinks/splunk-cloud';
