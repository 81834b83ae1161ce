/**
 * The construct library (`okta-log-streaming/modules`, and re-exported from the package's root):
 * the constructs of modules/, for a CDKTF app of your own. Constructs only: no providers, backends
 * or outputs; the app's stack declares those. The public surface is what is listed here; the other
 * exports of modules/ (policy and key-grant helpers …) are internal and may change.
 */

// The sink contract: a sink binds to a rule on the partner bus, creates what it needs and returns
// its target; `OktaRuleTarget` creates the target with a retry policy and a dead-letter queue.
export type { OktaLogSink, SinkTargetConfig, SinkBody, DashboardMetric } from './okta-log-sink';
export { OktaRuleTarget, RETRY_LIMITS } from './okta-rule-target';
export type { OktaRuleTargetProps, TargetDeliveryProps } from './okta-rule-target';

// The Okta side and the partner bus: the stream, the bus behind it, the rule that matches Okta events.
export { OktaEventBridgeLogStream } from './okta-eventbridge-log-stream';
export type { OktaEventBridgeLogStreamProps } from './okta-eventbridge-log-stream';
export { OktaEventSource } from './okta-event-source';
export type { OktaEventSourceProps } from './okta-event-source';
export { OktaEventRule } from './okta-event-rule';
export type { OktaEventRuleProps } from './okta-event-rule';
export { compileFilter, filterProblems, OKTA_OUTCOMES, OKTA_SEVERITIES } from './okta-event-filter';
export type { OktaEventFilter, OktaEventFilterExclude, OktaEventFilterInclude } from './okta-event-filter';
export {
  EVENT_SOURCE_NAME_PATTERN,
  MAX_TARGETS_PER_RULE,
  OKTA_PARTNER_SOURCE_PREFIX,
  OKTA_STREAM_REGIONS,
  OKTA_SYSTEM_LOG_EVENT_PATTERN,
  partnerEventSourceName,
} from './facts';
export type { OktaStreamRegion } from './facts';

// The sinks (each an OktaLogSink).
export { ApiDestinationSink } from './api-destination-sink';
export type {
  ApiDestinationSinkProps,
  ApiKeyAuthorization,
  BasicAuthorization,
  ConnectionAuthorization,
  OAuthClientCredentialsAuthorization,
} from './api-destination-sink';
export { BrontoSink, brontoEndpoint } from './bronto-sink';
export type { BrontoRegion, BrontoSinkProps } from './bronto-sink';
export { DatadogSink, DATADOG_SITES, datadogEndpoint } from './datadog-sink';
export type { DatadogSinkProps, DatadogSite } from './datadog-sink';
export { SlashIdSink, SLASHID_ENDPOINT } from './slashid-sink';
export type { SlashIdSinkProps } from './slashid-sink';
export { CloudWatchLogsSink, LOG_RETENTION_DAYS } from './cloudwatch-logs-sink';
export type { CloudWatchLogsSinkProps } from './cloudwatch-logs-sink';
export { LogDeliveryPolicy } from './log-delivery-policy';
export { S3ArchiveSink } from './s3-archive-sink';
export type { S3ArchiveSinkProps } from './s3-archive-sink';

// Okta streams that land outside your AWS account.
export { OortLogStream, OORT_ACCOUNTS, OORT_REGION } from './oort-log-stream';
export type { OortEnvironment, OortLogStreamProps } from './oort-log-stream';
export { OktaSplunkLogStream, SPLUNK_EDITIONS } from './okta-splunk-log-stream';
export type { OktaSplunkLogStreamProps, SplunkEdition } from './okta-splunk-log-stream';

// What the stacks add around a pipeline: archive, alarms, dashboard, dead letters, bus log, key.
export { OktaEventArchive } from './okta-event-archive';
export type { OktaEventArchiveProps } from './okta-event-archive';
export { AlarmTopic } from './alarm-topic';
export type { AlarmTopicProps } from './alarm-topic';
export { DeliveryAlarms } from './delivery-alarms';
export type { DeliveryAlarmsProps } from './delivery-alarms';
export { OktaDashboard } from './okta-dashboard';
export type { DashboardSink, OktaDashboardProps } from './okta-dashboard';
export { DeadLetterQueue } from './dead-letter-queue';
export type { DeadLetterQueueProps } from './dead-letter-queue';
export { BusDeadLetters } from './bus-dead-letters';
export type { BusDeadLettersProps } from './bus-dead-letters';
export { BusLogging, BUS_LOG_LEVELS } from './bus-logging';
export type { BusLoggingProps, BusLogLevel } from './bus-logging';
export { StackKey } from './stack-key';
export type { StackKeyProps } from './stack-key';

// The state bucket and the pipeline's deployer roles (the bootstrap stack).
export { SecureBucket } from './secure-bucket';
export type { SecureBucketProps } from './secure-bucket';
export { StateBucket } from './state-bucket';
export type { StateBucketProps } from './state-bucket';
export { GithubDeployerRoles, PIPELINE_ROLES } from './github-deployer-roles';
export type { GithubDeployerRolesProps, PipelineRole } from './github-deployer-roles';
// Renames that keep state: `moved` blocks for a renamed construct, or written out.
export { MovedBlocks, renamedFrom } from './moved';
export type { Move } from './moved';
