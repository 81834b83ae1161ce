import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { Fn, Lazy, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement } from './iam-policy';
import { mayBeNull, optionalReference } from './optional-reference';

/**
 * What the account's own principals may do with the key, through their IAM policies (the key policy
 * delegates to IAM, as AWS's default key policy does — KMS Developer Guide, "Default key policy" —
 * but with the actions named instead of kms:*). Administration: the default "key administrators"
 * statement's actions, spelled out.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/**
 * Use by the account's principals through IAM: whoever applies the stack (EventBridge: creating or
 * updating a bus under a customer managed key needs GenerateDataKeyWithoutPlaintext, Decrypt,
 * Encrypt, ReEncryptFrom/To and DescribeKey — EventBridge User Guide, "Encrypting EventBridge event
 * buses with AWS KMS keys"), the Firehose role (SSE-KMS on the archive bucket), the EventBridge API
 * destinations service-linked role (connection secrets, through Secrets Manager: EventBridge User
 * Guide, "Encrypting EventBridge connection authorization with AWS KMS keys"), and readers of the
 * archive and the logs.
 */
export const KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] as const;

/** The tag EventBridge requires on a key that encrypts connections (EventBridge User Guide, connections encryption). */
export const CONNECTION_KEY_TAG = { EventBridgeApiDestinations: 'true' } as const;

export interface StackKeyProps {
  /** The stack's name: the alias is alias/okta-log-streaming/<name>. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** A key or alias ARN to use instead of creating one. @default - a key is created */
  readonly keyOrAliasArn?: string;
  /** Keep the created key from being destroyed (its data would be unreadable). @default true */
  readonly preventDestroy?: boolean;
}

/**
 * The customer managed key everything of a stack that holds Okta events or secrets is encrypted
 * with. Created: rotation on, a 30-day deletion window, an alias, and a key policy that grants each
 * service what it needs, as each resource using the key asks for it (`allow`). Given: the same
 * statements are what the key's own policy must hold (the stack outputs them).
 */
export class StackKey extends Construct {
  /** ARN of the key (never an alias: IAM grants and CloudWatch Logs need the key ARN). */
  readonly keyArn: string;
  /** Whether the stack created the key (and so writes its policy). */
  readonly created: boolean;
  readonly accountId: string;
  readonly region: string;
  private readonly grants = new Map<string, PolicyStatement>();

  constructor(scope: Construct, id: string, props: StackKeyProps) {
    super(scope, id);
    this.accountId = props.accountId;
    this.region = props.region;
    this.created = props.keyOrAliasArn === undefined;
    if (props.keyOrAliasArn !== undefined) {
      const alias = /:(alias\/.+)$/.exec(props.keyOrAliasArn)?.[1];
      // An alias is resolved to its key: IAM policies and CloudWatch Logs take key ARNs only (KMS
      // Developer Guide, "Specifying KMS keys in IAM policy statements"; CreateLogGroup kmsKeyId).
      this.keyArn = alias === undefined || Token.isUnresolved(props.keyOrAliasArn) ? props.keyOrAliasArn : new DataAwsKmsAlias(this, 'Alias', { name: alias }).targetKeyArn;
      return;
    }
    const key = new KmsKey(this, 'Key', {
      description: `okta-log-streaming ${props.name}: Okta System Log events and sink credentials`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: { ...CONNECTION_KEY_TAG },
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    new KmsAlias(this, 'Alias', { name: `alias/okta-log-streaming/${props.name}`, targetKeyId: key.keyId });
    const policy = new KmsKeyPolicy(this, 'Policy', {
      keyId: key.arn,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.statements }) }),
    });
    // Referencing the key through its policy makes every resource that uses the key wait for the
    // policy that lets its service use it.
    this.keyArn = policy.keyId;
  }

  /**
   * Lets a service use the key. Statements with the same Sid are one statement whose condition
   * values are merged (several log groups, one statement).
   */
  allow(statement: PolicyStatement & { readonly Sid: string }): void {
    const existing = this.grants.get(statement.Sid);
    this.grants.set(statement.Sid, existing === undefined ? statement : merged(existing, statement));
  }

  /** `arn:aws:<service>:<region>:<account>:<resource>`: ARNs of what uses the key, from names, so the policy does not wait for them. */
  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.accountId}:${resource}`;
  }

  /**
   * The key policy. In a key policy the Resource is "*", which means this key and nothing else
   * (KMS Developer Guide, "Key policies": "the asterisk identifies the KMS key to which the key policy
   * is attached").
   */
  get statements(): PolicyStatement[] {
    const root = { AWS: `arn:aws:iam::${this.accountId}:root` };
    return [
      { Sid: 'AccountAdministersTheKey', Effect: 'Allow', Principal: root, Action: [...KEY_ADMINISTRATION_ACTIONS], Resource: ['*'] },
      { Sid: 'AccountPrincipalsUseTheKeyThroughIam', Effect: 'Allow', Principal: root, Action: [...KEY_USE_ACTIONS], Resource: ['*'] },
      {
        // Firehose encrypts its stream with a grant it creates with the caller's credentials
        // (Firehose API Reference, DeliveryStreamEncryptionConfigurationInput).
        Sid: 'AccountPrincipalsGrantAwsServices',
        Effect: 'Allow',
        Principal: root,
        Action: ['kms:CreateGrant'],
        Resource: ['*'],
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
      ...[...this.grants.values()].map((s) => ({ ...s, Resource: ['*'] })),
    ];
  }
}

/** One statement from two with the same Sid: their condition values together. */
function merged(a: PolicyStatement, b: PolicyStatement): PolicyStatement {
  const condition: Record<string, Record<string, string | readonly string[]>> = {};
  for (const c of [a.Condition ?? {}, b.Condition ?? {}]) {
    for (const [operator, keys] of Object.entries(c)) {
      condition[operator] ??= {};
      for (const [key, value] of Object.entries(keys)) {
        const before = condition[operator][key];
        const values = [...(before === undefined ? [] : [before].flat()), ...[value].flat()];
        condition[operator][key] = [...new Set(values)];
      }
    }
  }
  return { ...a, Condition: condition };
}

/**
 * A resource's own key if it has one, else the stack's. In module form either may be an input that
 * is null: Terraform then picks.
 */
export function moreSpecificKey(specific: string | undefined, general: string | undefined): string | undefined {
  if (general === undefined || !mayBeNull(specific)) return specific ?? general;
  // Inside a function call: cdktf writes `a ? b : c == null` without parentheses when a bare
  // conditional is an operand (tostring keeps null and strings as they are).
  const chosen = Token.asString(Fn.tostring(Fn.conditional(Op.neq(specific, Token.nullValue()), specific, general)));
  return mayBeNull(general) ? optionalReference(chosen) : chosen;
}
