/**
 * A validated stack entry with what it inherits filled in, as the stacks consume it: one of three
 * kinds, so each stack class gets exactly the fields it needs.
 */
import { AwsConfig, AwsSinkConfig, Config, FanOutSinkConfig, OktaConfig, StackConfig } from './config';
import { OortSinkConfig } from './sinks/oort';
import { SplunkCloudSinkConfig } from './sinks/splunk-cloud';

/** Seconds between creating the stream and creating the partner bus, unless configured. */
export const DEFAULT_PARTNER_SOURCE_WAIT_SECONDS = 60;

export interface StackCommon {
  readonly name: string;
  readonly okta: OktaConfig;
  readonly aws: AwsConfig;
  readonly backend: Config['backend'];
  readonly tags: Config['tags'];
}

/** A stack whose stream lands on a partner bus in the user's account. */
export interface EventBridgeStackCommon extends StackCommon {
  readonly event_source_name: string;
  readonly partner_source_wait_seconds: number;
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
    backend: config.backend,
    tags: config.tags,
  };
  if (stack.sink?.type === 'oort' || stack.sink?.type === 'splunk_cloud') return { ...common, kind: 'okta_only', sink: stack.sink };
  if (stack.event_source_name === undefined) throw new Error(`stack ${stack.name}: event_source_name missing after validation`);
  const eventBridge = {
    ...common,
    event_source_name: stack.event_source_name,
    partner_source_wait_seconds: stack.partner_source_wait_seconds ?? DEFAULT_PARTNER_SOURCE_WAIT_SECONDS,
  };
  if (stack.sinks !== undefined) return { ...eventBridge, kind: 'fan_out', sinks: stack.sinks };
  if (stack.sink === undefined) throw new Error(`stack ${stack.name}: sink missing after validation`);
  return { ...eventBridge, kind: 'single', sink: stack.sink };
}
