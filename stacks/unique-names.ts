import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformResource, TerraformStack, Token } from 'cdktf';
import { Problem } from '../schema/problem';

type NameScope = 'region' | 'account' | 'partition';

interface NamedType {
  /** What AWS calls it, for the message. */
  readonly label: string;
  /** The binding's getter for the configured name (`nameInput`, `bucketInput` …). */
  readonly input: string;
  /** Where AWS requires the name unique (design.md §3). */
  readonly scope: NameScope;
}

/**
 * Every AWS resource type the package creates, and what makes its name collide. Names come from the
 * resources as built, so a sink declares its names once (by creating its resources) and is checked
 * for free; a new resource type must be entered here (a test fails on one that is not).
 */
export const AWS_RESOURCE_NAMES: Readonly<Record<string, NamedType | { readonly unnamed: string }>> = {
  aws_cloudwatch_event_connection: { label: 'EventBridge connection', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_event_api_destination: { label: 'EventBridge API destination', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_event_archive: { label: 'EventBridge archive', input: 'nameInput', scope: 'region' },
  aws_sqs_queue: { label: 'SQS queue', input: 'nameInput', scope: 'region' },
  aws_sns_topic: { label: 'SNS topic', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_log_group: { label: 'CloudWatch Logs log group', input: 'nameInput', scope: 'region' },
  // PutResourcePolicy overwrites a policy of the same name silently: two owners fight.
  aws_cloudwatch_log_resource_policy: { label: 'CloudWatch Logs resource policy', input: 'policyNameInput', scope: 'region' },
  aws_cloudwatch_metric_alarm: { label: 'CloudWatch alarm', input: 'alarmNameInput', scope: 'region' },
  // Dashboards have no region in their ARN (arn:aws:cloudwatch::<account>:dashboard/<name>).
  aws_cloudwatch_dashboard: { label: 'CloudWatch dashboard', input: 'dashboardNameInput', scope: 'account' },
  aws_kinesis_firehose_delivery_stream: { label: 'Firehose stream', input: 'nameInput', scope: 'region' },
  aws_iam_role: { label: 'IAM role', input: 'nameInput', scope: 'account' },
  aws_iam_policy: { label: 'IAM policy', input: 'nameInput', scope: 'account' },
  aws_iam_openid_connect_provider: { unnamed: 'one per issuer URL and account: an existing one is given by ci.github.oidc_provider_arn' },
  aws_s3_bucket: { label: 'S3 bucket', input: 'bucketInput', scope: 'partition' },
  aws_cloudwatch_event_bus: { unnamed: 'the partner source name: unique per org and event source name, checked by the validator' },
  aws_cloudwatch_event_rule: { unnamed: 'unique per bus, and each stack has its own partner bus' },
  aws_cloudwatch_event_target: { unnamed: 'unique per rule' },
  aws_cloudwatch_log_stream: { unnamed: 'unique per log group' },
  aws_iam_role_policy: { unnamed: 'unique per role' },
  aws_sqs_queue_policy: { unnamed: 'one per queue' },
  aws_sns_topic_subscription: { unnamed: 'no name' },
  aws_s3_bucket_policy: { unnamed: 'one per bucket' },
  aws_s3_bucket_versioning: { unnamed: 'one per bucket' },
  aws_s3_bucket_lifecycle_configuration: { unnamed: 'one per bucket' },
  aws_s3_bucket_ownership_controls: { unnamed: 'one per bucket' },
  aws_s3_bucket_public_access_block: { unnamed: 'one per bucket' },
  aws_s3_bucket_server_side_encryption_configuration: { unnamed: 'one per bucket' },
  aws_kms_alias: { label: 'KMS alias', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_log_delivery_source: { label: 'log delivery source', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_log_delivery_destination: { label: 'log delivery destination', input: 'nameInput', scope: 'region' },
  aws_cloudwatch_log_delivery: { unnamed: 'one per source and destination' },
  aws_kms_key: { unnamed: 'a key has only an id, chosen by KMS' },
  aws_kms_key_policy: { unnamed: 'one per key' },
};

/** A name claimed outside the stacks, such as the state bucket the backend uses. */
export interface ClaimedName {
  readonly label: string;
  readonly name: string;
  /** `aws` for a partition, `<account>` or `<account> <region>`. */
  readonly where: string;
  readonly path: string;
}

/** Where a stack or one of its sinks came from in the config, for the message. */
export type ConfigPathOf = (stack: TerraformStack, resource: TerraformResource) => string;

/** What a collision names for one owner: the config field to change, and whether the name is derived from stack and sink names. */
interface NamingField {
  readonly field: string;
  readonly derived: boolean;
}

/**
 * The config field a name came from: a field of the owner (a sink or stack entry, or a mapping in it
 * such as adopt) whose value is the name; otherwise the name is derived, from the sink's name in a
 * fan-out stack or else the stack's name.
 */
export function namingField(config: unknown, owner: string, name: string): NamingField {
  const segments = [...owner.matchAll(/([a-z_]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
  if (segments[0] !== 'stacks') return { field: owner, derived: false };
  let entry: unknown = config;
  for (const segment of segments) entry = isRecord(entry) || Array.isArray(entry) ? (entry as Record<string | number, unknown>)[segment] : undefined;
  const given = givenField(entry, name);
  if (given !== undefined) return { field: `${owner}.${given}`, derived: false };
  return { field: segments[2] === 'sinks' ? `${owner}.name` : `stacks[${String(segments[1])}].name`, derived: true };
}

function givenField(entry: unknown, name: string, depth = 0): string | undefined {
  if (!isRecord(entry) || depth > 2) return undefined;
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'name' || key === 'type') continue;
    if (value === name) return key;
    const inner = givenField(value, name, depth + 1);
    if (inner !== undefined) return `${key}.${inner}`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DERIVED = 'derived from stack names (a stack with one sink: "<stack>"; a fan-out sink: "<stack>-<sink>")';

/**
 * Every name that two stacks, sinks or claims would give the same AWS resource: each reported once,
 * at the field the later owner must change (the one that gives the name, or the stack or sink name it
 * derives from), naming the earlier owner's field and the name. `config` (the parsed config) is where
 * the fields are found; without it the owners' paths are given.
 */
export function nameCollisions(stacks: readonly TerraformStack[], pathOf: ConfigPathOf, claimed: readonly ClaimedName[] = [], config?: unknown): Problem[] {
  const owners = new Map<string, ClaimedName>(claimed.map((c) => [`${c.label}\u0000${c.where}\u0000${c.name}`, c]));
  const problems: Problem[] = [];
  const fieldOf = (owner: string, name: string): NamingField => (config === undefined ? { field: owner, derived: false } : namingField(config, owner, name));
  for (const stack of stacks) {
    const provider = stack.node.children.find((c): c is AwsProvider => c instanceof AwsProvider);
    if (provider === undefined) continue;
    const region = provider.region ?? '';
    const account = provider.allowedAccountIds?.[0] ?? '';
    const where: Record<NameScope, string> = { region: `${account} ${region}`, account, partition: region.startsWith('cn-') ? 'aws-cn' : 'aws' };
    for (const resource of stack.node.findAll()) {
      if (!(resource instanceof TerraformResource)) continue;
      const named = AWS_RESOURCE_NAMES[resource.terraformResourceType];
      if (named === undefined || 'unnamed' in named) continue;
      const name = (resource as unknown as Record<string, unknown>)[named.input];
      if (typeof name !== 'string' || Token.isUnresolved(name)) continue;
      const owner: ClaimedName = { label: named.label, name, where: where[named.scope], path: pathOf(stack, resource) };
      const key = `${owner.label}\u0000${owner.where}\u0000${name}`;
      const first = owners.get(key);
      if (first === undefined) owners.set(key, owner);
      else if (first.path !== owner.path) {
        const earlier = fieldOf(first.path, name);
        const later = fieldOf(owner.path, name);
        const scope = named.scope === 'partition' ? 'AWS partition' : named.scope === 'account' ? 'account' : 'account and region';
        problems.push({
          path: later.field,
          message: `${earlier.field} and this both name a ${owner.label} "${name}" (${earlier.derived || later.derived ? `${DERIVED}; ` : ''}unique per ${scope}, ${owner.where}): ${later.derived ? 'rename one of them' : 'change one of them'}`,
        });
      }
    }
  }
  return problems;
}
