import { brontoConfig, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, parsePolicy, ref, resourcesOf, withoutBusDeadLetters } from '../helpers/synth';

describe('EventBridgeSinkStack', () => {
  const json = synthOnlyStack(brontoConfig());
  const bus = onlyResource(json, 'aws_cloudwatch_event_bus');

  test('archives the partner bus for 30 days by default', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_archive').config).toMatchObject({
      name: 'okta-bronto',
      event_source_arn: ref('aws_cloudwatch_event_bus', bus.id, 'arn'),
      retention_days: 30,
    });
  });

  test('one alarm topic per stack; the sink\'s alarms watch its rule, bus and DLQ and notify it', () => {
    const topic = onlyResource(json, 'aws_sns_topic');
    expect(topic.config.name).toBe('okta-bronto-alarms');
    const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
    const queue = onlyResource(withoutBusDeadLetters(json), 'aws_sqs_queue');
    const alarms = Object.values(resourcesOf(withoutBusDeadLetters(json), 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([ref('aws_sns_topic', topic.id, 'arn')]);
    const dimensions = alarms.map((a) => a.dimensions);
    expect(dimensions).toContainEqual({ RuleName: ref('aws_cloudwatch_event_rule', rule.id, 'name'), EventBusName: ref('aws_cloudwatch_event_bus', bus.id, 'name') });
    expect(dimensions).toContainEqual({ QueueName: ref('aws_sqs_queue', queue.id, 'name') });
  });

  test('the DLQ is named <stack>-dlq', () => {
    expect(onlyResource(withoutBusDeadLetters(json), 'aws_sqs_queue').config.name).toBe('okta-bronto-dlq');
  });

  test('the partner bus has a dead-letter queue of its own, only it may send to, SQS-encrypted (it must outlive a broken key), alarmed', () => {
    const busQueue = Object.entries(resourcesOf(json, 'aws_sqs_queue')).find(([id]) => id.startsWith('BusDeadLetters_'))!;
    expect(busQueue[1]).toEqual({ name: 'okta-bronto-partner-bus-dead-letters', message_retention_seconds: 1209600, sqs_managed_sse_enabled: true });
    expect(bus.config.dead_letter_config).toEqual({ arn: ref('aws_sqs_queue', busQueue[0], 'arn') });
    const busArn = 'arn:aws:events:eu-west-1:123456789012:event-bus/aws.partner/okta.com/acme/okta_bronto';
    const policy = Object.entries(resourcesOf(json, 'aws_sqs_queue_policy')).find(([id]) => id.startsWith('BusDeadLetters_'))![1];
    expect(parsePolicy(policy.policy).Statement[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': busArn } });
    const alarm = Object.entries(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).find(([id]) => id.startsWith('BusDeadLetters_'))![1];
    expect(alarm).toMatchObject({ alarm_name: 'okta-bronto-partner-bus-dlq', dimensions: { QueueName: ref('aws_sqs_queue', busQueue[0], 'name') }, threshold: 1 });
  });

  test('stream and bus are protected from destruction by default', () => {
    expect(onlyResource(json, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: true });
    expect(bus.config.lifecycle).toMatchObject({ prevent_destroy: true });
  });

  test('follows config: protection off, archive retention, alarms and delivery', () => {
    const raw = withStacks({
      name: 'okta-bronto',
      event_source_name: 'okta_bronto',
      prevent_destroy: false,
      archive_retention_days: 365,
      alarms: { okta_quiet_hours: 6, https: ['https://hooks.example.com/x'] },
      sink: { type: 'bronto', region: 'eu', collection: 'c', delivery: { maximum_event_age_seconds: 3600, maximum_retry_attempts: 20 } },
    });
    raw.alarms = { email: ['secops@acme.example'], okta_quiet_hours: 3 };
    const custom = synthOnlyStack(raw);
    expect(onlyResource(custom, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: false });
    expect(onlyResource(custom, 'aws_cloudwatch_event_archive').config.retention_days).toBe(365);
    const quiet = Object.values(resourcesOf(custom, 'aws_cloudwatch_metric_alarm')).find((a) => a.metric_name === 'MatchedEvents');
    expect(quiet).toMatchObject({ evaluation_periods: 6 });
    const endpoints = Object.values(resourcesOf(custom, 'aws_sns_topic_subscription')).map((s) => s.endpoint);
    expect(endpoints.sort()).toEqual(['https://hooks.example.com/x', 'secops@acme.example']);
    expect(onlyResource(custom, 'aws_cloudwatch_event_target').config.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 20 });
  });
});
