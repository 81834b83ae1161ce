/**
 * A loopback fake of the AWS APIs that hashicorp/aws 5.100.0 calls to create, read and plan
 * aws_kms_key, aws_kms_alias, aws_kms_key_policy, aws_cloudwatch_log_group, aws_iam_role and
 * aws_iam_role_policy: KMS and CloudWatch Logs (JSON 1.1), IAM and STS (query protocol, XML).
 *
 * It answers as the AWS API references document, request and response shapes, error codes and HTTP
 * statuses, so that what the provider reads back into state is what AWS would return. It validates
 * what the real APIs validate where the project could get it wrong (each check names its reference
 * page), and answers any operation it does not implement with the API's own "unknown operation"
 * error, so a provider that needs more fails loudly instead of reading nonsense. Every request is
 * recorded (service, operation, status, error code) for tests to assert on.
 *
 * Listens on 127.0.0.1 only, on a random port.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';

/** One request as the server saw it. */
export interface RecordedCall {
  readonly service: 'kms' | 'logs' | 'iam' | 'sts' | 'unknown';
  readonly operation: string;
  readonly status: number;
  /** The API error code answered, when the call failed. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The request's parameters (JSON body, or the query protocol's form fields). */
  readonly params: Record<string, unknown>;
}

export interface AwsLoopbackOptions {
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
}

/** An API error as the service answers it. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Params = Record<string, unknown>;
type Handler = (params: Params) => unknown;

const str = (params: Params, name: string): string | undefined => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
const requireStr = (params: Params, name: string, code = 'ValidationException'): string => {
  const value = str(params, name);
  if (value === undefined || value === '') throw new ApiError(400, code, `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Read-only operations by the AWS naming convention: the second plan may make only these. */
export const isReadOnly = (operation: string): boolean => /^(Describe|Get|List)/.test(operation);

// ---------------------------------------------------------------------------------------------
// IAM policy grammar, as IAM validates it on CreateRole, UpdateAssumeRolePolicy and PutRolePolicy
// (IAM User Guide, "IAM JSON policy element reference" and "Validating IAM policies"; the API
// reference pages of those actions list MalformedPolicyDocument, HTTP 400).

interface PolicyStatement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** An ARN as "IAM identifiers" (IAM User Guide) defines it: arn:partition:service:region:account:resource. */
const ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;
/** "service-prefix:action", wildcards allowed (IAM JSON policy elements: Action). */
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;

function malformed(message: string): ApiError {
  return new ApiError(400, 'MalformedPolicyDocument', message);
}

/**
 * Parses a policy and checks it as IAM does. `kind` is 'identity' for an inline role policy (a
 * Resource is required and no Principal allowed) or 'trust' for a role's assume-role policy (a
 * Principal is required and no Resource allowed).
 */
function checkIamPolicy(document: string, kind: 'identity' | 'trust'): void {
  let policy: { Version?: unknown; Statement?: unknown };
  try {
    policy = JSON.parse(document) as typeof policy;
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (policy === null || typeof policy !== 'object' || policy.Statement === undefined) throw malformed('Missing required field Statement');
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') throw malformed('The policy must contain a valid version string');
  for (const statement of asList(policy.Statement) as PolicyStatement[]) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw malformed('Invalid effect: must be Allow or Deny');
    const actions = asList(statement.Action ?? statement.NotAction);
    if (actions.length === 0) throw malformed('Policy statement must contain actions.');
    for (const action of actions) {
      if (action !== '*' && (typeof action !== 'string' || !ACTION.test(action))) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    }
    if (kind === 'identity') {
      if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) throw malformed('Policy document should not specify a principal.');
      const resources = asList(statement.Resource ?? statement.NotResource);
      if (resources.length === 0) throw malformed('Policy statement must contain resources.');
      for (const resource of resources) {
        // The defect this harness exists for: a bare KMS key id where the key ARN belongs.
        if (resource !== '*' && (typeof resource !== 'string' || !ARN.test(resource))) throw malformed(`Resource ${String(resource)} must be in ARN format or "*".`);
      }
    } else {
      if (statement.Principal === undefined && statement.NotPrincipal === undefined) throw malformed('Missing required field Principal');
      if (statement.Resource !== undefined || statement.NotResource !== undefined) throw malformed('Has prohibited field Resource');
    }
  }
}

/** IAM does not count white space toward policy size quotas ("IAM and AWS STS quotas"). */
const policySize = (document: string) => document.replace(/\s/g, '').length;

// ---------------------------------------------------------------------------------------------
// KMS (AWS KMS API Reference, JSON 1.1, X-Amz-Target TrentService.<Action>)

interface KmsKey {
  readonly id: string;
  readonly arn: string;
  readonly creationDate: number;
  description: string;
  policy: string;
  enabled: boolean;
  keyState: 'Enabled' | 'Disabled' | 'PendingDeletion';
  deletionDate?: number;
  readonly keyUsage: string;
  readonly keySpec: string;
  readonly multiRegion: boolean;
  rotationEnabled: boolean;
  rotationPeriodInDays?: number;
  readonly tags: Map<string, string>;
}

