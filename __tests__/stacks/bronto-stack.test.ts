import { BrontoStack } from '../../stacks/bronto-stack';
import { formatProblems, validateConfig } from '../../schema/validate';
import { brontoConfig } from '../helpers/config';
import { onlyResource, parsePolicy, ref, synth, TerraformJson, withoutBusDeadLetters } from '../helpers/synth';
import { Testing } from 'cdktf';

function brontoStack(change: (config: Record<string, any>) => void = () => undefined): BrontoStack {
  const raw = brontoConfig();
  change(raw);
  const result = validateConfig(raw);
  if (!result.ok) throw new Error(formatProblems('test config', result.problems));
  const [stack] = result.value.stacks;
  if (stack.kind !== 'single' || stack.sink.type !== 'bronto') throw new Error('not a bronto stack');
  return new BrontoStack(Testing.app(), { ...stack, sink: stack.sink });
}

describe('BrontoStack', () => {
  const stack = brontoStack();
  const json: TerraformJson = synth(stack);
  const stream = onlyResource(json, 'okta_log_stream');
  const wait = onlyResource(json, 'time_sleep');
  const bus = onlyResource(json, 'aws_cloudwatch_event_bus');
  const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
  const target = onlyResource(json, 'aws_cloudwatch_event_target');
  const connection = onlyResource(json, 'aws_cloudwatch_event_connection');
  const destination = onlyResource(json, 'aws_cloudwatch_event_api_destination');
  const role = onlyResource(json, 'aws_iam_role');
  const policy = onlyResource(json, 'aws_iam_role_policy');

  test('the stream is an ACTIVE aws_eventbridge stream to the configured account and region', () => {
    expect(stream.config).toMatchObject({
      name: 'okta-bronto',
      type: 'aws_eventbridge',
      status: 'ACTIVE',
      settings: { account_id: '123456789012', region: 'eu-west-1', event_source_name: 'okta_bronto' },
    });
  });

  test('the partner bus is named after the partner source and created after the stream, the wait and its dead-letter queue\'s policy', () => {
    expect(bus.config).toMatchObject({
      name: 'aws.partner/okta.com/acme/okta_bronto',
      event_source_name: 'aws.partner/okta.com/acme/okta_bronto',
      // …and after its dead-letter queue may take its dead letters.
      depends_on: [`okta_log_stream.${stream.id}`, `time_sleep.${wait.id}`, 'aws_sqs_queue_policy.BusDeadLetters_Queue_Policy_B908BBE3'],
    });
    expect(wait.config).toMatchObject({ create_duration: '60s' });
  });

  test('the rule matches Okta System Log events on the partner bus', () => {
    expect(rule.config).toMatchObject({ name: 'okta-bronto', event_bus_name: ref('aws_cloudwatch_event_bus', bus.id, 'name') });
    expect(JSON.parse(rule.config.event_pattern as string)).toEqual({ source: [{ prefix: 'aws.partner/okta.com' }], 'detail-type': ['SystemLog'] });
  });

  test('the target is on the partner bus and the rule, delivering to the destination with the role once it may, with retries and a DLQ', () => {
    const queue = onlyResource(withoutBusDeadLetters(json), 'aws_sqs_queue');
    expect(target.config).toEqual({
      depends_on: [`aws_iam_role_policy.${policy.id}`, `aws_sqs_queue_policy.${onlyResource(withoutBusDeadLetters(json), 'aws_sqs_queue_policy').id}`],
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 185 },
      dead_letter_config: { arn: ref('aws_sqs_queue', queue.id, 'arn') },
      rule: ref('aws_cloudwatch_event_rule', rule.id, 'name'),
      event_bus_name: ref('aws_cloudwatch_event_bus', bus.id, 'name'),
      target_id: 'okta-bronto',
      arn: ref('aws_cloudwatch_event_api_destination', destination.id, 'arn'),
      role_arn: ref('aws_iam_role', role.id, 'arn'),
      http_target: { header_parameters: { 'x-bronto-dataset': 'Okta', 'x-bronto-collection': 'okta-prod' } },
    });
  });

  test('the destination POSTs to Bronto EU with no path and an explicit rate limit', () => {
    expect(destination.config).toMatchObject({
      invocation_endpoint: 'https://ingestion.eu.bronto.io',
      http_method: 'POST',
      invocation_rate_limit_per_second: 300,
      connection_arn: ref('aws_cloudwatch_event_connection', connection.id, 'arn'),
    });
  });

  test('the connection sends the key from the sensitive variable as x-bronto-api-key', () => {
    expect(connection.config).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'x-bronto-api-key', value: '${var.bronto_api_key}' } },
    });
    expect(json.variable?.bronto_api_key).toMatchObject({ type: 'string', sensitive: true, nullable: false });
    expect(stack.secretVariableNames).toEqual(['bronto_api_key']);
  });

  test('the role trusts only EventBridge for this rule and may only invoke this destination', () => {
    const trust = parsePolicy(role.config.assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['sts:AssumeRole'],
      Condition: { ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', rule.id, 'arn') } },
    });
    const permissions = parsePolicy(policy.config.policy);
    expect(permissions.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['events:InvokeApiDestination'], Resource: [ref('aws_cloudwatch_event_api_destination', destination.id, 'arn')] }),
    ]);
  });

  test('the okta provider gets the org from config and no credential', () => {
    expect(json.provider?.okta).toEqual([{ org_name: 'acme', base_url: 'okta.com' }]);
  });

  test('the aws provider is in the stream region, locked to the account, with default tags', () => {
    expect(json.provider?.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [{ tags: { Team: 'security', ManagedBy: 'okta-log-streaming', OktaLogStreamingStack: 'okta-bronto' } }],
      },
    ]);
  });

  test('state is in S3 under a key of its own, encrypted, with native locking', () => {
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: 'acme-okta-log-streaming-tfstate',
        key: 'okta-log-streaming/test/okta-bronto.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test('outputs the stream id, the bus, the archive, the alarm topic, the rule and the DLQ', () => {
    const value = (v: string) => expect.objectContaining({ value: v });
    expect(json.output).toEqual({
      okta_log_stream_id: value(ref('okta_log_stream', stream.id, 'id')),
      partner_event_bus_name: value(ref('aws_cloudwatch_event_bus', bus.id, 'name')),
      partner_event_bus_arn: value(ref('aws_cloudwatch_event_bus', bus.id, 'arn')),
      archive_arn: value(ref('aws_cloudwatch_event_archive', onlyResource(json, 'aws_cloudwatch_event_archive').id, 'arn')),
      alarm_topic_arn: value(ref('aws_sns_topic', onlyResource(json, 'aws_sns_topic').id, 'arn')),
      rule_arn: value(ref('aws_cloudwatch_event_rule', rule.id, 'arn')),
      dead_letter_queue_url: value(ref('aws_sqs_queue', onlyResource(withoutBusDeadLetters(json), 'aws_sqs_queue').id, 'url')),
    });
  });

  test('uses no data source: every name is derived', () => {
    expect(json.data).toBeUndefined();
  });

  test('resource addresses are stable (renaming one moves it in state)', () => {
    const addresses = Object.entries(json.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));
    expect(addresses.sort()).toEqual([
      'aws_cloudwatch_dashboard.Dashboard_B5E3F5DB',
      'aws_cloudwatch_event_api_destination.Bronto_ApiDestination_0D90ADDE',
      'aws_cloudwatch_event_archive.Archive_4DBC1EC9',
      'aws_cloudwatch_event_bus.OktaEventSource_PartnerEventBus_936D294D',
      'aws_cloudwatch_event_connection.Bronto_Connection_F10F9D19',
      'aws_cloudwatch_event_rule.BrontoRule_B04F45E0',
      'aws_cloudwatch_event_target.Bronto_Target_DB1D4951',
      'aws_cloudwatch_metric_alarm.BrontoAlarms_DeadLetters_0D79407D',
      'aws_cloudwatch_metric_alarm.BrontoAlarms_FailedInvocations_3F9DA4DB',
      'aws_cloudwatch_metric_alarm.BrontoAlarms_FailedToDeadLetter_60F39743',
      'aws_cloudwatch_metric_alarm.BrontoAlarms_OktaQuiet_48C8A473',
      'aws_cloudwatch_metric_alarm.BusDeadLetters_Alarm_809C9E7F',
      'aws_iam_role.Bronto_InvokeRole_4E09E5F8',
      'aws_iam_role_policy.Bronto_InvokePolicy_FFAFA116',
      'aws_sns_topic.AlarmTopic_AD6681D3',
      'aws_sqs_queue.Bronto_DeadLetterQueue_AE3E0D2B',
      'aws_sqs_queue.BusDeadLetters_Queue_8231A3FC',
      'aws_sqs_queue_policy.Bronto_DeadLetterQueue_Policy_55B64C80',
      'aws_sqs_queue_policy.BusDeadLetters_Queue_Policy_B908BBE3',
      'okta_log_stream.OktaEventSource_LogStream_BC370C20',
      'time_sleep.OktaEventSource_WaitForPartnerSource_AF6EFE03',
    ]);
  });

  test('follows the config: US region, dataset, variable name, rate limit, wait', () => {
    const custom = synth(
      brontoStack((c) => {
        c.stacks[0].partner_source_wait_seconds = 90;
        c.stacks[0].sink = { type: 'bronto', region: 'us', collection: 'c1', dataset: 'Identity', api_key_variable: 'bronto_us_key', invocation_rate_limit_per_second: 50 };
      }),
    );
    expect(onlyResource(custom, 'aws_cloudwatch_event_api_destination').config).toMatchObject({
      invocation_endpoint: 'https://ingestion.us.bronto.io',
      invocation_rate_limit_per_second: 50,
    });
    expect(onlyResource(custom, 'aws_cloudwatch_event_target').config.http_target).toEqual({
      header_parameters: { 'x-bronto-dataset': 'Identity', 'x-bronto-collection': 'c1' },
    });
    expect(onlyResource(custom, 'aws_cloudwatch_event_connection').config).toMatchObject({ auth_parameters: { api_key: { value: '${var.bronto_us_key}' } } });
    expect(Object.keys(custom.variable ?? {})).toEqual(['bronto_us_key']);
    expect(onlyResource(custom, 'time_sleep').config.create_duration).toBe('90s');
  });

  test('a stack-level override moves the stream to another org and region', () => {
    const moved = synth(
      brontoStack((c) => {
        c.stacks[0].okta = { org_name: 'acme-eu', base_url: 'okta-emea.com' };
        c.stacks[0].aws = { region: 'eu-central-1' };
      }),
    );
    expect(moved.provider?.okta).toEqual([{ org_name: 'acme-eu', base_url: 'okta-emea.com' }]);
    expect(moved.provider?.aws?.[0]).toMatchObject({ region: 'eu-central-1' });
    expect(onlyResource(moved, 'aws_cloudwatch_event_bus').config.name).toBe('aws.partner/okta.com/acme-eu/okta_bronto');
    expect(onlyResource(moved, 'okta_log_stream').config).toMatchObject({ settings: { region: 'eu-central-1' } });
  });
});
