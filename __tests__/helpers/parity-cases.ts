/**
 * The parity cases: for each sink kind and each option that changes resources, a module call and
 * the stack config entry it is equivalent to (__tests__/cli/terraform-modules/parity.test.ts runs them;
 * __tests__/modules/token-branches.test.ts names the cases that exercise each branch on a reference).
 */
import { Json } from '../../cli/hcl/render';

export type Inputs = Record<string, Json>;

/** One module call and the stack config entry it is equivalent to. */
export interface ParityCase {
  readonly module: string;
  /**
   * sink: the module's resources are the stack's minus the source's; source: the stack's source
   * minus its dashboard (the source module has none); okta: all of the stack's.
   * @default "sink"
   */
  readonly kind?: 'sink' | 'source' | 'okta';
  /** The module's inputs; a sink module also gets name, event_bus_name and alarm_topic_arn. */
  readonly inputs: Inputs;
  /** The stack's `sink` entry. */
  readonly sink: Record<string, Json>;
  /** More of the stack's entry (alarms, archive_retention_days …). */
  readonly stack?: Record<string, Json>;
  /** Secret inputs: the module's variable → the stack's variable. */
  readonly secrets?: Record<string, string>;
  /** What the secret inputs are given (a stand-in, not a secret). @default SECRET */
  readonly secretValue?: string;
}

export const SECRET = 'parity-test-value';
export const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:parity-alarm-topic';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ALIAS = 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs';
const KEY_2 = 'arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab';
/** A filter using every include and exclude list the config has (in two cases: include and exclude may not share a field). */
const FILTER_INCLUDE = { include: { event_type_prefixes: ['user.session.', 'user.authentication.auth_via_IDP'], severities: ['WARN', 'ERROR'], outcomes: ['FAILURE'] } };
const FILTER_EXCLUDE = { exclude: { event_type_prefix: 'system.', severities: ['DEBUG'], outcomes: ['SKIPPED', 'UNKNOWN'] } };
const FILTER_MIXED = { include: { severities: ['WARN'] }, exclude: { event_types: ['user.session.start', 'user.session.end'] } };
/** Exact event types beside prefixes (one field's alternatives), and another include list. */
const FILTER_EXACT = { include: { event_types: ['user.session.start', 'user.authentication.auth_via_mfa'], event_type_prefixes: ['user.account.'], outcomes: ['FAILURE'] }, exclude: { severities: ['DEBUG'] } };

const bronto = { type: 'bronto', region: 'eu', collection: 'okta-prod' };
const datadog = { type: 'datadog', site: 'datadoghq.eu', api_key_variable: 'dd_key' };
const https = { type: 'https', endpoint: 'https://collector.example.com/v1/okta', auth: { type: 'api_key', header: 'X-Api-Key', value_variable: 'siem_key' } };

