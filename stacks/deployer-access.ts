/**
 * What a pipeline identity may do to each resource type the stacks declare: the IAM actions
 * `terraform plan` calls to refresh it (`read`) and those create, update and delete call (`write`),
 * each on the resource it acts on. Facts from hashicorp/aws (the Create/Read/Update/Delete functions
 * of each resource at v6.25.0 and the newest 6.x read, named per entry) and the Service Authorization
 * Reference (action names, resource types, ARN formats); the tests check every action, resource and
 * condition key against AWS's service authorization data and that each stack's resources are covered.
 * A new resource type must be entered here (deployerPolicy refuses one that is not).
 */

/** One declared resource of a synthesized stack. */
export interface Declared {
  readonly type: string;
  readonly id: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** Where a stack's resources live, and how to read one resource's names. */
export interface Where {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The stack's name: resource names that start with it are granted by prefix (`<stack>-*`). */
  readonly stack: string;
  /** A literal name, or the name of the resource an `${aws_x.y.attr}` reference points at; scoped. */
  name(value: unknown): string;
  /** The resource a `${aws_x.y.attr}` reference points at. */
  resource(value: unknown): Declared | undefined;
  /** The data source a `${data.aws_x.y.attr}` reference points at. */
  dataSource(value: unknown): Declared | undefined;
}

export type Condition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** Actions on one resource (or "*" for actions without resource-level permissions). */
export interface Grant {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  /** The ARNs, built from names; none when the grant does not apply to this resource. */
  readonly on: (resource: Declared, at: Where) => readonly string[];
  readonly condition?: (resource: Declared, at: Where) => Condition | undefined;
}

export interface ResourceAccess {
  readonly grants: readonly Grant[];
  /** The resource's own ARN (scoped), as its grants name it. @default - its first grant's first ARN */
  readonly own?: (resource: Declared, at: Where) => string;
}

/** The tag every resource carries from the provider's default_tags (stacks/okta-log-streaming-stack.ts). */
export const STACK_TAG = 'OktaLogStreamingStack';

const arn = (at: Where, service: string, rest: string, region = at.region) => `arn:${at.partition}:${service}:${region}:${at.account}:${rest}`;
const eventBus = (at: Where, name: string) => arn(at, 'events', `event-bus/${name}`);
const ruleOf = (r: Declared, at: Where) => arn(at, 'events', `rule/${at.name(r.args.event_bus_name)}/${at.name(r.args.rule ?? r.args.name)}`);
const logGroup = (at: Where, name: string) => arn(at, 'logs', `log-group:${name}`);
const bucket = (at: Where, name: string) => `arn:${at.partition}:s3:::${name}`;
/** IAM matches a trailing `*` on a name already scoped by prefix; an exact name gets one for the id after it. */
const withSuffix = (name: string, suffix: string) => (name.endsWith('*') ? name : `${name}${suffix}`);
const literal = (value: unknown): value is string => typeof value === 'string' && !value.includes('${');

/**
 * KMS keys have no name: those a stack creates are granted by the tag the provider gives them
 * (`aws:ResourceTag`; KMS supports it for key operations — KMS Developer Guide, "ABAC for AWS KMS"),
 * a key given by ARN by that ARN, and a key given by alias by that alias: IAM takes no alias in
 * Resource, so it is the account's keys in the region that have the alias (`kms:ResourceAliases`, a
 * multivalued key: ForAnyValue — KMS Developer Guide, "Use aliases to control access to KMS keys").
 */
const stackKey = (at: Where) => arn(at, 'kms', 'key/*');
const stackTag = (at: Where): Condition => ({ StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: [at.stack] } });
export const taggedWithStack = (_r: Declared, at: Where): Condition => stackTag(at);
export const hasAlias = (alias: string): Condition => ({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [alias] } });
const ALIAS_ARN = /^arn:([^:]+):kms:([^:]+):(\d{12}):(alias\/.+)$/;

