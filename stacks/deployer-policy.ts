/**
 * The least-privilege IAM policy of each pipeline identity, from the synthesized stacks themselves:
 * exactly the actions of the resource types they declare (stacks/deployer-access.ts), on their names
 * (by `<stack>-*` prefix where a name starts with the stack's name, so a new sink in a stack needs no
 * new policy; S3 buckets, which users name, exactly) in each stack's account and region, and the
 * state each command reads or writes. `okta-log-streaming iam-policy` prints it; the bootstrap stack
 * gives it to the roles it creates for CI.
 */
import { Condition, DATA_ACCESS, Declared, DEPLOYER_ACCESS, keyGrant, Where } from './deployer-access';

export const DEPLOYER_ROLES = ['plan', 'apply', 'drift', 'doctor', 'probe'] as const;
export type DeployerRole = (typeof DEPLOYER_ROLES)[number];

/** What each role is for, for help and docs. */
export const ROLE_PURPOSE: Readonly<Record<DeployerRole, string>> = {
  plan: 'terraform plan (pull requests, and the apply workflow\'s plan job): refresh every resource, read the state, take the state lock',
  apply: 'terraform apply of the reviewed plans: create, change and delete the stacks\' resources, write their state',
  drift: 'the drift workflow: a plan without the state lock (-lock=false), then the doctor',
  doctor: 'okta-log-streaming doctor: read-only checks of the bus, rules, targets, connections, metrics and dead-letter queues',
  probe: 'okta-log-streaming probe: reads the marker event back at the sinks (log groups, archive buckets, rule metrics, dead-letter queues); it reads event data, so it is apart from the doctor',
};

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Condition;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** A stack's synthesized Terraform JSON (cdk.tf.json), as far as the policy reads it. */
export interface StackJson {
  readonly name: string;
  readonly json: {
    readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
    readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
    readonly provider?: { readonly aws?: readonly { readonly region?: string; readonly allowed_account_ids?: readonly string[] }[] };
    readonly terraform?: { readonly backend?: { readonly s3?: { readonly bucket: string; readonly key: string; readonly kms_key_id?: string } } };
  };
}

interface Entry {
  readonly action: string;
  readonly resource: string;
  readonly condition?: Condition;
}

/** IAM's limit for a role's inline policies together, counted without whitespace (IAM User Guide, "IAM and AWS STS quotas"). */
export const INLINE_POLICY_LIMIT = 10240;

/** The policy the role needs for these stacks. Throws on a resource type deployer-access.ts does not know. */
export function deployerPolicy(role: DeployerRole, stacks: readonly StackJson[]): PolicyDocument {
  const entries: Entry[] = [];
  for (const stack of stacks) {
    const at = whereOf(stack);
    if (role === 'probe') {
      if (at !== undefined) entries.push(...probeEntries(stack, at));
      continue;
    }
    if (role !== 'doctor' && at !== undefined) entries.push(...terraformEntries(role, stack, at));
    if ((role === 'drift' || role === 'doctor') && at !== undefined) entries.push(...doctorEntries(stack, at));
    if (role !== 'doctor') entries.push(...stateEntries(role, stack));
  }
  return { Version: '2012-10-17', Statement: statements(entries) };
}