interface KmsAlias {
  readonly name: string;
  targetKeyId: string;
  readonly creationDate: number;
  lastUpdatedDate: number;
}

/** Key policies are limited to 32 KB (KMS Developer Guide, "Quotas": key policy document size). */
const KEY_POLICY_MAX_BYTES = 32768;

class Kms {
  readonly keys = new Map<string, KmsKey>();
  readonly aliases = new Map<string, KmsAlias>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  private keyArn(id: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${id}`;
  }

  private aliasArn(name: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${name}`;
  }

  /**
   * The key a KeyId names. Most actions take "the key ID or key ARN"; DescribeKey (and the
   * cryptographic operations) also take an alias name or alias ARN (API reference, each action's
   * KeyId parameter). Unknown or malformed ids are NotFoundException, HTTP 400.
   */
  key(keyId: string | undefined, acceptAlias = false): KmsKey {
    if (keyId === undefined || keyId === null || keyId === '') throw new ApiError(400, 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    let id = keyId;
    const arnPrefix = `arn:aws:kms:${this.region}:${this.accountId}:`;
    if (id.startsWith(arnPrefix)) id = id.slice(arnPrefix.length);
    else if (id.startsWith('arn:')) throw new ApiError(400, 'NotFoundException', `Key '${keyId}' does not exist`);
    if (id.startsWith('alias/')) {
      const alias = acceptAlias ? this.aliases.get(id) : undefined;
      if (alias === undefined) throw new ApiError(400, 'NotFoundException', `Alias '${this.aliasArn(id)}' is not found.`);
      id = alias.targetKeyId;
    } else if (id.startsWith('key/')) {
      if (keyId === id) throw new ApiError(400, 'NotFoundException', `Invalid keyId '${keyId}'`);
      id = id.slice('key/'.length);
    }
    const key = this.keys.get(id);
    if (key === undefined) throw new ApiError(400, 'NotFoundException', `Key '${this.keyArn(id)}' does not exist`);
    return key;
  }

  /** DescribeKey's KeyId and Arn for any accepted id form: what a client reading the key back gets. */
  describe(keyId: string): { readonly KeyId: string; readonly Arn: string } {
    const key = this.key(keyId, true);
    return { KeyId: key.id, Arn: key.arn };
  }

  /** Usable for key management: a key pending deletion is KMSInvalidStateException (API reference, Errors). */
  private usable(keyId: string | undefined): KmsKey {
    const key = this.key(keyId);
    if (key.keyState === 'PendingDeletion') throw new ApiError(400, 'KMSInvalidStateException', `${key.arn} is pending deletion.`);
    return key;
  }

  /** CreateKey / PutKeyPolicy: the policy must be a JSON document within the size quota (MalformedPolicyDocumentException, LimitExceededException). */
  private checkPolicy(policy: string): void {
    if (Buffer.byteLength(policy) > KEY_POLICY_MAX_BYTES) throw new ApiError(400, 'LimitExceededException', `Policy exceeds the ${KEY_POLICY_MAX_BYTES} byte key policy quota.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch {
      throw new ApiError(400, 'MalformedPolicyDocumentException', 'The specified policy is not syntactically correct: it is not a JSON document.');
    }
    if (parsed === null || typeof parsed !== 'object' || !('Statement' in parsed)) throw new ApiError(400, 'MalformedPolicyDocumentException', 'The specified policy is not syntactically correct: it has no Statement.');
  }

  /** "Default key policy" (KMS Developer Guide): what CreateKey stores when no Policy is given. */
  private defaultPolicy(): string {
    return JSON.stringify({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${this.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });
  }

  /** KeyMetadata (API reference, Data Types): KeyId is always the bare key id, Arn the key ARN. */
  private metadata(key: KmsKey): Params {
    return {
      AWSAccountId: this.accountId,
      KeyId: key.id,
      Arn: key.arn,
      CreationDate: key.creationDate,
      Enabled: key.enabled,
      Description: key.description,
      KeyUsage: key.keyUsage,
      KeyState: key.keyState,
      ...(key.deletionDate === undefined ? {} : { DeletionDate: key.deletionDate }),
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: key.keySpec,
      KeySpec: key.keySpec,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: key.multiRegion,
    };
  }

  private tags(params: Params): [string, string][] {
    return (asList(params.Tags) as { TagKey?: unknown; TagValue?: unknown }[]).map((tag) => {
      if (typeof tag.TagKey !== 'string' || typeof tag.TagValue !== 'string') throw new ApiError(400, 'TagException', 'Tags must have a TagKey and a TagValue.');
      return [tag.TagKey, tag.TagValue];
    });
  }

  readonly handlers: Record<string, Handler> = {
    CreateKey: (params) => {
      const policy = str(params, 'Policy') ?? this.defaultPolicy();
      this.checkPolicy(policy);
      const keySpec = str(params, 'KeySpec') ?? str(params, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
      const id = crypto.randomUUID();
      const key: KmsKey = {
        id,
        arn: this.keyArn(id),
        creationDate: nowSeconds(),
        description: str(params, 'Description') ?? '',
        policy,
        enabled: true,
        keyState: 'Enabled',
        keyUsage: str(params, 'KeyUsage') ?? 'ENCRYPT_DECRYPT',
        keySpec,
        multiRegion: params.MultiRegion === true,
        rotationEnabled: false,
        tags: new Map(this.tags(params)),
      };
      this.keys.set(id, key);
      return { KeyMetadata: this.metadata(key) };
    },
    DescribeKey: (params) => ({ KeyMetadata: this.metadata(this.key(str(params, 'KeyId'), true)) }),
    // GetKeyPolicy returns the stored policy as it was put; PolicyName is always "default".
    GetKeyPolicy: (params) => {
      const key = this.key(str(params, 'KeyId'));
      const name = str(params, 'PolicyName') ?? 'default';
      if (name !== 'default') throw new ApiError(400, 'NotFoundException', `Policy '${name}' does not exist`);
      return { Policy: key.policy, PolicyName: 'default' };
    },
    PutKeyPolicy: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      const policy = requireStr(params, 'Policy');
      this.checkPolicy(policy);
      key.policy = policy;
      return {};
    },
    ListKeyPolicies: (params) => {
      this.key(str(params, 'KeyId'));
      return { PolicyNames: ['default'], Truncated: false };
    },
    UpdateKeyDescription: (params) => {
      this.usable(str(params, 'KeyId')).description = str(params, 'Description') ?? '';
      return {};
    },
    // RotationPeriodInDays: 90-2560, default 365 (EnableKeyRotation).
    EnableKeyRotation: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      const period = params.RotationPeriodInDays;
      if (period !== undefined && (typeof period !== 'number' || period < 90 || period > 2560)) {
        throw new ApiError(400, 'ValidationException', `1 validation error detected: Value '${String(period)}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560`);
      }
      key.rotationEnabled = true;
      key.rotationPeriodInDays = (period as number | undefined) ?? 365;
      return {};
    },
    DisableKeyRotation: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      key.rotationEnabled = false;
      key.rotationPeriodInDays = undefined;
      return {};
    },
    GetKeyRotationStatus: (params) => {
      const key = this.key(str(params, 'KeyId'));
      return {
        KeyId: key.arn,
        KeyRotationEnabled: key.rotationEnabled,
        ...(key.rotationEnabled ? { RotationPeriodInDays: key.rotationPeriodInDays, NextRotationDate: key.creationDate + (key.rotationPeriodInDays ?? 365) * 86400 } : {}),
      };
    },
    EnableKey: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      key.enabled = true;
      key.keyState = 'Enabled';
      return {};
    },
    DisableKey: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      key.enabled = false;
      key.keyState = 'Disabled';
      return {};
    },
    // PendingWindowInDays: 7-30, default 30; the response's KeyId is the key ARN (ScheduleKeyDeletion).
    ScheduleKeyDeletion: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      const days = (params.PendingWindowInDays as number | undefined) ?? 30;
      if (days < 7 || days > 30) throw new ApiError(400, 'ValidationException', `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value between 7 and 30`);
      key.keyState = 'PendingDeletion';
      key.enabled = false;
      key.deletionDate = nowSeconds() + days * 86400;
      return { KeyId: key.arn, DeletionDate: key.deletionDate, KeyState: key.keyState, PendingWindowInDays: days };
    },
    ListResourceTags: (params) => {
      const key = this.key(str(params, 'KeyId'));
      return { Tags: [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue })), Truncated: false };
    },
    TagResource: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      for (const [k, v] of this.tags(params)) key.tags.set(k, v);
      return {};
    },
    UntagResource: (params) => {
      const key = this.usable(str(params, 'KeyId'));
      for (const k of asList(params.TagKeys)) key.tags.delete(String(k));
      return {};
    },
    // AliasName: "alias/" then [a-zA-Z0-9:/_-]+, never "alias/aws/" (CreateAlias); one name per account and Region.
    CreateAlias: (params) => {
      const name = requireStr(params, 'AliasName');
      if (!/^alias\/[a-zA-Z0-9:/_-]+$/.test(name) || name.startsWith('alias/aws/')) {
        throw new ApiError(400, 'ValidationException', `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$`);
      }
      if (this.aliases.has(name)) throw new ApiError(400, 'AlreadyExistsException', `An alias with the name ${this.aliasArn(name)} already exists`);
      const key = this.usable(str(params, 'TargetKeyId'));
      const now = nowSeconds();
      this.aliases.set(name, { name, targetKeyId: key.id, creationDate: now, lastUpdatedDate: now });
      return {};
    },
    UpdateAlias: (params) => {
      const name = requireStr(params, 'AliasName');
      const alias = this.aliases.get(name);
      if (alias === undefined) throw new ApiError(400, 'NotFoundException', `Alias ${this.aliasArn(name)} is not found.`);
      alias.targetKeyId = this.usable(str(params, 'TargetKeyId')).id;
      alias.lastUpdatedDate = nowSeconds();
      return {};
    },
    DeleteAlias: (params) => {
      const name = requireStr(params, 'AliasName');
      if (!this.aliases.delete(name)) throw new ApiError(400, 'NotFoundException', `Alias ${this.aliasArn(name)} is not found.`);
      return {};
    },
    // ListAliases: TargetKeyId is the bare key id; KeyId filters by key (id or ARN).
    ListAliases: (params) => {
      const keyId = str(params, 'KeyId');
      const target = keyId === undefined ? undefined : this.key(keyId).id;
      const aliases = [...this.aliases.values()]
        .filter((alias) => target === undefined || alias.targetKeyId === target)
        .map((alias) => ({ AliasName: alias.name, AliasArn: this.aliasArn(alias.name), TargetKeyId: alias.targetKeyId, CreationDate: alias.creationDate, LastUpdatedDate: alias.lastUpdatedDate }));
      return { Aliases: aliases, Truncated: false };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CloudWatch Logs (Amazon CloudWatch Logs API Reference, JSON 1.1, X-Amz-Target Logs_20140328.<Action>)

interface LogGroup {
  readonly name: string;
  readonly creationTime: number;
  readonly logGroupClass: string;
  kmsKeyId?: string;
  retentionInDays?: number;
  readonly tags: Map<string, string>;
}

/** PutRetentionPolicy: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653." */
const RETENTION_DAYS = new Set([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);

class Logs {
  readonly groups = new Map<string, LogGroup>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly kms: Kms,
  ) {}

  /** The log group ARN without the ":*" suffix (as logGroupArn, and as ListTagsForResource takes it). */
  private groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  private group(name: string | undefined): LogGroup {
    const group = name === undefined ? undefined : this.groups.get(name);
    if (group === undefined) throw new ApiError(400, 'ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  }

  private groupOfArn(arn: string | undefined): LogGroup {
    const prefix = this.groupArn('');
    if (arn === undefined || !arn.startsWith(prefix)) throw new ApiError(400, 'InvalidParameterException', `Invalid resource ARN: ${String(arn)}`);
    return this.group(arn.slice(prefix.length));
  }

  /**
   * CreateLogGroup / AssociateKmsKey kmsKeyId: "The Amazon Resource Name (ARN) of the KMS key to use
   * when encrypting log data"; "If you attempt to associate a KMS key with the log group but the KMS
   * key does not exist or the KMS key is disabled, you receive an InvalidParameterException error."
   * CloudWatch Logs supports only symmetric keys, in the log group's Region (CloudWatch Logs User
   * Guide, "Encrypt log data in CloudWatch Logs using AWS Key Management Service").
   */
  private checkKmsKey(kmsKeyId: string, groupName: string): void {
    const refuse = () => new ApiError(400, 'InvalidParameterException', `Specified KMS key '${kmsKeyId}' does not exist or is not allowed to be used with Arn '${this.groupArn(groupName)}'`);
    if (!/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(kmsKeyId)) throw new ApiError(400, 'InvalidParameterException', `Invalid KMS key ARN: '${kmsKeyId}': the kmsKeyId must be the ARN of a KMS key`);
    let key: KmsKey;
    try {
      key = this.kms.key(kmsKeyId);
    } catch {
      throw refuse();
    }
    if (!key.enabled || key.keySpec !== 'SYMMETRIC_DEFAULT') throw refuse();
  }

  private checkName(name: string): void {
    if (name.length < 1 || name.length > 512 || !/^[.\-_/#A-Za-z0-9]+$/.test(name)) {
      throw new ApiError(400, 'InvalidParameterException', `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
    }
  }

  private description(group: LogGroup): Params {
    return {
      logGroupName: group.name,
      creationTime: group.creationTime,
      ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
      metricFilterCount: 0,
      arn: `${this.groupArn(group.name)}:*`,
      storedBytes: 0,
      ...(group.kmsKeyId === undefined ? {} : { kmsKeyId: group.kmsKeyId }),
      logGroupClass: group.logGroupClass,
      logGroupArn: this.groupArn(group.name),
    };
  }

  private static tagMap(value: unknown): [string, string][] {
    if (value === undefined) return [];
    if (value === null || typeof value !== 'object') throw new ApiError(400, 'InvalidParameterException', 'tags must be a map');
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  }

  readonly handlers: Record<string, Handler> = {
    CreateLogGroup: (params) => {
      const name = requireStr(params, 'logGroupName', 'InvalidParameterException');
      this.checkName(name);
      const kmsKeyId = str(params, 'kmsKeyId');
      if (kmsKeyId !== undefined) this.checkKmsKey(kmsKeyId, name);
      if (this.groups.has(name)) throw new ApiError(400, 'ResourceAlreadyExistsException', 'The specified log group already exists');
      const logGroupClass = str(params, 'logGroupClass') ?? 'STANDARD';
      if (!['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'].includes(logGroupClass)) throw new ApiError(400, 'InvalidParameterException', `Invalid logGroupClass: ${logGroupClass}`);
      this.groups.set(name, { name, creationTime: Date.now(), logGroupClass, kmsKeyId, tags: new Map(Logs.tagMap(params.tags)) });
      return {};
    },
    DeleteLogGroup: (params) => {
      this.group(str(params, 'logGroupName'));
      this.groups.delete(str(params, 'logGroupName')!);
      return {};
    },
    // Sorted by name; logGroupNamePrefix filters; limit 1-50 (default 50) with nextToken paging.
    DescribeLogGroups: (params) => {
      const prefix = str(params, 'logGroupNamePrefix') ?? '';
      const pattern = str(params, 'logGroupNamePattern');
      const limit = (params.limit as number | undefined) ?? 50;
      if (limit < 1 || limit > 50) throw new ApiError(400, 'InvalidParameterException', `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`);
      const names = [...this.groups.keys()].filter((name) => name.startsWith(prefix) && (pattern === undefined || name.toLowerCase().includes(pattern.toLowerCase()))).sort();
      const start = str(params, 'nextToken') === undefined ? 0 : Number(str(params, 'nextToken'));
      const page = names.slice(start, start + limit);
      return { logGroups: page.map((name) => this.description(this.groups.get(name)!)), ...(start + limit < names.length ? { nextToken: String(start + limit) } : {}) };
    },
    PutRetentionPolicy: (params) => {
      const group = this.group(str(params, 'logGroupName'));
      const days = params.retentionInDays;
      if (typeof days !== 'number' || !RETENTION_DAYS.has(days)) {
        throw new ApiError(400, 'InvalidParameterException', `1 validation error detected: Value '${String(days)}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${[...RETENTION_DAYS].join(', ')}]`);
      }
      group.retentionInDays = days;
      return {};
    },
    DeleteRetentionPolicy: (params) => {
      this.group(str(params, 'logGroupName')).retentionInDays = undefined;
      return {};
    },
    AssociateKmsKey: (params) => {
      const group = this.group(str(params, 'logGroupName'));
      const kmsKeyId = requireStr(params, 'kmsKeyId', 'InvalidParameterException');
      this.checkKmsKey(kmsKeyId, group.name);
      group.kmsKeyId = kmsKeyId;
      return {};
    },
    DisassociateKmsKey: (params) => {
      this.group(str(params, 'logGroupName')).kmsKeyId = undefined;
      return {};
    },
    // ListTagsForResource takes the log group ARN without ":*" (its resourceArn parameter).
    ListTagsForResource: (params) => ({ tags: Object.fromEntries(this.groupOfArn(str(params, 'resourceArn')).tags) }),
    TagResource: (params) => {
      const group = this.groupOfArn(str(params, 'resourceArn'));
      for (const [k, v] of Logs.tagMap(params.tags)) group.tags.set(k, v);
      return {};
    },
    UntagResource: (params) => {
      const group = this.groupOfArn(str(params, 'resourceArn'));
      for (const k of asList(params.tagKeys)) group.tags.delete(String(k));
      return {};
    },
    // The deprecated, name-keyed tag actions.
    ListTagsLogGroup: (params) => ({ tags: Object.fromEntries(this.group(str(params, 'logGroupName')).tags) }),
    TagLogGroup: (params) => {
      const group = this.group(str(params, 'logGroupName'));
      for (const [k, v] of Logs.tagMap(params.tags)) group.tags.set(k, v);
      return {};
    },
    UntagLogGroup: (params) => {
      const group = this.group(str(params, 'logGroupName'));
      for (const k of asList(params.tags)) group.tags.delete(String(k));
      return {};
    },
  };
}

// ---------------------------------------------------------------------------------------------
// IAM (IAM API Reference, query protocol, Version 2010-05-08, XML responses)

interface Role {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  readonly tags: Map<string, string>;
  readonly inlinePolicies: Map<string, string>;
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const el = (tag: string, value: string | number | boolean | undefined): string => (value === undefined ? '' : `<${tag}>${escapeXml(String(value))}</${tag}>`);
const raw = (tag: string, inner: string): string => `<${tag}>${inner}</${tag}>`;
const members = <T>(items: Iterable<T>, render: (item: T) => string): string => [...items].map((item) => raw('member', render(item))).join('');
/** Policy documents come back URL-encoded (RFC 3986), as GetRole and GetRolePolicy document it. */
const urlEncode = (document: string) => encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Query-protocol lists: Name.member.1, Name.member.2, … */
function memberList(params: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; typeof params[`${name}.member.${i}`] === 'string'; i++) out.push(params[`${name}.member.${i}`] as string);
  return out;
}

function memberTags(params: Params): [string, string][] {
  const tags: [string, string][] = [];
  for (let i = 1; typeof params[`Tags.member.${i}.Key`] === 'string'; i++) tags.push([params[`Tags.member.${i}.Key`] as string, (params[`Tags.member.${i}.Value`] as string | undefined) ?? '']);
  return tags;
}

/** IAM quotas ("IAM and AWS STS quotas"): role trust policy 2,048 characters, a role's inline policies together 10,240. */
const TRUST_POLICY_MAX = 2048;
const INLINE_POLICIES_MAX = 10240;

class Iam {
  readonly roles = new Map<string, Role>();

  constructor(private readonly accountId: string) {}

  private role(name: string | undefined): Role {
    const role = name === undefined ? undefined : this.roles.get(name);
    if (role === undefined) throw new ApiError(404, 'NoSuchEntity', `The role with name ${String(name)} cannot be found.`);
    return role;
  }

  /** RoleName: [\w+=,.@-]+, 1-64 characters (CreateRole). */
  private static checkRoleName(name: string): void {
    if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
      throw new ApiError(400, 'ValidationError', `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length less than or equal to 64`);
    }
  }

  private static checkTrustPolicy(document: string): void {
    checkIamPolicy(document, 'trust');
    if (policySize(document) > TRUST_POLICY_MAX) throw new ApiError(409, 'LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_MAX}`);
  }

  private static roleXml(role: Role): string {
    return raw(
      'Role',
      el('Path', role.path) +
        el('RoleName', role.name) +
        el('RoleId', role.id) +
        el('Arn', role.arn) +
        el('CreateDate', role.createDate) +
        el('AssumeRolePolicyDocument', urlEncode(role.assumeRolePolicyDocument)) +
        el('Description', role.description) +
        el('MaxSessionDuration', role.maxSessionDuration) +
        (role.tags.size === 0 ? '' : raw('Tags', members(role.tags, ([k, v]) => el('Key', k) + el('Value', v)))) +
        raw('RoleLastUsed', ''),
    );
  }

  readonly handlers: Record<string, Handler> = {
    CreateRole: (params) => {
      const name = requireStr(params, 'RoleName', 'ValidationError');
      Iam.checkRoleName(name);
      const path = str(params, 'Path') ?? '/';
      // Path: "/" alone or "/"-delimited, printable ASCII, 1-512 characters (CreateRole).
      if (path.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(path)) throw new ApiError(400, 'ValidationError', `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
      const document = requireStr(params, 'AssumeRolePolicyDocument', 'ValidationError');
      Iam.checkTrustPolicy(document);
      if (this.roles.has(name)) throw new ApiError(409, 'EntityAlreadyExists', `Role with name ${name} already exists.`);
      const maxSessionDuration = params.MaxSessionDuration === undefined ? 3600 : Number(params.MaxSessionDuration);
      const role: Role = {
        name,
        id: `AROA${crypto.randomBytes(16).toString('hex').toUpperCase().slice(0, 17)}`,
        arn: `arn:aws:iam::${this.accountId}:role${path}${name}`,
        path,
        createDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        assumeRolePolicyDocument: document,
        description: str(params, 'Description'),
        maxSessionDuration,
        tags: new Map(memberTags(params)),
        inlinePolicies: new Map(),
      };
      this.roles.set(name, role);
      return Iam.roleXml(role);
    },
    GetRole: (params) => Iam.roleXml(this.role(str(params, 'RoleName'))),
    DeleteRole: (params) => {
      const role = this.role(str(params, 'RoleName'));
      if (role.inlinePolicies.size > 0) throw new ApiError(409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
      this.roles.delete(role.name);
      return '';
    },
    UpdateRole: (params) => {
      const role = this.role(str(params, 'RoleName'));
      if (str(params, 'Description') !== undefined) role.description = str(params, 'Description');
      if (params.MaxSessionDuration !== undefined) role.maxSessionDuration = Number(params.MaxSessionDuration);
      return '';
    },
    UpdateRoleDescription: (params) => {
      const role = this.role(str(params, 'RoleName'));
      role.description = str(params, 'Description');
      return Iam.roleXml(role);
    },
    UpdateAssumeRolePolicy: (params) => {
      const role = this.role(str(params, 'RoleName'));
      const document = requireStr(params, 'PolicyDocument', 'ValidationError');
      Iam.checkTrustPolicy(document);
      role.assumeRolePolicyDocument = document;
      return '';
    },
    ListRoleTags: (params) => raw('Tags', members(this.role(str(params, 'RoleName')).tags, ([k, v]) => el('Key', k) + el('Value', v))) + el('IsTruncated', false),
    TagRole: (params) => {
      const role = this.role(str(params, 'RoleName'));
      for (const [k, v] of memberTags(params)) role.tags.set(k, v);
      return '';
    },
    UntagRole: (params) => {
      const role = this.role(str(params, 'RoleName'));
      for (const k of memberList(params, 'TagKeys')) role.tags.delete(k);
      return '';
    },
    PutRolePolicy: (params) => {
      const role = this.role(str(params, 'RoleName'));
      const name = requireStr(params, 'PolicyName', 'ValidationError');
      if (!/^[\w+=,.@-]{1,128}$/.test(name)) throw new ApiError(400, 'ValidationError', `1 validation error detected: Value '${name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
      const document = requireStr(params, 'PolicyDocument', 'ValidationError');
      checkIamPolicy(document, 'identity');
      const others = [...role.inlinePolicies].filter(([n]) => n !== name).reduce((sum, [, d]) => sum + policySize(d), 0);
      if (others + policySize(document) > INLINE_POLICIES_MAX) throw new ApiError(409, 'LimitExceeded', `Maximum policy size of ${INLINE_POLICIES_MAX} bytes exceeded for role ${role.name}`);
      role.inlinePolicies.set(name, document);
      return '';
    },
    GetRolePolicy: (params) => {
      const role = this.role(str(params, 'RoleName'));
      const name = str(params, 'PolicyName') ?? '';
      const document = role.inlinePolicies.get(name);
      if (document === undefined) throw new ApiError(404, 'NoSuchEntity', `The role policy with name ${name} cannot be found.`);
      return el('RoleName', role.name) + el('PolicyName', name) + el('PolicyDocument', urlEncode(document));
    },
    DeleteRolePolicy: (params) => {
      const role = this.role(str(params, 'RoleName'));
      const name = str(params, 'PolicyName') ?? '';
      if (!role.inlinePolicies.delete(name)) throw new ApiError(404, 'NoSuchEntity', `The role policy with name ${name} cannot be found.`);
      return '';
    },
    ListRolePolicies: (params) => raw('PolicyNames', members(this.role(str(params, 'RoleName')).inlinePolicies.keys(), (name) => escapeXml(name))) + el('IsTruncated', false),
    // Managed policies are never attached by this harness's resources: the list is always empty.
    ListAttachedRolePolicies: (params) => {
      this.role(str(params, 'RoleName'));
      return raw('AttachedPolicies', '') + el('IsTruncated', false);
    },
    ListInstanceProfilesForRole: (params) => {
      this.role(str(params, 'RoleName'));
      return raw('InstanceProfiles', '') + el('IsTruncated', false);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// STS (AWS STS API Reference, query protocol, Version 2011-06-15). The provider is configured not
// to call it; GetCallerIdentity answers should that change.

class Sts {
  constructor(private readonly accountId: string) {}

  readonly handlers: Record<string, Handler> = {
    GetCallerIdentity: () => el('Arn', `arn:aws:iam::${this.accountId}:user/loopback`) + el('UserId', 'AIDALOOPBACKEXAMPLE') + el('Account', this.accountId),
  };
}

// ---------------------------------------------------------------------------------------------
// The server: routes each request by the service of its SigV4 credential scope.

const requestId = () => crypto.randomUUID();

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The service and Region of a SigV4 Authorization header: Credential=<key>/<date>/<region>/<service>/aws4_request. */
function credentialScope(request: http.IncomingMessage): { region: string; service: string } | undefined {
  const match = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/.exec(request.headers.authorization ?? '');
  return match === null ? undefined : { region: match[1], service: match[2] };
}

export class AwsLoopback {
  /** Every request, in order. */
  readonly calls: RecordedCall[] = [];
  readonly kms: Kms;
  readonly logs: Logs;
  readonly iam: Iam;
  private readonly sts: Sts;
  private readonly server: http.Server;
  readonly region: string;
  readonly accountId: string;
  private port = 0;

  private constructor(options: AwsLoopbackOptions) {
    this.region = options.region ?? 'eu-west-1';
    this.accountId = options.accountId ?? '123456789012';
    this.kms = new Kms(this.region, this.accountId);
    this.logs = new Logs(this.region, this.accountId, this.kms);
    this.iam = new Iam(this.accountId);
    this.sts = new Sts(this.accountId);
    this.server = http.createServer((request, response) => {
      void this.handle(request, response);
    });
    // The provider reuses idle connections (Go's net/http keep-alive). Node closes them after 5 s by
    // default, which races with a request sent on one just then ("use of closed network connection"):
    // keep them open longer than any pause of a run; close() ends them.
    this.server.keepAliveTimeout = 300_000;
    this.server.headersTimeout = 301_000;
  }

  /** Starts a server on 127.0.0.1 and a random free port. */
  static async start(options: AwsLoopbackOptions = {}): Promise<AwsLoopback> {
    const loopback = new AwsLoopback(options);
    await new Promise<void>((resolve, reject) => {
      loopback.server.once('error', reject);
      loopback.server.listen(0, '127.0.0.1', () => resolve());
    });
    loopback.port = (loopback.server.address() as AddressInfo).port;
    return loopback;
  }

  /** The endpoint URL for every service. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Operation names, as "service:Operation", of the calls recorded so far (or since `from`). */
  operations(from = 0): string[] {
    return this.calls.slice(from).map((call) => `${call.service}:${call.operation}`);
  }

  /** Calls that may change something: every operation but Describe*, Get* and List*. */
  mutatingCalls(from = 0): RecordedCall[] {
    return this.calls.slice(from).filter((call) => !isReadOnly(call.operation));
  }

  /** Calls answered with an error. */
  failedCalls(from = 0): RecordedCall[] {
    return this.calls.slice(from).filter((call) => call.status >= 400);
  }

  /** Stops listening and drops kept-alive connections. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const scope = credentialScope(request);
    const target = String(request.headers['x-amz-target'] ?? '');
    try {
      if (scope?.service === 'kms' && target.startsWith('TrentService.')) return this.json(response, 'kms', scope.region, target.slice('TrentService.'.length), body, this.kms.handlers);
      if (scope?.service === 'logs' && target.startsWith('Logs_20140328.')) return this.json(response, 'logs', scope.region, target.slice('Logs_20140328.'.length), body, this.logs.handlers);
      if (scope?.service === 'iam') return this.query(response, 'iam', body, '2010-05-08', 'https://iam.amazonaws.com/doc/2010-05-08/', this.iam.handlers);
      if (scope?.service === 'sts') return this.query(response, 'sts', body, '2011-06-15', 'https://sts.amazonaws.com/doc/2011-06-15/', this.sts.handlers);
    } catch (error) {
      // A fault in this fake, not an API answer: report it as the 500 InternalFailure AWS uses.
      this.calls.push({ service: 'unknown', operation: target || request.url || '?', status: 500, errorCode: 'InternalFailure', errorMessage: String(error), params: {} });
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
      return;
    }
    // Neither a signed request of a served service nor a known protocol: refuse as AWS does unsigned requests.
    this.calls.push({ service: 'unknown', operation: target || `${request.method} ${request.url}`, status: 403, errorCode: 'MissingAuthenticationTokenException', params: {} });
    response.writeHead(403, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }));
  }

  /** AWS JSON 1.1: errors are {"__type": code, "message": text} with the HTTP status of the error. */
  private json(response: http.ServerResponse, service: 'kms' | 'logs', region: string, operation: string, body: string, handlers: Record<string, Handler>): void {
    let params: Params = {};
    const reply = (status: number, payload: unknown, error?: ApiError) => {
      this.calls.push({ service, operation, status, errorCode: error?.code, errorMessage: error?.message, params });
      const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId() };
      if (error) headers['x-amzn-errortype'] = error.code;
      response.writeHead(status, headers).end(JSON.stringify(payload));
    };
    try {
      params = body === '' ? {} : (JSON.parse(body) as Params);
    } catch {
      return reply(400, { __type: 'SerializationException', message: 'Start of structure or map found where not expected.' });
    }
    try {
      // A client signed for another Region would be talking to another Region's endpoint.
      if (region !== this.region) throw new ApiError(400, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'.`);
      const handler = handlers[operation];
      if (handler === undefined) throw new ApiError(400, 'UnknownOperationException', `Operation ${operation} is not served by this loopback ${service} endpoint.`);
      return reply(200, handler(params));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return reply(error.status, { __type: error.code, message: error.message }, error);
    }
  }

  /** AWS query protocol: form-encoded Action and Version; XML <ActionResponse><ActionResult>, errors as <ErrorResponse>. */
  private query(response: http.ServerResponse, service: 'iam' | 'sts', body: string, version: string, xmlns: string, handlers: Record<string, Handler>): void {
    const params: Params = Object.fromEntries(new URLSearchParams(body));
    const operation = str(params, 'Action') ?? '';
    const id = requestId();
    const reply = (status: number, xml: string, error?: ApiError) => {
      this.calls.push({ service, operation, status, errorCode: error?.code, errorMessage: error?.message, params });
      response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': id }).end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
    };
    try {
      if (params.Version !== version) throw new ApiError(400, 'InvalidAction', `Could not find operation ${operation} for version ${String(params.Version)}`);
      const handler = handlers[operation];
      if (handler === undefined) throw new ApiError(400, 'InvalidAction', `Could not find operation ${operation} for version ${version}`);
      const result = handler(params) as string;
      const resultXml = result === '' ? '' : raw(`${operation}Result`, result);
      return reply(200, `<${operation}Response xmlns="${xmlns}">${resultXml}${raw('ResponseMetadata', el('RequestId', id))}</${operation}Response>`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      return reply(error.status, `<ErrorResponse xmlns="${xmlns}">${raw('Error', el('Type', type) + el('Code', error.code) + el('Message', error.message))}${el('RequestId', id)}</ErrorResponse>`, error);
    }
  }
}
