/**
 * A stack under a customer managed key (encryption.kms_key): every store of Okta events or secrets
 * uses it, the key policy grants each service exactly what AWS documents (modules/key-grants.ts), a
 * resource's own key wins, and a given key's stack says what its policy must hold.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { withStacks } from '../helpers/config';
import { synthOnlyStack } from '../helpers/config';
import { onlyResource, parsePolicy, ref, resourcesOf, TerraformJson } from '../helpers/synth';

const example = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'encrypted.yaml'), 'utf8')) as Record<string, unknown>;
const json = synthOnlyStack(example);
const key = onlyResource(json, 'aws_kms_key');
const keyArn = ref('aws_kms_key', key.id, 'arn');
const statements = parsePolicy(key.config.policy).Statement;
const statement = (sid: string) => statements.find((s) => s.Sid === sid);
const BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/aws.partner/okta.com/acme/okta_encrypted';
const all = (json: TerraformJson, type: string) => Object.entries(resourcesOf(json, type));

describe('a stack under a created key (examples/encrypted.yaml)', () => {
  test('every store of Okta events or secrets uses the key', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_bus').config.kms_key_identifier).toBe(keyArn);
    expect(onlyResource(json, 'aws_cloudwatch_event_archive').config.kms_key_identifier).toBe(keyArn);
    expect(all(json, 'aws_cloudwatch_event_connection').map(([, c]) => c.kms_key_identifier)).toEqual([keyArn, keyArn]);
    const queues = all(json, 'aws_sqs_queue');
    expect(queues.filter(([id]) => !id.startsWith('BusDeadLetters_')).map(([, q]) => q.kms_master_key_id)).toEqual([keyArn, keyArn, keyArn, keyArn]);
    expect(all(json, 'aws_cloudwatch_log_group').map(([, g]) => g.kms_key_id)).toEqual([keyArn, keyArn, keyArn]);
    expect(onlyResource(json, 'aws_kinesis_firehose_delivery_stream').config.server_side_encryption).toEqual({ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: keyArn });
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').config.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, 'aws_sns_topic').config.kms_master_key_id).toBe(keyArn);
  });

  test('the bus\'s own dead-letter queue stays SQS-encrypted: it must survive the key failing', () => {
    const [, busQueue] = all(json, 'aws_sqs_queue').find(([id]) => id.startsWith('BusDeadLetters_'))!;
    expect(busQueue).toMatchObject({ sqs_managed_sse_enabled: true });
    expect(busQueue.kms_master_key_id).toBeUndefined();
  });

  test('EventBridge: DescribeKey to validate; bus events under the bus\'s encryption context and source ARN; the archive under the bus\'s context', () => {
    const events = { Service: 'events.amazonaws.com' };
    expect(statement('EventBridgeValidatesTheKey')).toEqual({ Sid: 'EventBridgeValidatesTheKey', Effect: 'Allow', Principal: events, Action: ['kms:DescribeKey'], Resource: ['*'] });
    expect(statement('EventBridgeEncryptsBusEvents')).toEqual({
      Sid: 'EventBridgeEncryptsBusEvents',
      Effect: 'Allow',
      Principal: events,
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ['*'],
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': BUS, 'aws:SourceArn': BUS } },
    });
    expect(statement('EventBridgeEncryptsTheArchive')).toEqual({
      Sid: 'EventBridgeEncryptsTheArchive',
      Effect: 'Allow',
      Principal: events,
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: ['*'],
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': BUS } },
    });
  });

  test('dead letters: EventBridge, as the SQS guide gives the statement, with no condition SQS is not documented to supply (one that never matches loses every dead letter)', () => {
    expect(statement('EventBridgeSendsDeadLetters')).toEqual({
      Sid: 'EventBridgeSendsDeadLetters',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ['*'],
    });
    // Which rule may send to each queue is the queue policy's to say.
    for (const [id, queuePolicy] of all(json, 'aws_sqs_queue_policy')) {
      if (id.startsWith('BusDeadLetters_')) continue;
      const [sendStatement] = parsePolicy(queuePolicy.policy).Statement;
      expect(sendStatement.Condition?.ArnEquals?.['aws:SourceArn']).toMatch(/^\$\{aws_cloudwatch_event_rule\.[A-Za-z0-9_]+\.arn\}$/);
    }
  });

  test('a first apply: everything under the key waits for the key, whose policy is part of it; the bus waits for its dead-letter queue\'s policy', () => {
    expect(resourcesOf(json, 'aws_kms_key_policy')).toEqual({});
    const bus = onlyResource(json, 'aws_cloudwatch_event_bus').config;
    const [busQueuePolicy] = all(json, 'aws_sqs_queue_policy').find(([id]) => id.startsWith('BusDeadLetters_'))!;
    expect(bus.depends_on).toContain(`aws_sqs_queue_policy.${busQueuePolicy}`);
    expect((json as { removed?: unknown }).removed).toEqual([{ from: 'aws_kms_key_policy.StackKey_Policy_50455070', lifecycle: { destroy: false } }]);
  });

  test('CloudWatch Logs in the region, for exactly the stack\'s log groups (the bus log, the sink\'s, Firehose\'s errors)', () => {
    expect(statement('CloudWatchLogsEncryptsLogGroups')).toEqual({
      Sid: 'CloudWatchLogsEncryptsLogGroups',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: ['*'],
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': [
            'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/events/event-bus/okta-encrypted',
            'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/events/okta/okta-encrypted-logs',
            'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesisfirehose/okta-encrypted-archive',
          ],
        },
      },
    });
  });

  test('CloudWatch alarms publish to the topic, from this account, for this stack\'s alarms only', () => {
    expect(statement('CloudWatchAlarmsPublish')).toEqual({
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ['*'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:okta-encrypted-*' } },
    });
  });

  test('no other statement: each service gets what it needs and nothing else', () => {
    expect(statements.map((s) => s.Sid)).toEqual([
      'AccountAdministersTheKey',
      'AccountPrincipalsUseTheKeyThroughIam',
      'AccountPrincipalsGrantAwsServices',
      'EventBridgeValidatesTheKey',
      'EventBridgeEncryptsBusEvents',
      'EventBridgeEncryptsTheArchive',
      'CloudWatchAlarmsPublish',
      'EventBridgeEncryptsBusLogs',
      'LogDeliveryWritesBusLogs',
      'CloudWatchLogsEncryptsLogGroups',
      'EventBridgeSendsDeadLetters',
    ]);
  });

  test('no kms_key_policy_statements output for a created key (its policy is the stack\'s); its ARN is an output', () => {
    expect(Object.keys(json.output ?? {})).toContain('kms_key_arn');
    expect(Object.keys(json.output ?? {})).not.toContain('kms_key_policy_statements');
  });
});

describe('precedence and choices', () => {
  const OWN = 'arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab';
  const GIVEN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const stack = (extra: Record<string, unknown>, sink: Record<string, unknown>) => synthOnlyStack(withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', ...extra, sink }));

  test('a resource\'s own key wins, and the stack\'s key policy does not grant for that resource', () => {
    const own = stack({ encryption: { kms_key: 'create' } }, { type: 'cloudwatch_logs', kms_key_arn: OWN, delivery: { dead_letter_queue_kms_key_arn: OWN } });
    expect(onlyResource(own, 'aws_cloudwatch_log_group').config.kms_key_id).toBe(OWN);
    expect(all(own, 'aws_sqs_queue').find(([id]) => !id.startsWith('BusDeadLetters_'))![1].kms_master_key_id).toBe(OWN);
    const sids = parsePolicy(onlyResource(own, 'aws_kms_key').config.policy).Statement.map((s) => s.Sid);
    expect(sids).not.toContain('CloudWatchLogsEncryptsLogGroups');
    expect(sids).not.toContain('EventBridgeSendsDeadLetters');
  });

  test('a given key: nothing created, everything under it, and the statements its policy must hold as an output', () => {
    const given = stack({ encryption: { kms_key: GIVEN } }, { type: 'cloudwatch_logs' });
    expect(resourcesOf(given, 'aws_kms_key')).toEqual({});
    expect(onlyResource(given, 'aws_cloudwatch_event_bus').config.kms_key_identifier).toBe(GIVEN);
    const output = (given.output as Record<string, { value: string }>).kms_key_policy_statements.value;
    expect((JSON.parse(output) as { Sid: string }[]).map((s) => s.Sid)).toContain('EventBridgeEncryptsBusEvents');
  });

  test('a stack can opt out of the top-level key; top-level aws_owned is today\'s encryption', () => {
    const out = synthOnlyStack({ ...withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', encryption: { kms_key: 'aws_owned' }, sink: { type: 'cloudwatch_logs' } }), encryption: { kms_key: 'create' } });
    expect(resourcesOf(out, 'aws_kms_key')).toEqual({});
    expect(onlyResource(out, 'aws_cloudwatch_event_bus').config.kms_key_identifier).toBeUndefined();
  });
});

describe('bus logging (examples/encrypted.yaml: level error)', () => {
  test('the bus logs errors without the events\' detail, into its own log group under the key', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_bus').config.log_config).toEqual({ level: 'ERROR', include_detail: 'NONE' });
    const group = all(json, 'aws_cloudwatch_log_group').find(([, g]) => g.name === '/aws/vendedlogs/events/event-bus/okta-encrypted')!;
    expect(group[1].kms_key_id).toBe(keyArn);
    expect(statement('CloudWatchLogsEncryptsLogGroups')!.Condition!.ArnEquals['kms:EncryptionContext:aws:logs:arn']).toContain(
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/events/event-bus/okta-encrypted',
    );
  });

  test('EventBridge encrypts and log delivery decrypts the logs\' encrypted sections, for this account\'s logs only', () => {
    const logs = { StringLike: { 'kms:EncryptionContext:SourceArn': 'arn:aws:logs:eu-west-1:123456789012:*' } };
    expect(statement('EventBridgeEncryptsBusLogs')).toEqual({ Sid: 'EventBridgeEncryptsBusLogs', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:GenerateDataKey'], Resource: ['*'], Condition: logs });
    expect(statement('LogDeliveryWritesBusLogs')).toEqual({ Sid: 'LogDeliveryWritesBusLogs', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: ['*'], Condition: logs });
  });

  test('off by default: no log_config, no log group', () => {
    const plain = synthOnlyStack(withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', sink: { type: 'slashid' } }));
    expect(onlyResource(plain, 'aws_cloudwatch_event_bus').config.log_config).toBeUndefined();
    expect(resourcesOf(plain, 'aws_cloudwatch_log_delivery_source')).toEqual({});
  });
});