/** Where the workload boundary lives, beside the pipeline roles (never a path the stacks' roles use). */
export function boundaryArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:policy/okta-log-streaming-ci/okta-log-streaming-workload-boundary`;
}

/**
 * The permissions boundary of every role the stacks create under `ci`: what their inline policies
 * grant, on the same resources by name (a reference becomes the resource's scoped ARN; a condition
 * naming another resource is left out, so the boundary is never narrower than a policy it caps). A
 * role the pipeline creates can never do more than this, whatever inline policy it is given.
 */
export function workloadBoundary(stacks: readonly StackJson[]): PolicyDocument {
  const entries: Entry[] = [];
  for (const stack of stacks) {
    const at = whereOf(stack);
    if (at === undefined) continue;
    for (const policy of declared(stack).filter((r) => r.type === 'aws_iam_role_policy')) {
      const document = JSON.parse(String(policy.args.policy)) as { Statement: { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Condition }[] };
      for (const statement of document.Statement.filter((st) => st.Effect === 'Allow')) {
        const condition = literalConditions(statement.Condition);
        for (const resource of [statement.Resource].flat()) {
          const arn = resolvedArn(resource, at, stack.name);
          for (const action of [statement.Action].flat()) entries.push({ action, resource: arn, condition });
        }
      }
    }
  }
  return { Version: '2012-10-17', Statement: statements(entries) };
}

/** The condition without the keys whose values name another resource (`${…}`); undefined when none is left. */
function literalConditions(condition: Condition | undefined): Condition | undefined {
  const kept = Object.entries(condition ?? {})
    .map(([operator, keys]) => [operator, Object.fromEntries(Object.entries(keys).filter(([, values]) => !JSON.stringify(values).includes('${')))] as const)
    .filter(([, keys]) => Object.keys(keys).length > 0);
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** `${aws_x.y.arn}` (with a suffix such as `/*` or `:*`) as that resource's scoped ARN. */
function resolvedArn(value: string, at: Where, stackName: string): string {
  const ref = /^(\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\})(.*)$/.exec(value);
  if (ref === null) return value;
  const target = at.resource(ref[1]);
  const access = target === undefined ? undefined : DEPLOYER_ACCESS[target.type];
  if (target === undefined || access === undefined) throw new Error(`${stackName}: cannot tell the ARN of ${value}`);
  const own = access.own?.(target, at) ?? access.grants[0].on(target, at)[0];
  return own.endsWith('*') && ref[2].startsWith('/*') ? `${own}${ref[2].slice(2)}` : `${own}${ref[2]}`;
}

/** A policy's size as IAM counts it: its JSON without whitespace. */
export function policySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).length;
}

function declared(stack: StackJson): Declared[] {
  return Object.entries(stack.json.resource ?? {}).flatMap(([type, byId]) => Object.entries(byId).map(([id, args]) => ({ type, id, args })));
}

function dataSources(stack: StackJson): Declared[] {
  return Object.entries(stack.json.data ?? {}).flatMap(([type, byId]) => Object.entries(byId).map(([id, args]) => ({ type, id, args })));
}

/** undefined for a stack without an AWS side (Oort, Splunk Cloud). */
function whereOf(stack: StackJson): Where | undefined {
  const provider = stack.json.provider?.aws?.[0];
  if (provider === undefined) return undefined;
  const region = provider.region ?? '';
  const account = provider.allowed_account_ids?.[0] ?? '';
  const resources = new Map(declared(stack).map((r) => [`${r.type}.${r.id}`, r]));
  const resource = (value: unknown) => {
    const ref = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
    return ref === null ? undefined : resources.get(`${ref[1]}.${ref[2]}`);
  };
  const data = new Map(dataSources(stack).map((d) => [`${d.type}.${d.id}`, d]));
  const dataSource = (value: unknown) => {
    const ref = typeof value === 'string' ? /^\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
    return ref === null ? undefined : data.get(`${ref[1]}.${ref[2]}`);
  };
  const scoped = (name: string, type: string) => (type === 'aws_s3_bucket' ? name : byStackPrefix(name, stack.name));
  const name = (value: unknown): string => {
    if (typeof value === 'string' && !value.includes('${')) return scoped(value, '');
    const target = resource(value);
    const own = target?.args.name ?? target?.args.bucket ?? target?.args.alarm_name ?? target?.args.dashboard_name;
    if (target === undefined || typeof own !== 'string') throw new Error(`${stack.name}: cannot tell the name of ${String(value)}`);
    return scoped(own, target.type);
  };
  return { partition: partitionOf(region), region, account, stack: stack.name, name, resource, dataSource };
}