/** A key a resource references, and the condition that scopes it: its ARN, the stack's own by tag, or by its alias. */
export function keyGrant(value: unknown, at: Where): { readonly resource: string; readonly condition?: Condition } | undefined {
  if (value === undefined || value === null) return undefined;
  if (literal(value)) {
    if (value.startsWith('arn:') && value.includes(':key/')) return { resource: value };
    const alias = ALIAS_ARN.exec(value);
    return alias === null ? undefined : { resource: `arn:${alias[1]}:kms:${alias[2]}:${alias[3]}:key/*`, condition: hasAlias(alias[4]) };
  }
  if (at.resource(value)?.type === 'aws_kms_key') return { resource: stackKey(at), condition: stackTag(at) };
  // modules/stack-key.ts resolves an alias ARN with data.aws_kms_alias (by name, in the stack's region).
  const aliasData = at.dataSource(value);
  return aliasData?.type === 'aws_kms_alias' && literal(aliasData.args.name) ? { resource: stackKey(at), condition: hasAlias(aliasData.args.name) } : undefined;
}

/** The key ARNs a resource references (see keyGrant). */
export const keyOf = (value: unknown, at: Where): string[] => [keyGrant(value, at)?.resource ?? []].flat();

/** The role a resource passes to a service, and which service (from the role's trust policy). */
const passedRole = (value: unknown, at: Where): { arn: string; service: string } | undefined => {
  const role = at.resource(value);
  if (role?.type !== 'aws_iam_role') return undefined;
  const trust = JSON.parse(String(role.args.assume_role_policy)) as { Statement: { Principal?: { Service?: string | string[] } }[] };
  const service = [trust.Statement[0]?.Principal?.Service ?? []].flat()[0];
  return service === undefined ? undefined : { arn: roleArn(role, at), service };
};
export const roleArn = (role: Declared, at: Where): string =>
  `arn:${at.partition}:iam::${at.account}:role${String(role.args.path ?? '/')}${withSuffix(at.name(role.args.name ?? role.args.name_prefix), '*')}`;

const policyRole = (r: Declared, at: Where): string[] => {
  const role = at.resource(r.args.role);
  return role === undefined ? [] : [roleArn(role, at)];
};
/** iam:PermissionsBoundary (IAM User Guide, "Permissions boundaries"): the role must carry the boundary it was given. */
const bounded = (role: Declared | undefined): Condition | undefined =>
  typeof role?.args.permissions_boundary === 'string' ? { StringEquals: { 'iam:PermissionsBoundary': [role.args.permissions_boundary] } } : undefined;

const passRole = (field: string): Grant => ({
  write: ['iam:PassRole'],
  on: (r, at) => [passedRole(r.args[field], at)?.arn].filter((a): a is string => a !== undefined),
  // iam:PassedToService: the role can be passed only to the service that assumes it.
  condition: (r, at) => {
    const passed = passedRole(r.args[field], at);
    return passed === undefined ? undefined : { StringEquals: { 'iam:PassedToService': [passed.service] } };
  },
});

/** The stack key's use by a service on the deployer's behalf (EventBridge, SNS, Logs validate the key). */
const useKey = (field: string, actions: readonly string[]): Grant => ({
  write: actions,
  on: (r, at) => keyOf(r.args[field], at),
  condition: (r, at) => keyGrant(r.args[field], at)?.condition,
});

