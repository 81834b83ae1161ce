import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Fn, Lazy, Op, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { inExpression, PolicyStatement } from './iam-policy';
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
  private readonly conditionalGrants: { readonly when: unknown; readonly statement: PolicyStatement }[] = [];

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
    // The policy is part of the key (CreateKey takes it; the provider waits for it to propagate:
    // internal/service/kms/key.go, resourceKeyCreate), so whatever reads the key's ARN is created
    // after its policy lets the resource's service use it. The ARN is the key's own `arn`, which the
    // provider reads from DescribeKey: never an echo of an input (aws_kms_key_policy.key_id is read
    // back as the bare key id — internal/service/kms/key_policy.go, resourceKeyPolicyRead — so ARNs
    // read through it became ids after create).
    const key = new KmsKey(this, 'Key', {
      description: `okta-log-streaming ${props.name}: Okta System Log events and sink credentials`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: { ...CONNECTION_KEY_TAG },
      policy: Lazy.stringValue({ produce: () => this.policyDocument() }),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    new KmsAlias(this, 'Alias', { name: `alias/okta-log-streaming/${props.name}`, targetKeyId: key.keyId });
    this.keyArn = key.arn;
    forgetFormerPolicy(this);
  }

  /**
   * Lets a service use the key. Statements with the same Sid are one statement whose condition
   * values are merged (several log groups, one statement).
   */
  allow(statement: PolicyStatement & { readonly Sid: string }): void {
    if (this.conditionalGrants.some((c) => c.statement.Sid === statement.Sid)) throw new Error(`StackKey: statement ${statement.Sid} is granted both always and on a condition`);
    const existing = this.grants.get(statement.Sid);
    this.grants.set(statement.Sid, existing === undefined ? statement : merged(existing, statement));
  }

  /**
   * Lets a service use the key for a resource unless the resource has a key of its own: nothing is
   * granted for a given key, and for a module input that may be null Terraform decides (the
   * statement is in the policy when the input is null).
   */
  allowUnlessOwnKey(ownKey: string | undefined, statement: PolicyStatement & { readonly Sid: string }): void {
    if (ownKey === undefined) return this.allow(statement);
    if (!mayBeNull(ownKey)) return;
    if (this.grants.has(statement.Sid) || this.conditionalGrants.some((c) => c.statement.Sid === statement.Sid)) {
      throw new Error(`StackKey: statement ${statement.Sid} is granted on a condition more than once`);
    }
    this.conditionalGrants.push({ when: Op.eq(ownKey, Token.nullValue()), statement });
  }

  /** The key policy document: JSON, or a Terraform expression when a statement depends on an input. */
  policyDocument(): string {
    if (this.conditionalGrants.length === 0) return JSON.stringify({ Version: '2012-10-17', Statement: this.statements });
    return Token.asString(Fn.jsonencode({ Version: '2012-10-17', Statement: this.statementsExpression() }));
  }

  /** The statements as a Terraform list: the conditional ones are in it when their input is null. */
  statementsExpression(): unknown {
    const fixed = this.fixedStatements().map(inExpression);
    if (this.conditionalGrants.length === 0) return fixed;
    return Fn.concat([fixed, ...this.conditionalGrants.map(({ when, statement }) => Fn.conditional(when, [inExpression(withKeyResource(statement))], []))]);
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
    if (this.conditionalGrants.length > 0) throw new Error('StackKey: some statements depend on inputs; use statementsExpression()');
    return this.fixedStatements();
  }

  /** Every statement that is in the policy whatever the inputs. */
  private fixedStatements(): PolicyStatement[] {
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
      ...[...this.grants.values()].map(withKeyResource),
    ];
  }
}

/** In a key policy the Resource "*" is the key itself. */
function withKeyResource(statement: PolicyStatement): PolicyStatement {
  return { ...statement, Resource: ['*'] };
}

/**
 * Before the policy was part of the key it was an aws_kms_key_policy (<key>/Policy). Stacks that
 * applied it forget it without destroying it: the provider's delete resets the key to the default
 * policy (internal/service/kms/key_policy.go, resourceKeyPolicyDelete), which would race with the
 * key's own policy update. A removed block is a no-op where it never existed (Terraform >= 1.7).
 */
function forgetFormerPolicy(key: StackKey): void {
  const stack = TerraformStack.of(key);
  // A plain construct at the former resource's path gives its logical id, and synthesizes nothing.
  const former = `aws_kms_key_policy.${stack.getLogicalId(new Construct(key, 'Policy').node)}`;
  stack.addOverride('removed', [{ from: former, lifecycle: { destroy: false } }]);
}

/** One statement from two with the same Sid: their condition values together. */
function merged(a: PolicyStatement, b: PolicyStatement): PolicyStatement {
  if (a.Condition === undefined && b.Condition === undefined) return a;
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