export const CASES: Record<string, ParityCase> = {
  'bronto defaults': { module: 'bronto', inputs: { bronto_region: 'eu', collection: 'okta-prod' }, sink: bronto, secrets: { bronto_api_key: 'bronto_api_key' } },
  'bronto every option': {
    module: 'bronto',
    inputs: { bronto_region: 'us', collection: 'c', dataset: 'd', invocation_rate_limit_per_second: 10, maximum_event_age_seconds: 3600, maximum_retry_attempts: 3, okta_quiet_hours: 6 },
    sink: { ...bronto, region: 'us', collection: 'c', dataset: 'd', invocation_rate_limit_per_second: 10, delivery: { maximum_event_age_seconds: 3600, maximum_retry_attempts: 3 } },
    stack: { alarms: { okta_quiet_hours: 6 } },
    secrets: { bronto_api_key: 'bronto_api_key' },
  },
  'datadog defaults': { module: 'datadog', inputs: { site: 'datadoghq.eu' }, sink: datadog, secrets: { datadog_api_key: 'dd_key' } },
  'datadog envelope': { module: 'datadog', inputs: { site: 'us5.datadoghq.com', body: 'envelope' }, sink: { ...datadog, site: 'us5.datadoghq.com', body: 'envelope' }, secrets: { datadog_api_key: 'dd_key' } },
  'slashid okta_event': { module: 'slashid', inputs: { body: 'okta_event' }, sink: { type: 'slashid', token_variable: 'sid', body: 'okta_event' }, secrets: { slashid_api_token: 'sid' } },
  'slashid envelope': { module: 'slashid', inputs: {}, sink: { type: 'slashid', token_variable: 'sid' }, secrets: { slashid_api_token: 'sid' } },
  'cloudwatch-logs defaults': { module: 'cloudwatch-logs', inputs: {}, sink: { type: 'cloudwatch_logs' } },
  'cloudwatch-logs every option': {
    module: 'cloudwatch-logs',
    inputs: { log_group_name: '/okta/events', retention_in_days: 30, kms_key_arn: KEY, body: 'okta_event' },
    sink: { type: 'cloudwatch_logs', log_group_name: '/okta/events', retention_in_days: 30, kms_key_arn: KEY, body: 'okta_event' },
  },
  'https envelope': { module: 'https', inputs: { endpoint: https.endpoint, api_key_header: 'X-Api-Key' }, sink: https, secrets: { https_api_key: 'siem_key' } },
  'https okta_event with headers': {
    module: 'https',
    inputs: { endpoint: https.endpoint, api_key_header: 'X-Api-Key', body: 'okta_event', headers: { 'X-Source': 'okta' }, http_method: 'PUT' },
    sink: { ...https, body: 'okta_event', headers: { 'X-Source': 'okta' }, http_method: 'PUT' },
    secrets: { https_api_key: 'siem_key' },
  },
  'https splunk_hec with query parameters': {
    module: 'https',
    inputs: { endpoint: 'https://http-inputs-acme.splunkcloud.com/services/collector/event', api_key_header: 'Authorization', body: 'splunk_hec', query_parameters: { channel: 'okta' } },
    sink: { ...https, endpoint: 'https://http-inputs-acme.splunkcloud.com/services/collector/event', auth: { type: 'api_key', header: 'Authorization', value_variable: 'siem_key' }, body: 'splunk_hec', query_parameters: { channel: 'okta' } },
    secrets: { https_api_key: 'siem_key' },
  },
  'https basic auth': {
    module: 'https',
    inputs: { endpoint: https.endpoint, auth_type: 'basic', basic_username: 'okta-events' },
    sink: { ...https, auth: { type: 'basic', username: 'okta-events', password_variable: 'siem_password' } },
    secrets: { https_password: 'siem_password' },
  },
  'https oauth client credentials with body parameters': {
    module: 'https',
    inputs: { endpoint: https.endpoint, auth_type: 'oauth_client_credentials', oauth_authorization_endpoint: 'https://auth.example.com/oauth2/token', oauth_client_id: 'okta-events', oauth_http_method: 'PUT', oauth_body_parameters: { scope: 'logs.write', audience: 'siem' } },
    sink: {
      ...https,
      auth: { type: 'oauth_client_credentials', authorization_endpoint: 'https://auth.example.com/oauth2/token', client_id: 'okta-events', http_method: 'PUT', client_secret_variable: 'siem_secret', body_parameters: { scope: 'logs.write', audience: 'siem' } },
    },
    secrets: { https_client_secret: 'siem_secret' },
  },
  'https oauth client credentials, no body parameters': {
    module: 'https',
    inputs: { endpoint: https.endpoint, auth_type: 'oauth_client_credentials', oauth_authorization_endpoint: 'https://auth.example.com/oauth2/token', oauth_client_id: 'okta-events' },
    sink: { ...https, auth: { type: 'oauth_client_credentials', authorization_endpoint: 'https://auth.example.com/oauth2/token', client_id: 'okta-events', client_secret_variable: 'siem_secret' } },
    secrets: { https_client_secret: 'siem_secret' },
  },
  'bronto with an include filter': { module: 'bronto', inputs: { bronto_region: 'eu', collection: 'okta-prod', filter: FILTER_INCLUDE }, sink: { ...bronto, filter: FILTER_INCLUDE }, secrets: { bronto_api_key: 'bronto_api_key' } },
  'datadog with an exclude filter, service and tags': {
    module: 'datadog',
    inputs: { site: 'datadoghq.eu', filter: FILTER_EXCLUDE, service: 'okta', tags: ['env:prod', 'team:security'] },
    sink: { ...datadog, filter: FILTER_EXCLUDE, service: 'okta', tags: ['env:prod', 'team:security'] },
    secrets: { datadog_api_key: 'dd_key' },
  },
  'datadog with one include list and one exclude list, service only': {
    module: 'datadog',
    inputs: { site: 'datadoghq.eu', filter: FILTER_MIXED, service: 'okta' },
    sink: { ...datadog, filter: FILTER_MIXED, service: 'okta' },
    secrets: { datadog_api_key: 'dd_key' },
  },
  'bronto with exact event types beside prefixes': { module: 'bronto', inputs: { bronto_region: 'eu', collection: 'okta-prod', filter: FILTER_EXACT }, sink: { ...bronto, filter: FILTER_EXACT }, secrets: { bronto_api_key: 'bronto_api_key' } },
  'slashid with exact event types only': {
    module: 'slashid',
    inputs: { filter: { include: { event_types: ['user.session.start'] } } },
    sink: { type: 'slashid', token_variable: 'sid', filter: { include: { event_types: ['user.session.start'] } } },
    secrets: { slashid_api_token: 'sid' },
  },
  'slashid with a one-prefix filter and a dead-letter key alias': {
    module: 'slashid',
    inputs: { filter: { include: { event_type_prefixes: ['user.'] } }, dead_letter_queue_kms_key_arn: KEY_ALIAS },
    sink: { type: 'slashid', token_variable: 'sid', filter: { include: { event_type_prefixes: ['user.'] } }, delivery: { dead_letter_queue_kms_key_arn: KEY_ALIAS } },
    secrets: { slashid_api_token: 'sid' },
  },
  'cloudwatch-logs with a dead-letter key': {
    module: 'cloudwatch-logs',
    inputs: { dead_letter_queue_kms_key_arn: KEY, filter: { exclude: { event_types: ['user.session.access_admin_app'] } } },
    sink: { type: 'cloudwatch_logs', delivery: { dead_letter_queue_kms_key_arn: KEY }, filter: { exclude: { event_types: ['user.session.access_admin_app'] } } },
  },
  's3-archive defaults': { module: 's3-archive', inputs: { bucket_name: 'acme-okta-archive-0' }, sink: { type: 's3_archive', bucket_name: 'acme-okta-archive-0' } },
  's3-archive every option': {
    module: 's3-archive',
    inputs: {
      bucket_name: 'acme-okta-archive-1',
      prefix: 'okta/prod/',
      buffering_interval_seconds: 60,
      buffering_size_mb: 5,
      transition_to_glacier_days: 90,
      expiration_days: 2557,
      kms_key_arn: KEY,
      body: 'okta_event',
      filter: FILTER_INCLUDE,
    },
    sink: {
      type: 's3_archive',
      bucket_name: 'acme-okta-archive-1',
      prefix: 'okta/prod/',
      buffering_interval_seconds: 60,
      buffering_size_mb: 5,
      transition_to_glacier_days: 90,
      expiration_days: 2557,
      kms_key_arn: KEY,
      body: 'okta_event',
      filter: FILTER_INCLUDE,
    },
  },
  's3-archive expiry only': {
    module: 's3-archive',
    inputs: { bucket_name: 'acme-okta-archive-2', expiration_days: 30 },
    sink: { type: 's3_archive', bucket_name: 'acme-okta-archive-2', expiration_days: 30 },
  },
  'source module defaults': {
    module: 'okta-eventbridge-source',
    kind: 'source',
    inputs: { okta_org_name: 'acme', aws_account_id: '123456789012', aws_region: 'eu-west-1' },
    sink: { type: 'cloudwatch_logs' },
  },
  'source module every option': {
    module: 'okta-eventbridge-source',
    kind: 'source',
    inputs: { okta_org_name: 'acme', aws_account_id: '123456789012', aws_region: 'eu-west-1', partner_source_wait_seconds: 120, archive_retention_days: 0, alarm_topic_kms_key_arn: KEY_ALIAS },
    sink: { type: 'cloudwatch_logs' },
    stack: { partner_source_wait_seconds: 120, archive_retention_days: 0, alarms: { topic_kms_key_arn: KEY_ALIAS } },
  },
  'source module under a given key': {
    module: 'okta-eventbridge-source',
    kind: 'source',
    inputs: { okta_org_name: 'acme', aws_account_id: '123456789012', aws_region: 'eu-west-1', encryption_kms_key_arn: KEY },
    sink: { type: 'cloudwatch_logs' },
    stack: { encryption: { kms_key: KEY } },
  },
  'source module under a given key, the alarm topic under its own': {
    module: 'okta-eventbridge-source',
    kind: 'source',
    inputs: { okta_org_name: 'acme', aws_account_id: '123456789012', aws_region: 'eu-west-1', encryption_kms_key_arn: KEY, alarm_topic_kms_key_arn: KEY_ALIAS },
    sink: { type: 'cloudwatch_logs' },
    stack: { encryption: { kms_key: KEY }, alarms: { topic_kms_key_arn: KEY_ALIAS } },
  },
  'bronto under a given key': { module: 'bronto', inputs: { bronto_region: 'eu', collection: 'okta-prod', encryption_kms_key_arn: KEY }, sink: bronto, stack: { encryption: { kms_key: KEY } }, secrets: { bronto_api_key: 'bronto_api_key' } },
  'https under a given key, the DLQ under its own': {
    module: 'https',
    inputs: { endpoint: https.endpoint, api_key_header: 'X-Api-Key', encryption_kms_key_arn: KEY, dead_letter_queue_kms_key_arn: KEY_ALIAS },
    sink: { ...https, delivery: { dead_letter_queue_kms_key_arn: KEY_ALIAS } },
    stack: { encryption: { kms_key: KEY } },
    secrets: { https_api_key: 'siem_key' },
  },
  'cloudwatch-logs under a given key': { module: 'cloudwatch-logs', inputs: { encryption_kms_key_arn: KEY }, sink: { type: 'cloudwatch_logs' }, stack: { encryption: { kms_key: KEY } } },
  'cloudwatch-logs under a given key, the group under its own': {
    module: 'cloudwatch-logs',
    inputs: { encryption_kms_key_arn: KEY, kms_key_arn: KEY_2 },
    sink: { type: 'cloudwatch_logs', kms_key_arn: KEY_2 },
    stack: { encryption: { kms_key: KEY } },
  },
  's3-archive under a given key': { module: 's3-archive', inputs: { bucket_name: 'acme-okta-archive-3', encryption_kms_key_arn: KEY }, sink: { type: 's3_archive', bucket_name: 'acme-okta-archive-3' }, stack: { encryption: { kms_key: KEY } } },
  's3-archive under a given key, the bucket under its own': {
    module: 's3-archive',
    inputs: { bucket_name: 'acme-okta-archive-4', encryption_kms_key_arn: KEY, kms_key_arn: KEY_2 },
    sink: { type: 's3_archive', bucket_name: 'acme-okta-archive-4', kms_key_arn: KEY_2 },
    stack: { encryption: { kms_key: KEY } },
  },
  'oort production': { module: 'oort', kind: 'okta', inputs: { integration_id: 'a1b2c3d4e5f6' }, sink: { type: 'oort', integration_id: 'a1b2c3d4e5f6' } },
  'oort staging': { module: 'oort', kind: 'okta', inputs: { integration_id: 'a1b2c3d4e5f6', environment: 'staging' }, sink: { type: 'oort', integration_id: 'a1b2c3d4e5f6', environment: 'staging' } },
  'splunk-cloud': {
    module: 'splunk-cloud',
    kind: 'okta',
    inputs: { host: 'acme.splunkcloud.com', edition: 'gcp' },
    sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'gcp', token_variable: 'hec' },
    secrets: { splunk_hec_token: 'hec' },
    // The HEC token input must be a UUID.
    secretValue: '00000000-0000-4000-8000-000000000000',
  },
};