export const DEPLOYER_ACCESS: Readonly<Record<string, ResourceAccess>> = {
  // internal/service/events/bus.go: resourceBusCreate (CreateEventBus), Read (DescribeEventBus),
  // Update (UpdateEventBus), Delete (DeleteEventBus); tags through ListTagsForResource/TagResource.
  aws_cloudwatch_event_bus: {
    grants: [
      {
        read: ['events:DescribeEventBus', 'events:ListTagsForResource'],
        write: ['events:CreateEventBus', 'events:UpdateEventBus', 'events:DeleteEventBus', 'events:TagResource', 'events:UntagResource'],
        on: (r, at) => [eventBus(at, at.name(r.args.name))],
      },
      // EventBridge User Guide, "Encrypting events": the caller of Create/UpdateEventBus with a
      // customer managed key needs kms:DescribeKey, GenerateDataKey and Decrypt on it.
      useKey('kms_key_identifier', ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt']),
    ],
  },
  // internal/service/events/rule.go: PutRule, DescribeRule, EnableRule/DisableRule, DeleteRule.
  aws_cloudwatch_event_rule: {
    grants: [
      {
        read: ['events:DescribeRule', 'events:ListTagsForResource'],
        write: ['events:PutRule', 'events:DeleteRule', 'events:EnableRule', 'events:DisableRule', 'events:TagResource', 'events:UntagResource'],
        on: (r, at) => [ruleOf(r, at)],
      },
    ],
  },
  // internal/service/events/target.go: PutTargets, ListTargetsByRule (read), RemoveTargets.
  aws_cloudwatch_event_target: {
    grants: [{ read: ['events:ListTargetsByRule'], write: ['events:PutTargets', 'events:RemoveTargets'], on: (r, at) => [ruleOf(r, at)] }, passRole('role_arn')],
  },
  // internal/service/events/connection.go: CreateConnection, DescribeConnection, UpdateConnection,
  // DeleteConnection. EventBridge keeps the credential in a Secrets Manager secret of its own
  // (events!connection/<name>/…): User Guide, "Connections", permissions for managing them.
  aws_cloudwatch_event_connection: {
    grants: [
      {
        read: ['events:DescribeConnection'],
        write: ['events:CreateConnection', 'events:UpdateConnection', 'events:DeleteConnection'],
        on: (r, at) => [arn(at, 'events', `connection/${withSuffix(at.name(r.args.name), '/*')}`)],
      },
      {
        write: ['secretsmanager:CreateSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        on: (r, at) => [arn(at, 'secretsmanager', `secret:events!connection/${withSuffix(at.name(r.args.name), '/*')}`)],
      },
      // EventBridge creates its service-linked role for API destinations with the first connection
      // of an account (User Guide, "Using service-linked roles"; the AmazonEventBridgeFullAccess statement).
      {
        write: ['iam:CreateServiceLinkedRole'],
        on: (_r, at) => [`arn:${at.partition}:iam::${at.account}:role/aws-service-role/apidestinations.events.amazonaws.com/AWSServiceRoleForAmazonEventBridgeApiDestinations`],
        condition: () => ({ StringEquals: { 'iam:AWSServiceName': ['apidestinations.events.amazonaws.com'] } }),
      },
      useKey('kms_key_identifier', ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt']),
    ],
  },
  // internal/service/events/api_destination.go.
  aws_cloudwatch_event_api_destination: {
    grants: [
      {
        read: ['events:DescribeApiDestination'],
        write: ['events:CreateApiDestination', 'events:UpdateApiDestination', 'events:DeleteApiDestination'],
        on: (r, at) => [arn(at, 'events', `api-destination/${withSuffix(at.name(r.args.name), '/*')}`)],
      },
      // CreateApiDestination authorizes on the connection it names too (Service Authorization Reference).
      { write: ['events:CreateApiDestination'], on: (r, at) => [arn(at, 'events', `connection/${withSuffix(at.name(r.args.connection_arn), '/*')}`)] },
    ],
  },
  // internal/service/events/archive.go: CreateArchive (on the archive and its bus), DescribeArchive,
  // UpdateArchive, DeleteArchive.
  aws_cloudwatch_event_archive: {
    grants: [
      {
        read: ['events:DescribeArchive'],
        write: ['events:CreateArchive', 'events:UpdateArchive', 'events:DeleteArchive'],
        on: (r, at) => [arn(at, 'events', `archive/${at.name(r.args.name)}`)],
      },
      { write: ['events:CreateArchive'], on: (r, at) => [eventBus(at, at.name(r.args.event_source_arn))] },
      useKey('kms_key_identifier', ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt']),
    ],
  },
  // internal/service/sqs/queue.go: CreateQueue, GetQueueAttributes + ListQueueTags (read),
  // SetQueueAttributes, TagQueue/UntagQueue, DeleteQueue.
  aws_sqs_queue: {
    grants: [
      {
        read: ['sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
        write: ['sqs:CreateQueue', 'sqs:SetQueueAttributes', 'sqs:DeleteQueue', 'sqs:TagQueue', 'sqs:UntagQueue'],
        on: (r, at) => [arn(at, 'sqs', at.name(r.args.name))],
      },
    ],
  },
  // internal/service/sqs/queue_policy.go: SetQueueAttributes (Policy), GetQueueAttributes.
  aws_sqs_queue_policy: {
    grants: [{ read: ['sqs:GetQueueAttributes'], write: ['sqs:SetQueueAttributes'], on: (r, at) => [arn(at, 'sqs', at.name(r.args.queue_url))] }],
  },
  // internal/service/sns/topic.go: CreateTopic, GetTopicAttributes + ListTagsForResource,
  // SetTopicAttributes, TagResource/UntagResource, DeleteTopic.
  aws_sns_topic: {
    grants: [
      {
        read: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'],
        write: ['sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:DeleteTopic', 'sns:TagResource', 'sns:UntagResource'],
        on: (r, at) => [arn(at, 'sns', at.name(r.args.name))],
      },
    ],
  },
  // internal/service/sns/topic_subscription.go: Subscribe (on the topic), GetSubscriptionAttributes,
  // SetSubscriptionAttributes, Unsubscribe (on the subscription, <topic ARN>:<id>).
  aws_sns_topic_subscription: {
    grants: [
      {
        read: ['sns:GetSubscriptionAttributes'],
        write: ['sns:Subscribe', 'sns:SetSubscriptionAttributes', 'sns:Unsubscribe'],
        on: (r, at) => {
          const topic = arn(at, 'sns', at.name(r.args.topic_arn));
          return topic.endsWith('*') ? [topic] : [topic, `${topic}:*`];
        },
      },
    ],
  },
  // internal/service/cloudwatch/metric_alarm.go: PutMetricAlarm, DescribeAlarms +
  // ListTagsForResource, TagResource/UntagResource, DeleteAlarms.
  aws_cloudwatch_metric_alarm: {
    grants: [
      {
        read: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
        write: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource'],
        on: (r, at) => [arn(at, 'cloudwatch', `alarm:${at.name(r.args.alarm_name)}`)],
      },
    ],
  },
  // internal/service/cloudwatch/dashboard.go: PutDashboard, GetDashboard, DeleteDashboards; a
  // dashboard's ARN has no region.
  aws_cloudwatch_dashboard: {
    grants: [
      {
        read: ['cloudwatch:GetDashboard'],
        write: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
        on: (r, at) => [arn(at, 'cloudwatch', `dashboard/${at.name(r.args.dashboard_name)}`, '')],
      },
    ],
  },
  // internal/service/logs/group.go: CreateLogGroup, DescribeLogGroups (no resource-level
  // permission) + ListTagsForResource, PutRetentionPolicy, AssociateKmsKey, DeleteLogGroup.
  aws_cloudwatch_log_group: {
    grants: [
      {
        read: ['logs:ListTagsForResource'],
        write: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:DeleteLogGroup', 'logs:TagResource', 'logs:UntagResource'],
        on: (r, at) => [logGroup(at, at.name(r.args.name))],
      },
      { read: ['logs:DescribeLogGroups'], on: () => ['*'] },
    ],
  },
  // internal/service/logs/stream.go: CreateLogStream, DescribeLogStreams (on the group), DeleteLogStream.
  aws_cloudwatch_log_stream: {
    own: (r, at) => `${logGroup(at, at.name(r.args.log_group_name))}:log-stream:${at.name(r.args.name)}`,
    grants: [
      { read: ['logs:DescribeLogStreams'], on: (r, at) => [logGroup(at, at.name(r.args.log_group_name))] },
      {
        write: ['logs:CreateLogStream', 'logs:DeleteLogStream'],
        on: (r, at) => [`${logGroup(at, at.name(r.args.log_group_name))}:log-stream:${at.name(r.args.name)}`],
      },
    ],
  },
  // internal/service/logs/resource_policy.go: PutResourcePolicy, DescribeResourcePolicies,
  // DeleteResourcePolicy — none has resource-level permissions.
  aws_cloudwatch_log_resource_policy: {
    grants: [{ read: ['logs:DescribeResourcePolicies'], write: ['logs:PutResourcePolicy', 'logs:DeleteResourcePolicy'], on: () => ['*'] }],
  },
  // internal/service/logs/delivery_source.go: PutDeliverySource, GetDeliverySource, DeleteDeliverySource;
  // CloudWatch Logs User Guide, "Enable logging from AWS services": the caller also needs
  // events:AllowVendedLogDeliveryForResource on the bus whose logs are delivered.
  aws_cloudwatch_log_delivery_source: {
    grants: [
      {
        read: ['logs:GetDeliverySource', 'logs:ListTagsForResource'],
        write: ['logs:PutDeliverySource', 'logs:DeleteDeliverySource', 'logs:TagResource', 'logs:UntagResource'],
        on: (r, at) => [arn(at, 'logs', `delivery-source:${at.name(r.args.name)}`)],
      },
      { write: ['events:AllowVendedLogDeliveryForResource'], on: (r, at) => [eventBus(at, at.name(r.args.resource_arn))] },
    ],
  },
  aws_cloudwatch_log_delivery_destination: {
    grants: [
      {
        read: ['logs:GetDeliveryDestination', 'logs:ListTagsForResource'],
        write: ['logs:PutDeliveryDestination', 'logs:DeleteDeliveryDestination', 'logs:TagResource', 'logs:UntagResource'],
        on: (r, at) => [arn(at, 'logs', `delivery-destination:${at.name(r.args.name)}`)],
      },
    ],
  },
  // internal/service/logs/delivery.go: CreateDelivery (on the delivery, its source and destination),
  // GetDelivery, UpdateDeliveryConfiguration, DeleteDelivery; a delivery's id is chosen by AWS.
  aws_cloudwatch_log_delivery: {
    grants: [
      {
        read: ['logs:GetDelivery', 'logs:ListTagsForResource'],
        write: ['logs:CreateDelivery', 'logs:UpdateDeliveryConfiguration', 'logs:DeleteDelivery', 'logs:TagResource', 'logs:UntagResource'],
        on: (_r, at) => [arn(at, 'logs', 'delivery:*')],
      },
      {
        write: ['logs:CreateDelivery', 'logs:UpdateDeliveryConfiguration'],
        on: (r, at) => [
          arn(at, 'logs', `delivery-source:${at.name(r.args.delivery_source_name)}`),
          arn(at, 'logs', `delivery-destination:${at.name(r.args.delivery_destination_arn)}`),
        ],
      },
      // CloudWatch Logs User Guide, "Enable logging from AWS services" (logs sent to CloudWatch Logs):
      // the caller of CreateDelivery may also need these, none of which has resource-level permissions.
      { write: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'], on: () => ['*'] },
    ],
  },
  // internal/service/kms/key.go: CreateKey (no resource-level permission: scoped by the request's
  // tag), DescribeKey, GetKeyPolicy, GetKeyRotationStatus, ListResourceTags (read, and the waiters
  // after every change), PutKeyPolicy, EnableKeyRotation, UpdateKeyDescription,
  // TagResource/UntagResource, ScheduleKeyDeletion.
  aws_kms_key: {
    own: (_r, at) => stackKey(at),
    grants: [
      {
        write: ['kms:CreateKey'],
        on: () => ['*'],
        condition: (_r, at) => ({ StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: [at.stack] } }),
      },
      // KMS Developer Guide, "Tagging keys": tags given at CreateKey need kms:TagResource too.
      { write: ['kms:TagResource'], on: (_r, at) => [stackKey(at)], condition: (_r, at) => ({ StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: [at.stack] } }) },
      {
        read: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
        write: ['kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:UpdateKeyDescription', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion'],
        on: (_r, at) => [stackKey(at)],
        condition: taggedWithStack,
      },
    ],
  },
  // internal/service/kms/alias.go: CreateAlias/UpdateAlias/DeleteAlias on the alias and its key;
  // ListAliases (read) has no resource-level permission.
  aws_kms_alias: {
    grants: [
      { write: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'], on: (r, at) => [arn(at, 'kms', at.name(r.args.name))] },
      { write: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'], on: (r, at) => keyOf(r.args.target_key_id, at), condition: taggedWithStack },
      { read: ['kms:ListAliases'], on: () => ['*'] },
    ],
  },
  // internal/service/iam/role.go: CreateRole (tags need iam:TagRole too: IAM User Guide,
  // "Permissions required to tag IAM entities"); Read is GetRole (tags come with it),
  // ListRolePolicies + GetRolePolicy each inline policy, ListAttachedRolePolicies; UpdateRole,
  // UpdateAssumeRolePolicy, TagRole/UntagRole; Delete removes inline policies and instance profiles
  // first (ListInstanceProfilesForRole, DeleteRolePolicy), then DeleteRole.
  aws_iam_role: {
    grants: [
      {
        read: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'],
        write: ['iam:UpdateRole', 'iam:TagRole', 'iam:UntagRole', 'iam:ListInstanceProfilesForRole', 'iam:DeleteRole'],
        on: (r, at) => [roleArn(r, at)],
      },
      // What could give a role more than its sink needs: only with the permissions boundary the
      // stacks' roles carry under `ci`, so no role the pipeline makes can exceed it.
      { write: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRolePolicy'], on: (r, at) => [roleArn(r, at)], condition: (r) => bounded(r) },
    ],
  },
  // internal/service/iam/role_policy.go: PutRolePolicy, GetRolePolicy, DeleteRolePolicy.
  aws_iam_role_policy: {
    grants: [
      { read: ['iam:GetRolePolicy'], on: (r, at) => policyRole(r, at) },
      { write: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'], on: (r, at) => policyRole(r, at), condition: (r, at) => bounded(at.resource(r.args.role)) },
    ],
  },
  // internal/service/firehose/delivery_stream.go: CreateDeliveryStream, DescribeDeliveryStream +
  // ListTagsForDeliveryStream (read), UpdateDestination, Start/StopDeliveryStreamEncryption,
  // TagDeliveryStream/UntagDeliveryStream, DeleteDeliveryStream; its role is passed to Firehose.
  aws_kinesis_firehose_delivery_stream: {
    grants: [
      {
        read: ['firehose:DescribeDeliveryStream', 'firehose:ListTagsForDeliveryStream'],
        write: [
          'firehose:CreateDeliveryStream',
          'firehose:UpdateDestination',
          'firehose:StartDeliveryStreamEncryption',
          'firehose:StopDeliveryStreamEncryption',
          'firehose:TagDeliveryStream',
          'firehose:UntagDeliveryStream',
          'firehose:DeleteDeliveryStream',
        ],
        on: (r, at) => [arn(at, 'firehose', `deliverystream/${at.name(r.args.name)}`)],
      },
      {
        write: ['iam:PassRole'],
        on: (r, at) => [passedRole((r.args.extended_s3_configuration as Record<string, unknown> | undefined)?.role_arn, at)?.arn].filter((a): a is string => a !== undefined),
        condition: () => ({ StringEquals: { 'iam:PassedToService': ['firehose.amazonaws.com'] } }),
      },
    ],
  },
  // internal/service/s3/bucket.go: CreateBucket; Read calls HeadBucket (s3:ListBucket) and reads
  // every sub-configuration (its IAM names differ from the API's: GetBucketLifecycleConfiguration is
  // s3:GetLifecycleConfiguration, GetBucketEncryption s3:GetEncryptionConfiguration,
  // GetBucketReplication s3:GetReplicationConfiguration, GetObjectLockConfiguration
  // s3:GetBucketObjectLockConfiguration); DeleteBucket. Tags: since 6.23.0 sent with CreateBucket
  // and kept through S3 Control's ListTagsForResource/TagResource/UntagResource (the CHANGELOG and
  // PR 45251), Get/PutBucketTagging only as a fallback when those are denied as missing permissions.
  aws_s3_bucket: {
    grants: [
      {
        read: [
          's3:ListBucket',
          's3:GetBucketAcl',
          's3:GetBucketCORS',
          's3:GetBucketLogging',
          's3:GetBucketPolicy',
          's3:GetBucketRequestPayment',
          's3:GetBucketTagging',
          's3:GetBucketVersioning',
          's3:GetBucketWebsite',
          's3:GetAccelerateConfiguration',
          's3:GetLifecycleConfiguration',
          's3:GetReplicationConfiguration',
          's3:GetEncryptionConfiguration',
          's3:GetBucketObjectLockConfiguration',
          's3:GetBucketLocation',
          's3:ListTagsForResource',
        ],
        write: ['s3:CreateBucket', 's3:TagResource', 's3:UntagResource', 's3:PutBucketTagging', 's3:PutBucketObjectLockConfiguration', 's3:DeleteBucket'],
        on: (r, at) => [bucket(at, at.name(r.args.bucket))],
      },
    ],
  },
  aws_s3_bucket_policy: bucketSetting(['s3:GetBucketPolicy'], ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy']),
  aws_s3_bucket_versioning: bucketSetting(['s3:GetBucketVersioning'], ['s3:PutBucketVersioning']),
  aws_s3_bucket_lifecycle_configuration: bucketSetting(['s3:GetLifecycleConfiguration'], ['s3:PutLifecycleConfiguration']),
  aws_s3_bucket_ownership_controls: bucketSetting(['s3:GetBucketOwnershipControls'], ['s3:PutBucketOwnershipControls']),
  aws_s3_bucket_public_access_block: bucketSetting(['s3:GetBucketPublicAccessBlock'], ['s3:PutBucketPublicAccessBlock']),
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting(['s3:GetEncryptionConfiguration'], ['s3:PutEncryptionConfiguration']),
  aws_s3_bucket_object_lock_configuration: bucketSetting(['s3:GetBucketObjectLockConfiguration'], ['s3:PutBucketObjectLockConfiguration']),
  // Resources of other providers, or none in AWS.
  okta_log_stream: { grants: [] },
  time_sleep: { grants: [] },
};

/** An S3 bucket sub-resource (internal/service/s3/bucket_<setting>.go): one Get, its Put (and Delete). */
function bucketSetting(read: readonly string[], write: readonly string[]): ResourceAccess {
  return { grants: [{ read, write, on: (r, at) => [bucket(at, at.name(r.args.bucket))] }] };
}

/**
 * What refreshing each data source the stacks declare calls (plan, apply and drift read them all).
 * A new data source type must be entered here (deployerPolicy refuses one that is not).
 */
export const DATA_ACCESS: Readonly<Record<string, ResourceAccess>> = {
  // internal/service/kms/alias_data_source.go: findAliasByName (ListAliases: no resource-level
  // permission), then findKeyByID with the alias name (DescribeKey) for target_key_arn.
  aws_kms_alias: {
    grants: [
      { read: ['kms:ListAliases'], on: () => ['*'] },
      { read: ['kms:DescribeKey'], on: (r, at) => (literal(r.args.name) ? [stackKey(at)] : []), condition: (r) => (literal(r.args.name) ? hasAlias(r.args.name) : undefined) },
    ],
  },
};
