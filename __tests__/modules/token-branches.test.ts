/**
 * Every place a construct or stack part asks whether a value is a Terraform reference (a module
 * input: Token.isUnresolved, mayBeNull, a filter reference, an authorization by reference) is listed here. A `check` only skips a literal-value check (the module input's validation
 * carries the rule). A `branch` makes different resources or arguments for a reference: it must name
 * the parity cases (helpers/parity-cases.ts) that evaluate its module path against the stacks. A
 * new site fails this test until it is classified — a new branch without a module path cannot slip in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CASES } from '../helpers/parity-cases';

type Site = { readonly kind: 'check'; readonly why: string } | { readonly kind: 'branch'; readonly cases: readonly string[] };

const HTTPS_AUTH = ['https envelope', 'https basic auth', 'https oauth client credentials with body parameters', 'https oauth client credentials, no body parameters'];

const SITES: Record<string, Site> = {
  'modules/dead-letter-queue.ts: if (!mayBeNull(kmsKeyArn)) return { kmsMasterKeyId: kmsKeyArn };': {
    kind: 'branch',
    cases: ['bronto defaults', 'bronto under a given key', 'cloudwatch-logs with a dead-letter key', 'slashid with a one-prefix filter and a dead-letter key alias', 'https under a given key, the DLQ under its own'],
  },
  'modules/optional-reference.ts: export function mayBeNull(value: string | undefined): value is string {': { kind: 'check', why: 'the definition of the test the other sites use' },
  'modules/s3-archive-sink.ts: encrypt !== undefined && mayBeNull(kms)': { kind: 'branch', cases: ['s3-archive defaults', 's3-archive every option', 's3-archive under a given key', 's3-archive under a given key, the bucket under its own'] },
  'modules/s3-archive-sink.ts: ...(streamKey === undefined || mayBeNull(streamKey) ? {} : { serverSideEncryption: streamEncryption(streamKey) }),': { kind: 'branch', cases: ['s3-archive defaults', 's3-archive under a given key'] },
  'modules/s3-archive-sink.ts: if (mayBeNull(streamKey)) {': { kind: 'branch', cases: ['s3-archive defaults', 's3-archive under a given key'] },
  'modules/s3-archive-sink.ts: return mayBeNull(streamKey) ? conditionalPolicyDocument([put], [{ when: Op.neq(streamKey, Token.nullValue()), statement: useKey }]) : policyDocument(put, useKey);': {
    kind: 'branch',
    cases: ['s3-archive defaults', 's3-archive under a given key'],
  },
  "modules/secure-bucket.ts: if (!mayBeNull(kmsKeyArn)) return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true };": {
    kind: 'branch',
    cases: ['s3-archive defaults', 's3-archive every option', 's3-archive under a given key', 's3-archive under a given key, the bucket under its own'],
  },
  'modules/stack-key.ts: if (general === undefined || !mayBeNull(specific)) return specific ?? general;': { kind: 'branch', cases: ['bronto under a given key', 'https under a given key, the DLQ under its own', 'cloudwatch-logs under a given key', 'cloudwatch-logs under a given key, the group under its own', 's3-archive under a given key', 's3-archive under a given key, the bucket under its own', 'source module under a given key', 'source module under a given key, the alarm topic under its own'] },
  'modules/stack-key.ts: if (!mayBeNull(ownKey)) return;': { kind: 'branch', cases: ['https under a given key, the DLQ under its own', 'cloudwatch-logs under a given key', 'cloudwatch-logs under a given key, the group under its own', 'source module under a given key', 'source module under a given key, the alarm topic under its own'] },
  'modules/stack-key.ts: return mayBeNull(general) ? optionalReference(chosen) : chosen;': { kind: 'branch', cases: ['bronto under a given key', 'https under a given key, the DLQ under its own', 'cloudwatch-logs under a given key', 'cloudwatch-logs under a given key, the group under its own', 's3-archive under a given key', 's3-archive under a given key, the bucket under its own', 'source module under a given key', 'source module under a given key, the alarm topic under its own'] },
  "modules/stack-key.ts: this.keyArn = alias === undefined || Token.isUnresolved(props.keyOrAliasArn) ? props.keyOrAliasArn : new DataAwsKmsAlias(this, 'Alias', { name: alias }).targetKeyArn;": {
    kind: 'check',
    why: 'a module\'s key input is a key ARN (its validation refuses aliases): no alias to resolve; the stacks resolve aliases (tested in modules/stack-key.test.ts)',
  },
  "modules/api-destination-sink.ts: readonly type: 'BY_REFERENCE';": { kind: 'check', why: 'the declaration of the variant' },
  "modules/api-destination-sink.ts: authorizationType: authorization.type === 'BY_REFERENCE' ? authorization.authorizationType : authorization.type,": { kind: 'branch', cases: HTTPS_AUTH },
  "modules/api-destination-sink.ts: authParameters: authorization.type === 'BY_REFERENCE' ? {} : authParameters(authorization),": { kind: 'branch', cases: HTTPS_AUTH },
  "modules/api-destination-sink.ts: if (authorization.type === 'BY_REFERENCE') chosenAuthParameters(connection, authorization);": { kind: 'branch', cases: HTTPS_AUTH },
  "modules/api-destination-sink.ts: case 'BY_REFERENCE':": { kind: 'check', why: 'every secret of every type must be a reference' },
  'modules/api-destination-sink.ts: if (!Token.isUnresolved(secret)) {': { kind: 'check', why: 'refuses a literal secret; modules pass sensitive variables' },
  'modules/api-destination-sink.ts: if (!Token.isUnresolved(rate) && (!Number.isInteger(rate) || rate < 1 || rate > 300)) {': { kind: 'check', why: 'invocation_rate_limit_per_second validation' },
  'modules/api-destination-sink.ts: namePrefix: `${Token.isUnresolved(name) ? Fn.substr(name, 0, 37) : name.slice(0, 37)}-`,': { kind: 'branch', cases: ['bronto defaults', 'https envelope'] },
  'modules/api-destination-sink.ts: const isReference = (map: Parameters): map is Readonly<Record<string, string>> => map !== undefined && Token.isUnresolved(map);': {
    kind: 'branch',
    cases: ['https envelope', 'https okta_event with headers', 'https splunk_hec with query parameters', 'datadog defaults', 'datadog with an exclude filter, service and tags'],
  },
  "modules/api-destination-sink.ts: return Token.isUnresolved(url) || url.startsWith('https://');": { kind: 'check', why: 'endpoint validation' },
  "modules/bronto-sink.ts: if (!Token.isUnresolved(props.region) && props.region !== 'eu' && props.region !== 'us') {": { kind: 'check', why: 'bronto_region validation' },
  'modules/cloudwatch-logs-sink.ts: if (!Token.isUnresolved(props.logGroupName) && !LOG_GROUP_NAME_PATTERN.test(props.logGroupName)) {': { kind: 'check', why: 'log_group_name validation' },
  'modules/cloudwatch-logs-sink.ts: if (!Token.isUnresolved(retention) && !(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {': { kind: 'check', why: 'retention_in_days validation' },
  'modules/datadog-sink.ts: if (!Token.isUnresolved(service) && !Token.isUnresolved(tags)) {': {
    kind: 'branch',
    cases: ['datadog defaults', 'datadog with an exclude filter, service and tags', 'datadog with one include list and one exclude list, service only'],
  },
  'modules/datadog-sink.ts: if (!Token.isUnresolved(props.site) && !(DATADOG_SITES as readonly string[]).includes(props.site)) {': { kind: 'check', why: 'site validation' },
  'modules/delivery-alarms.ts: if (!Token.isUnresolved(quietHours) && (!Number.isInteger(quietHours) || quietHours < 1 || quietHours > 24)) {': { kind: 'check', why: 'okta_quiet_hours validation' },
  'modules/okta-event-archive.ts: if (!Token.isUnresolved(retentionDays) && (!Number.isInteger(retentionDays) || retentionDays < 0)) {': { kind: 'check', why: 'archive_retention_days validation' },
  'modules/okta-event-filter.ts: export function isFilterReference(filter: unknown): filter is OktaEventFilterReference {': { kind: 'check', why: 'the definition of the test the next sites use' },
  "modules/okta-event-rule.ts: if (!Token.isUnresolved(props.eventBusName) && props.eventBusName === 'default') {": { kind: 'check', why: 'event_bus_name validation (a partner bus name)' },
  'modules/okta-event-rule.ts: const reference = isFilterReference(props.filter) ? props.filter : undefined;': {
    kind: 'branch',
    cases: ['bronto defaults', 'bronto with an include filter', 'datadog with an exclude filter, service and tags', 'datadog with one include list and one exclude list, service only', 'slashid with a one-prefix filter and a dead-letter key alias', 'cloudwatch-logs with a dead-letter key', 's3-archive every option'],
  },
  'modules/okta-event-rule.ts: const filter = isFilterReference(props.filter) ? undefined : props.filter;': { kind: 'check', why: 'the same decision as the line before' },
  'modules/okta-event-rule.ts: if (Token.isUnresolved(props.importFromBus) || Token.isUnresolved(props.ruleName)) {': { kind: 'check', why: 'adoption needs literals; modules do not adopt (import blocks belong to the root module)' },
  'modules/okta-event-source.ts: if (!Token.isUnresolved(waitSeconds) && (!Number.isInteger(waitSeconds) || waitSeconds < 1)) {': { kind: 'check', why: 'partner_source_wait_seconds validation' },
  'modules/okta-eventbridge-log-stream.ts: if (!Token.isUnresolved(value) && !valid) {': { kind: 'check', why: 'the stream settings\' validations' },
  'modules/okta-log-sink.ts: if (Token.isUnresolved(body)) {': {
    kind: 'branch',
    cases: ['https envelope', 'https okta_event with headers', 'https splunk_hec with query parameters', 'slashid okta_event', 'cloudwatch-logs every option', 's3-archive every option'],
  },
  'modules/okta-rule-target.ts: if (!Token.isUnresolved(checked) && (!Number.isInteger(checked) || checked < min || checked > max)) {': { kind: 'check', why: 'retry validations' },
  'modules/okta-splunk-log-stream.ts: if (!Token.isUnresolved(props.host) && !SPLUNK_HOST_PATTERN.test(props.host)) {': { kind: 'check', why: 'host validation' },
  'modules/okta-splunk-log-stream.ts: if (!Token.isUnresolved(props.edition) && !(SPLUNK_EDITIONS as readonly string[]).includes(props.edition)) {': { kind: 'check', why: 'edition validation' },
  'modules/okta-splunk-log-stream.ts: if (!Token.isUnresolved(props.token)) {': { kind: 'check', why: 'refuses a literal token' },
  'modules/oort-log-stream.ts: const accountId = Token.isUnresolved(environment) ? (Fn.lookup(OORT_ACCOUNTS, environment) as string) : OORT_ACCOUNTS[environment];': { kind: 'branch', cases: ['oort production', 'oort staging'] },
  'modules/s3-archive-sink.ts: if (transition !== undefined && expiration !== undefined && !Token.isUnresolved(expiration) && expiration <= transition) {': { kind: 'check', why: 'expiration_days validation' },
  "modules/s3-archive-sink.ts: if (!Token.isUnresolved(props.prefix ?? 'okta/') && !/^([A-Za-z0-9!_.*'()-]+\\/)+$/.test(props.prefix ?? 'okta/')) {": { kind: 'check', why: 'prefix validation' },
  'modules/s3-archive-sink.ts: if (days === undefined || !Token.isUnresolved(days)) continue;': { kind: 'branch', cases: ['s3-archive defaults', 's3-archive every option', 's3-archive expiry only'] },
  'modules/s3-archive-sink.ts: return value !== undefined && !Token.isUnresolved(value);': { kind: 'branch', cases: ['s3-archive defaults', 's3-archive every option', 's3-archive expiry only'] },
  'modules/s3-archive-sink.ts: const stem = Token.isUnresolved(name) ? Fn.substr(name, 0, 34) : name.slice(0, 34);': { kind: 'branch', cases: ['s3-archive defaults'] },
  'modules/s3-archive-sink.ts: if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {': { kind: 'check', why: 'buffering validations' },
  'stacks/eventbridge-pipeline.ts: filter: config.filter === undefined || isFilterReference(config.filter) ? config.filter : toFilter(config.filter),': { kind: 'branch', cases: ['bronto with an include filter', 's3-archive every option'] },
  "stacks/unique-names.ts: if (typeof name !== 'string' || Token.isUnresolved(name)) continue;": { kind: 'check', why: 'name collisions are checked across stacks, which have literal names' },
};

const root = path.join(__dirname, '..', '..');

function sites(): string[] {
  const found: string[] = [];
  for (const dir of ['modules', 'stacks']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')).sort()) {
      for (const line of fs.readFileSync(path.join(root, dir, file), 'utf8').split('\n')) {
        if (/Token\.isUnresolved\(|isFilterReference\(|'BY_REFERENCE'|mayBeNull\(/.test(line)) found.push(`${dir}/${file}: ${line.trim()}`);
      }
    }
  }
  return found;
}

describe('branches on Terraform references (module inputs)', () => {
  test('every site is classified; a new one fails until it names its module path and parity cases', () => {
    const unlisted = sites().filter((site) => !(site in SITES));
    expect({ unlisted: unlisted.map((site) => `${site} — list it in SITES: a check (why) or a branch (its parity cases)`) }).toEqual({ unlisted: [] });
  });

  test('every listed site still exists (the list is not stale)', () => {
    const present = new Set(sites());
    expect(Object.keys(SITES).filter((site) => !present.has(site))).toEqual([]);
  });

  test('every branch names parity cases that exist', () => {
    const branches = Object.entries(SITES).filter((entry): entry is [string, Extract<Site, { kind: 'branch' }>] => entry[1].kind === 'branch');
    expect(branches.length).toBeGreaterThan(10);
    for (const [site, { cases }] of branches) {
      expect({ site, missing: cases.filter((c) => !(c in CASES)) }).toEqual({ site, missing: [] });
      expect(cases.length).toBeGreaterThan(0);
    }
  });
});