/** `okta-all-bronto-dlq` in stack okta-all → `okta-all-*`; a name without `<stack>-` stays as it is. */
function byStackPrefix(name: string, stack: string): string {
  const at = name.indexOf(`${stack}-`);
  const boundary = at === 0 || (at > 0 && '/-_.:'.includes(name[at - 1]));
  return at >= 0 && boundary ? `${name.slice(0, at + stack.length + 1)}*` : name;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function terraformEntries(role: DeployerRole, stack: StackJson, at: Where): Entry[] {
  const entries: Entry[] = [];
  const known = [
    ...declared(stack).map((resource) => ({ resource, access: DEPLOYER_ACCESS[resource.type], what: resource.type })),
    ...dataSources(stack).map((resource) => ({ resource, access: DATA_ACCESS[resource.type], what: `data source ${resource.type}` })),
  ];
  for (const { resource, access, what } of known) {
    if (access === undefined) throw new Error(`${stack.name}: no deployer access is known for ${what} (enter it in stacks/deployer-access.ts)`);
    for (const grant of access.grants) {
      const actions = role === 'apply' ? [...(grant.read ?? []), ...(grant.write ?? [])] : [...(grant.read ?? [])];
      if (actions.length === 0) continue;
      const condition = grant.condition?.(resource, at);
      for (const arn of grant.on(resource, at)) for (const action of actions) entries.push({ action, resource: arn, condition });
    }
  }
  return entries;
}

/**
 * What the doctor calls (cli/doctor/aws-checks.ts), on the stack's resources. sts:GetCallerIdentity
 * needs no permission (STS API Reference); GetMetricData has no resource-level permission for metrics.
 */
function doctorEntries(stack: StackJson, at: Where): Entry[] {
  const entries: Entry[] = [];
  const add = (actions: readonly string[], resource: string) => actions.forEach((action) => entries.push({ action, resource }));
  const all = declared(stack);
  for (const r of all) {
    if (r.type === 'aws_cloudwatch_event_bus') {
      const name = String(r.args.name);
      // An event source's ARN has no account (Service Authorization Reference, EventBridge: event-source).
      add(['events:DescribeEventSource'], `arn:${at.partition}:events:${at.region}::event-source/${name}`);
      add(['events:DescribeEventBus'], `arn:${at.partition}:events:${at.region}:${at.account}:event-bus/${name}`);
    }
    if (r.type === 'aws_cloudwatch_event_rule') add(['events:DescribeRule', 'events:ListTargetsByRule'], `arn:${at.partition}:events:${at.region}:${at.account}:rule/${at.name(r.args.event_bus_name)}/${at.name(r.args.name)}`);
    if (r.type === 'aws_cloudwatch_event_connection') add(['events:DescribeConnection'], `arn:${at.partition}:events:${at.region}:${at.account}:connection/${suffixed(at.name(r.args.name))}`);
    if (r.type === 'aws_cloudwatch_event_api_destination') add(['events:DescribeApiDestination'], `arn:${at.partition}:events:${at.region}:${at.account}:api-destination/${suffixed(at.name(r.args.name))}`);
    if (r.type === 'aws_sqs_queue') add(['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], `arn:${at.partition}:sqs:${at.region}:${at.account}:${at.name(r.args.name)}`);
  }
  if (all.some((r) => r.type === 'aws_cloudwatch_event_rule')) add(['cloudwatch:GetMetricData'], '*');
  return entries;
}

/**
 * What the probe reads (cli/probe/readers.ts), on the sinks a rule targets: FilterLogEvents in a
 * CloudWatch Logs sink's group, ListBucket and GetObject in an archive's bucket (the bucket a
 * Firehose target writes to), GetQueueUrl and ReceiveMessage on the targets' dead-letter queues,
 * GetMetricData (no resource-level permission for metrics). An archive bucket or a dead-letter queue
 * under a customer managed key adds kms:Decrypt on that key: S3 and SQS decrypt for the reader
 * (S3 User Guide, "Permissions for SSE-KMS"; SQS Developer Guide, "Key management": ReceiveMessage
 * needs kms:Decrypt); CloudWatch Logs decrypts for itself. The stack's own key by its tag.
 */
function probeEntries(stack: StackJson, at: Where): Entry[] {
  const entries: Entry[] = [];
  const add = (actions: readonly string[], resource: string) => actions.forEach((action) => entries.push({ action, resource }));
  const decrypt = (value: unknown) => {
    const key = keyGrant(value, at);
    if (key !== undefined) entries.push({ action: 'kms:Decrypt', resource: key.resource, ...(key.condition === undefined ? {} : { condition: key.condition }) });
  };
  const targets = declared(stack).filter((r) => r.type === 'aws_cloudwatch_event_target');
  for (const target of targets) {
    const sink = at.resource(target.args.arn);
    if (sink?.type === 'aws_cloudwatch_log_group') add(['logs:FilterLogEvents'], `arn:${at.partition}:logs:${at.region}:${at.account}:log-group:${at.name(sink.args.name)}`);
    if (sink?.type === 'aws_kinesis_firehose_delivery_stream') {
      const s3 = [sink.args.extended_s3_configuration].flat()[0] as { bucket_arn?: unknown } | undefined;
      const bucket = at.name(s3?.bucket_arn);
      add(['s3:ListBucket'], `arn:${at.partition}:s3:::${bucket}`);
      add(['s3:GetObject'], `arn:${at.partition}:s3:::${bucket}/*`);
      const bucketResource = at.resource(s3?.bucket_arn);
      const sse = declared(stack).find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration' && bucketResource !== undefined && at.resource(r.args.bucket) === bucketResource);
      const rule = [sse?.args.rule].flat()[0] as { apply_server_side_encryption_by_default?: unknown } | undefined;
      if (sse !== undefined) decrypt(([rule?.apply_server_side_encryption_by_default].flat()[0] as { kms_master_key_id?: unknown } | undefined)?.kms_master_key_id);
    }
    const queue = ([target.args.dead_letter_config].flat()[0] as { arn?: unknown } | undefined)?.arn;
    if (queue !== undefined) add(['sqs:GetQueueUrl', 'sqs:ReceiveMessage'], `arn:${at.partition}:sqs:${at.region}:${at.account}:${at.name(queue)}`);
    const queueResource = at.resource(queue);
    if (queueResource !== undefined) decrypt(queueResource.args.kms_master_key_id);
  }
  if (targets.length > 0) add(['cloudwatch:GetMetricData'], '*');
  return entries;
}

const suffixed = (name: string) => (name.endsWith('*') ? name : `${name}/*`);

/**
 * The stack's state in the S3 backend (Terraform's S3 backend documentation, "Permissions
 * Required", and internal/backend/remote-state/s3 at v1.11.4): listing the bucket, reading the state
 * key; the lock file `<key>.tflock` (use_lockfile) written and deleted by every command that locks
 * (plan, apply — not drift, which plans with -lock=false); the state written by apply. With a KMS
 * key: Decrypt to read, GenerateDataKey to write (S3 User Guide, "Permissions for SSE-KMS").
 */
function stateEntries(role: DeployerRole, stack: StackJson): Entry[] {
  const s3 = stack.json.terraform?.backend?.s3;
  if (s3 === undefined) return [];
  const bucket = `arn:aws:s3:::${s3.bucket}`;
  const entries: Entry[] = [
    { action: 's3:ListBucket', resource: bucket },
    { action: 's3:GetObject', resource: `${bucket}/${s3.key}` },
  ];
  const locks = role === 'plan' || role === 'apply';
  if (locks) for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) entries.push({ action, resource: `${bucket}/${s3.key}.tflock` });
  if (role === 'apply') entries.push({ action: 's3:PutObject', resource: `${bucket}/${s3.key}` });
  if (s3.kms_key_id !== undefined) {
    entries.push({ action: 'kms:Decrypt', resource: s3.kms_key_id });
    if (locks) entries.push({ action: 'kms:GenerateDataKey', resource: s3.kms_key_id });
  }
  return entries;
}

/**
 * Entries grouped into statements: the actions each resource (under one condition) needs, then the
 * resources that need the same actions, one statement each, in a stable order.
 */
function statements(entries: readonly Entry[]): PolicyStatement[] {
  const byResource = new Map<string, { resource: string; condition?: Condition; actions: Set<string> }>();
  for (const entry of entries) {
    const key = `${entry.resource}\u0000${JSON.stringify(entry.condition ?? null)}`;
    const found = byResource.get(key) ?? { resource: entry.resource, condition: entry.condition, actions: new Set<string>() };
    found.actions.add(entry.action);
    byResource.set(key, found);
  }
  const byActions = new Map<string, { actions: string[]; condition?: Condition; resources: Set<string> }>();
  for (const { resource, condition, actions } of byResource.values()) {
    const sorted = [...actions].sort();
    const key = `${sorted.join(',')}\u0000${JSON.stringify(condition ?? null)}`;
    const found = byActions.get(key) ?? { actions: sorted, condition, resources: new Set<string>() };
    found.resources.add(resource);
    byActions.set(key, found);
  }
  const groups = [...byActions.values()].sort((a, b) => a.actions[0].localeCompare(b.actions[0]) || a.actions.join().localeCompare(b.actions.join()));
  const counts = new Map<string, number>();
  return groups.map((group) => {
    const service = group.actions[0].split(':')[0];
    const n = (counts.get(service) ?? 0) + 1;
    counts.set(service, n);
    const sid = `${service.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase())}${n}`;
    return {
      Sid: sid,
      Effect: 'Allow' as const,
      Action: group.actions,
      Resource: [...group.resources].sort(),
      ...(group.condition === undefined ? {} : { Condition: group.condition }),
    };
  });
}
