/**
 * Parity of the published Terraform modules with the CDKTF stacks, evaluated by Terraform itself.
 *
 * For each sink kind and each option that changes resources, a module call (the published main.tf,
 * read back from HCL) and the equivalent single-sink stack (its cdk.tf.json) are turned into
 * evaluation modules (see ../../helpers/terraform-evaluate.ts) and evaluated by one offline
 * `terraform apply` on the built-in provider. The module's resources must be exactly the stack's
 * sink resources, with equal arguments, meta-arguments and outputs. The module's `event_bus_name`
 * and `alarm_topic_arn` inputs stand for the source's bus and topic, which the stack references.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { TerraformStack } from 'cdktf';
import { blockPaths } from '../../../scripts/hcl/block-paths';
import { Json } from '../../../scripts/hcl/render';
import { writeModules } from '../../../scripts/synth-modules';
import { stacksOf, withStacks } from '../../helpers/config';
import { differences, normalize, normalizeResource, typeBlockPaths } from '../../helpers/parity';
import { synth } from '../../helpers/synth';
import { evaluate, EvaluatedModule, Harness, harnessModule } from '../../helpers/terraform-evaluate';

type Inputs = Record<string, Json>;

/** One module call and the stack config entry it is equivalent to. */
interface ParityCase {
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

const SECRET = 'parity-test-value';
const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:parity-alarm-topic';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ALIAS = 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs';
/** A filter using every include and exclude list the config has (in two cases: include and exclude may not share a field). */
const FILTER_INCLUDE = { include: { event_type_prefixes: ['user.session.', 'user.authentication.auth_via_IDP'], severities: ['WARN', 'ERROR'], outcomes: ['FAILURE'] } };
const FILTER_EXCLUDE = { exclude: { event_type_prefix: 'system.', severities: ['DEBUG'], outcomes: ['SKIPPED', 'UNKNOWN'] } };
const FILTER_MIXED = { include: { severities: ['WARN'] }, exclude: { event_types: ['user.session.start', 'user.session.end'] } };

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
      object_lock: { mode: 'COMPLIANCE', retention_days: 365 },
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
      object_lock: { mode: 'COMPLIANCE', retention_days: 365 },
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

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** Construct ids of the source (stacks/eventbridge-pipeline.ts addEventBridgeSource): not the sink's. */
const SOURCE_PREFIXES = ['OktaEventSource_', 'Archive_', 'AlarmTopic_', 'Dashboard_'];
const isSourceAddress = (address: string) => SOURCE_PREFIXES.some((p) => address.split('.')[1].startsWith(p));

/** The stack's resources the module must have, by the case's kind. */
function expectedAddresses(c: ParityCase, stackAddresses: string[]): string[] {
  switch (c.kind ?? 'sink') {
    case 'sink':
      return stackAddresses.filter((a) => !isSourceAddress(a));
    case 'source':
      return stackAddresses.filter((a) => isSourceAddress(a) && !a.split('.')[1].startsWith('Dashboard_'));
    case 'okta':
      return stackAddresses;
  }
}

interface Prepared {
  readonly stackHarness: Harness;
  readonly moduleHarness: Harness;
  readonly blocks: Set<string>;
  readonly topicPlaceholder: string;
}

let results: Record<string, EvaluatedModule>;
const prepared = new Map<string, Prepared>();
const titles = Object.keys(CASES);

beforeAll(async () => {
  const modulesDir = path.join(workspace, 'modules');
  writeModules(modulesDir);
  const harnesses = new Map<string, Harness>();
  const calls: Parameters<typeof evaluate>[1] = {};
  for (const [index, title] of titles.entries()) {
    const c = CASES[title];
    if (!harnesses.has(c.module)) {
      const hcl = fs.readFileSync(path.join(modulesDir, c.module, 'main.tf'), 'utf8');
      harnesses.set(c.module, harnessModule((await parse('main.tf', hcl)) as Record<string, Json>, { aws_caller_identity: { account_id: '123456789012' } }));
    }
    const stackName = `parity-${index}`;
    const eventSource = `parity_${index}`;
    const kind = c.kind ?? 'sink';
    const [stack] = stacksOf(withStacks({ name: stackName, ...(kind === 'okta' ? {} : { event_source_name: eventSource }), ...c.stack, sink: c.sink }));
    const json = synth(stack) as unknown as Record<string, Json>;
    const stackHarness = harnessModule(json);
    const moduleHarness = harnesses.get(c.module)!;
    const topics = Object.keys(((json.resource as Record<string, Record<string, Json>>).aws_sns_topic ?? {}) as Record<string, Json>);
    prepared.set(title, { stackHarness, moduleHarness, blocks: blocksOf(stack, stackHarness, moduleHarness), topicPlaceholder: topics.length === 1 ? `<aws_sns_topic.${topics[0]}.arn>` : ALARM_TOPIC });
    const secrets = Object.entries(c.secrets ?? {});
    calls[`stack_${index}`] = { harness: stackHarness, inputs: Object.fromEntries(secrets.map(([, stackVariable]) => [stackVariable, c.secretValue ?? SECRET])) };
    calls[`module_${index}`] = {
      harness: moduleHarness,
      inputs: {
        name: stackName,
        ...(kind === 'sink' ? { event_bus_name: `aws.partner/okta.com/acme/${eventSource}`, alarm_topic_arn: ALARM_TOPIC } : {}),
        ...(kind === 'source' ? { event_source_name: eventSource } : {}),
        ...c.inputs,
        ...Object.fromEntries(secrets.map(([moduleVariable]) => [moduleVariable, c.secretValue ?? SECRET])),
      },
    };
  }
  results = evaluate(path.join(workspace, 'root'), calls);
}, 60_000);

function blocksOf(stack: TerraformStack, ...harnesses: Harness[]): Set<string> {
  return new Set([...typeBlockPaths(blockPaths(stack)), ...harnesses.flatMap((h) => [...h.blocks])]);
}

/** A resource with a count is a list of instances: none is no resource, one is the resource. */
function instances(resources: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [address, value] of Object.entries(resources)) {
    if (!Array.isArray(value)) out[address] = value;
    else if (value.length === 1) out[address] = value[0];
    else if (value.length > 1) throw new Error(`${address}: ${value.length} instances`);
  }
  return out;
}

