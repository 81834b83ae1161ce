import { DeliveryAlarms, DeliveryAlarmsProps } from '../../modules/delivery-alarms';
import { resourcesOf, synthConstructs, testStack } from '../helpers/synth';

const props: DeliveryAlarmsProps = {
  alarmNamePrefix: 'okta-bronto',
  ruleName: 'okta-bronto',
  eventBusName: 'aws.partner/okta.com/acme/okta_bronto',
  deadLetterQueueName: 'okta-bronto-dlq',
  topicArn: 'arn:aws:sns:eu-west-1:123456789012:okta-bronto-alarms',
};

function alarms(extra: Partial<DeliveryAlarmsProps> = {}): Record<string, Record<string, unknown>> {
  const json = synthConstructs((stack) => new DeliveryAlarms(stack, 'Alarms', { ...props, ...extra }));
  return Object.fromEntries(Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name as string, a]));
}

describe('DeliveryAlarms', () => {
  const byName = alarms();
  const rule = { RuleName: 'okta-bronto', EventBusName: 'aws.partner/okta.com/acme/okta_bronto' };
  const notify = { alarm_actions: [props.topicArn], ok_actions: [props.topicArn] };

  test('four alarms, each notifying the topic on ALARM and OK', () => {
    expect(Object.keys(byName).sort()).toEqual([
      'okta-bronto-dead-letters',
      'okta-bronto-failed-invocations',
      'okta-bronto-failed-to-dead-letter',
      'okta-bronto-okta-quiet',
    ]);
    for (const alarm of Object.values(byName)) expect(alarm).toMatchObject(notify);
  });

  test('failed invocations of the rule on its bus; silence is fine', () => {
    expect(byName['okta-bronto-failed-invocations']).toMatchObject({
      namespace: 'AWS/Events',
      metric_name: 'FailedInvocations',
      dimensions: rule,
      statistic: 'Sum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treat_missing_data: 'notBreaching',
    });
  });

  test('messages waiting in the DLQ; an idle queue stops reporting, which is fine', () => {
    expect(byName['okta-bronto-dead-letters']).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'okta-bronto-dlq' },
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treat_missing_data: 'notBreaching',
    });
  });

  test('events that did not even reach the DLQ', () => {
    expect(byName['okta-bronto-failed-to-dead-letter']).toMatchObject({
      namespace: 'AWS/Events',
      metric_name: 'InvocationsFailedToBeSentToDlq',
      dimensions: rule,
      treat_missing_data: 'notBreaching',
    });
  });

  test('"Okta went quiet": no matched event for 2 hours by default, and missing data alarms', () => {
    expect(byName['okta-bronto-okta-quiet']).toMatchObject({
      namespace: 'AWS/Events',
      metric_name: 'MatchedEvents',
      dimensions: rule,
      statistic: 'Sum',
      period: 3600,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
  });

  test('the quiet period is configurable, within CloudWatch\'s one-day evaluation', () => {
    expect(alarms({ quietHours: 24 })['okta-bronto-okta-quiet']).toMatchObject({ evaluation_periods: 24, datapoints_to_alarm: 24, period: 3600 });
  });

  test.each([0, 25, 1.5])('fails on a quiet period of %p hours', (quietHours) => {
    expect(() => new DeliveryAlarms(testStack(), 'A', { ...props, quietHours })).toThrow('quietHours must be a whole number from 1 to 24');
  });
});
