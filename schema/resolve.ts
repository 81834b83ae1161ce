/**
 * A validated stack entry with what it inherits filled in, as the stacks consume it: one of three
 * kinds, so each stack class gets exactly the fields it needs.
 */
import { StreamAdopt } from './adopt';
import { DEFAULT_OKTA_QUIET_HOURS } from './alarms';
import { AwsConfig, AwsSinkConfig, Config, FanOutSinkConfig, OktaConfig, StackConfig } from './config';
import { StackKmsKey, stackKmsKey } from './encryption';
import { BusLoggingConfig, busLoggingSchema } from './bus-logging';
import { FilterConfig } from './filter';
import { OortSinkConfig } from './sinks/oort';
import { SplunkCloudSinkConfig } from './sinks/splunk-cloud';
import { isOktaOnlySinkType } from './sinks/index';

/** Seconds between creating the stream and creating the partner bus, unless configured. */
export const DEFAULT_PARTNER_SOURCE_WAIT_SECONDS = 60;
/** Days the partner bus archive keeps events, unless configured. */
export const DEFAULT_ARCHIVE_RETENTION_DAYS = 30;

export interface ResolvedAlarms {
  readonly email: readonly string[];
  readonly https: readonly string[];
  readonly okta_quiet_hours: number;
  readonly topic_kms_key_arn?: string;
}

export interface StackCommon {
  readonly name: string;
  readonly okta: OktaConfig;
  readonly aws: AwsConfig;
  readonly backend: Config['backend'];
  readonly tags: Config['tags'];
  readonly versions: Config['versions'];
  readonly prevent_destroy: boolean;
  readonly adopt?: StreamAdopt;
}

/** A stack whose stream lands on a partner bus in the user's account. */
export interface EventBridgeStackCommon extends StackCommon {
  readonly event_source_name: string;
  readonly partner_source_wait_seconds: number;
  readonly archive_retention_days: number;
  readonly alarms: ResolvedAlarms;
  /** The stack's customer managed key, if any: the stack's encryption, else the top-level one. */
  readonly kms_key: StackKmsKey;
  /** The partner bus's own log: the stack's bus_logging, else the top-level one. */
  readonly bus_logging: BusLoggingConfig;
}

export interface SingleSinkStack extends EventBridgeStackCommon {
  readonly kind: 'single';
  readonly sink: AwsSinkConfig;
}

export interface FanOutStack extends EventBridgeStackCommon {
  readonly kind: 'fan_out';
  readonly sinks: readonly FanOutSinkConfig[];
}

/** A stack that is an Okta stream only: to a vendor's account (Oort) or to Splunk Cloud. */
export interface OktaOnlyStack extends StackCommon {
  readonly kind: 'okta_only';
  readonly sink: OortSinkConfig | SplunkCloudSinkConfig;
}

export type ResolvedStack = SingleSinkStack | FanOutStack | OktaOnlyStack;

/** Resolves a stack the validator accepted (so exactly one of sink/sinks, and event_source_name where needed). */
export function resolveStack(config: Config, stack: StackConfig): ResolvedStack {
  const common: StackCommon = {
    name: stack.name,
    okta: { ...config.okta, ...stack.okta },
    aws: { ...config.aws, ...stack.aws },
    // One state bucket, one region: a stack's own region has nothing to do with where its state lives.
    backend: config.backend.type === 's3' ? { ...config.backend, region: config.backend.region ?? config.aws.region } : config.backend,
    tags: config.tags,
    versions: config.versions,
    prevent_destroy: stack.prevent_destroy,
    ...(stack.adopt === undefined ? {} : { adopt: stack.adopt }),
  };
  if (stack.sink !== undefined && isOktaOnlySink(stack.sink)) return { ...common, kind: 'okta_only', sink: stack.sink };
  if (stack.event_source_name === undefined) throw new Error(`stack ${stack.name}: event_source_name missing after validation`);
  const eventBridge = {
    ...common,
    event_source_name: stack.event_source_name,
    partner_source_wait_seconds: stack.partner_source_wait_seconds ?? DEFAULT_PARTNER_SOURCE_WAIT_SECONDS,
    archive_retention_days: stack.archive_retention_days ?? DEFAULT_ARCHIVE_RETENTION_DAYS,
    alarms: resolveAlarms({ ...config.alarms, ...stack.alarms }),
    kms_key: stackKmsKey(stack.encryption?.kms_key ?? config.encryption?.kms_key ?? 'aws_owned'),
    bus_logging: stack.bus_logging ?? config.bus_logging ?? busLoggingSchema.parse({}),
  };
  if (stack.sinks !== undefined) return { ...eventBridge, kind: 'fan_out', sinks: stack.sinks.map((sink) => withStackFilter(sink, stack.filter)) };
  if (stack.sink === undefined) throw new Error(`stack ${stack.name}: sink missing after validation`);
  return { ...eventBridge, kind: 'single', sink: withStackFilter(stack.sink, stack.filter) };
}

/** A sink's effective filter: its own, else the stack's (a sink's own replaces the stack's wholly). */
function withStackFilter<S extends { readonly filter?: FilterConfig }>(sink: S, filter: FilterConfig): S {
  return sink.filter !== undefined || filter === undefined ? sink : { ...sink, filter };
}

function isOktaOnlySink(sink: NonNullable<StackConfig['sink']>): sink is OktaOnlyStack['sink'] {
  return isOktaOnlySinkType(sink.type);
}

function resolveAlarms(alarms: Partial<ResolvedAlarms>): ResolvedAlarms {
  return {
    email: alarms.email ?? [],
    https: alarms.https ?? [],
    okta_quiet_hours: alarms.okta_quiet_hours ?? DEFAULT_OKTA_QUIET_HOURS,
    ...(alarms.topic_kms_key_arn === undefined ? {} : { topic_kms_key_arn: alarms.topic_kms_key_arn }),
  };
}