describe.each(titles.map((title, index) => [title, index] as const))('%s', (title, index) => {
  const evaluated = () => {
    const { topicPlaceholder } = prepared.get(title)!;
    // The module's alarm topic input stands for the stack's topic.
    const module = JSON.parse(JSON.stringify(results[`module_${index}`]).split(ALARM_TOPIC).join(topicPlaceholder)) as EvaluatedModule;
    return { stack: { ...results[`stack_${index}`], resources: instances(results[`stack_${index}`].resources) }, module: { ...module, resources: instances(module.resources) } };
  };

  test('the module creates exactly the stack\'s resources', () => {
    const { stack, module } = evaluated();
    expect(Object.keys(module.resources).sort()).toEqual(expectedAddresses(CASES[title], Object.keys(stack.resources)).sort());
  });

  test('every argument evaluates to the stack\'s value', () => {
    const { stack, module } = evaluated();
    const { blocks } = prepared.get(title)!;
    const diffs = Object.keys(module.resources).flatMap((address) =>
      differences(normalizeResource(address.split('.')[0], stack.resources[address] ?? null, blocks), normalizeResource(address.split('.')[0], module.resources[address], blocks), address),
    );
    expect(diffs).toEqual([]);
  });

  test('lifecycle and depends_on are the stack\'s; outputs evaluate alike', () => {
    const { stack, module } = evaluated();
    const { stackHarness, moduleHarness, blocks } = prepared.get(title)!;
    for (const address of Object.keys(module.resources)) {
      // count is how the module makes a resource optional; the instances were compared above.
      const { lifecycle, dependsOn } = moduleHarness.meta[address];
      expect({ address, lifecycle, dependsOn }).toEqual({ address, lifecycle: stackHarness.meta[address].lifecycle, dependsOn: stackHarness.meta[address].dependsOn });
    }
    for (const [name, value] of Object.entries(module.outputs)) expect({ name, value: normalize(value, 'output', blocks) }).toEqual({ name, value: normalize(stack.outputs[name], 'output', blocks) });
  });
});
