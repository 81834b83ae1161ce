/**
 * The key-policy statements each AWS service needs to use a stack's customer managed key, with the
 * conditions AWS documents, one function per use. Each names its source. A key policy's Resource
 * is "*" (this key), added by StackKey.
 */
import { PolicyStatement } from './iam-policy';

type Grant = PolicyStatement & { readonly Sid: string };

const EVENTS = { Service: 'events.amazonaws.com' };

/**
 * A partner bus encrypted with the key. EventBridge User Guide, "Encrypting EventBridge event buses
 * with AWS KMS keys": DescribeKey to validate the key; GenerateDataKey and Decrypt with the bus's
 * ARN as encryption context (kms:EncryptionContext:aws:events:event-bus:arn) and as aws:SourceArn.
 */
export function eventBusGrants(busArn: string): Grant[] {
  return [
    { Sid: 'EventBridgeValidatesTheKey', Effect: 'Allow', Principal: EVENTS, Action: ['kms:DescribeKey'] },
    {
      Sid: 'EventBridgeEncryptsBusEvents',
      Effect: 'Allow',
      Principal: EVENTS,
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': busArn, 'aws:SourceArn': busArn } },
    },
  ];
}

/**
 * The bus's archive encrypted with the key. EventBridge User Guide, "Encrypting EventBridge
 * archives": GenerateDataKey, Decrypt and ReEncrypt (ReEncryptFrom/To) with the bus ARN as
 * encryption context (the page's example; it documents no aws:SourceArn for archives).
 */
export function archiveGrant(busArn: string): Grant {
  return {
    Sid: 'EventBridgeEncryptsTheArchive',
    Effect: 'Allow',
    Principal: EVENTS,
    Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': busArn } },
  };
}

/**
 * The targets' dead-letter queues encrypted with the key: the statement as AWS gives it — SQS
 * Developer Guide, "Configure KMS permissions for AWS services" (service principal, Decrypt and
 * GenerateDataKey, no condition), and the EventBridge User Guide's event bus targets page for SQS
 * targets (the same statement). No condition: AWS documents none that SQS supplies on these calls
 * for EventBridge (no SQS encryption context; the guide's confused-deputy example names the queue
 * ARN with sqs.amazonaws.com, and kms:ViaService is for principals of the account), and one that
 * never matches loses every dead letter. What may send to each queue is the queue policy's job
 * (sqs:SendMessage for events.amazonaws.com with aws:SourceArn = its rule, DeadLetterQueue).
 */
export function deadLetterGrant(): Grant {
  return { Sid: 'EventBridgeSendsDeadLetters', Effect: 'Allow', Principal: EVENTS, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] };
}

/**
 * Log groups encrypted with the key. CloudWatch Logs User Guide, "Encrypt log data in CloudWatch
 * Logs using AWS KMS": principal logs.<region>.amazonaws.com, Encrypt*, Decrypt*, ReEncrypt*,
 * GenerateDataKey*, Describe* (named here), ArnEquals on kms:EncryptionContext:aws:logs:arn per group.
 */
export function logGroupGrant(region: string, logGroupArn: string): Grant {
  return {
    Sid: 'CloudWatchLogsEncryptsLogGroups',
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': [logGroupArn] } },
  };
}

/**
 * The alarm topic encrypted with the key. SNS Developer Guide, "Key management": CloudWatch
 * (cloudwatch.amazonaws.com) needs GenerateDataKey* and Decrypt; aws:SourceAccount and
 * aws:SourceArn guard against confused deputies. The stack's alarms are named <stack>-….
 */
export function alarmTopicGrant(accountId: string, alarmArnPattern: string): Grant {
  return {
    Sid: 'CloudWatchAlarmsPublish',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Condition: { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': alarmArnPattern } },
  };
}

/**
 * A bus under the key whose logs are delivered: EventBridge encrypts the logs' detail and error
 * sections with the bus's key, and the log delivery service decrypts them to write them (EventBridge
 * User Guide, "Encrypting event bus logs": both with kms:EncryptionContext:SourceArn like
 * arn:aws:logs:<region>:<account>:*).
 */
export function busLogGrants(region: string, accountId: string): Grant[] {
  const logsOfThisAccount = { StringLike: { 'kms:EncryptionContext:SourceArn': `arn:aws:logs:${region}:${accountId}:*` } };
  return [
    { Sid: 'EventBridgeEncryptsBusLogs', Effect: 'Allow', Principal: EVENTS, Action: ['kms:GenerateDataKey'], Condition: logsOfThisAccount },
    { Sid: 'LogDeliveryWritesBusLogs', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Condition: logsOfThisAccount },
  ];
}
