/**
 * Okta and EventBridge facts (design.md §3) that decide whether a plan applies. The constructs check
 * literal values against them; the config validator reuses them so both tiers agree.
 */

/** AWS regions Okta streams to. The okta provider does not check the region; Okta does, at apply. */
export const OKTA_STREAM_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

export type OktaStreamRegion = (typeof OKTA_STREAM_REGIONS)[number];

/**
 * What the okta provider (4.20.0 to 6.x) accepts for `settings.event_source_name`. Okta's API also allows `-`, but
 * the provider's regex is double-escaped and rejects it.
 */
export const EVENT_SOURCE_NAME_PATTERN = /^[A-Za-z0-9._]{1,75}$/;

export const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** Prefix of every Okta partner event source (and so of the `source` of every Okta event). */
export const OKTA_PARTNER_SOURCE_PREFIX = 'aws.partner/okta.com';

/** Every Okta System Log event on a partner bus. Okta cannot filter: any filtering happens in rule patterns. */
export const OKTA_SYSTEM_LOG_EVENT_PATTERN = {
  source: [{ prefix: OKTA_PARTNER_SOURCE_PREFIX }],
  'detail-type': ['SystemLog'],
} as const;

/** EventBridge accepts at most five targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

/** The partner event source (and bus) name Okta creates. Deterministic: built, never looked up. */
export function partnerEventSourceName(orgName: string, eventSourceName: string): string {
  return `${OKTA_PARTNER_SOURCE_PREFIX}/${orgName}/${eventSourceName}`;
}
