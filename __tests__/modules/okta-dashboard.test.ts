import { OktaDashboard } from '../../modules/okta-dashboard';
import { onlyResource, synthConstructs } from '../helpers/synth';

describe('OktaDashboard', () => {
  const json = synthConstructs((stack) => {
    const dashboard = new OktaDashboard(stack, 'Dashboard', { dashboardName: 'okta-logs', region: 'eu-west-1' });
    dashboard.addSink({ label: 'bronto', ruleName: 'okta-bronto', eventBusName: 'aws.partner/okta.com/acme/x', deadLetterQueueName: 'okta-bronto-dlq' });
    dashboard.addSink({
      label: 'archive',
      ruleName: 'okta-archive',
      eventBusName: 'aws.partner/okta.com/acme/x',
      deadLetterQueueName: 'okta-archive-dlq',
      metrics: [{ namespace: 'AWS/S3', metricName: 'BucketSizeBytes', dimensions: { BucketName: 'b', StorageType: 'StandardStorage' }, stat: 'Average', label: 'archive bytes', periodSeconds: 86400 }],
    });
  });
  const dashboard = onlyResource(json, 'aws_cloudwatch_dashboard').config;
  const body = JSON.parse(dashboard.dashboard_body as string) as { widgets: { properties: { title: string; region: string; metrics: unknown[][] } }[] };
  const widget = (title: string) => body.widgets.find((w) => w.properties.title === title)!.properties;

  test('one dashboard named after the stack, every widget in the stack\'s region', () => {
    expect(dashboard.dashboard_name).toBe('okta-logs');
    expect(body.widgets.map((w) => w.properties.region)).toEqual(Array(body.widgets.length).fill('eu-west-1'));
  });

  test('matched events, deliveries, failures and throttling for every sink\'s rule', () => {
    expect(widget('Okta events matched per sink').metrics).toEqual([
      ['AWS/Events', 'MatchedEvents', 'EventBusName', 'aws.partner/okta.com/acme/x', 'RuleName', 'okta-bronto', { stat: 'Sum', label: 'bronto matched' }],
      ['AWS/Events', 'MatchedEvents', 'EventBusName', 'aws.partner/okta.com/acme/x', 'RuleName', 'okta-archive', { stat: 'Sum', label: 'archive matched' }],
    ]);
    expect(widget('Deliveries and failures').metrics.map((m) => m[1])).toEqual(['Invocations', 'Invocations', 'FailedInvocations', 'FailedInvocations']);
    expect(widget('Throttled deliveries').metrics.map((m) => m[1])).toEqual(['ThrottledRules', 'ThrottledRules']);
  });

  test('dead-letter queue depth and events lost before the DLQ', () => {
    expect(widget('Dead-letter queues').metrics.map((m) => [m[1], m[3]])).toEqual([
      ['ApproximateNumberOfMessagesVisible', 'okta-bronto-dlq'],
      ['ApproximateNumberOfMessagesVisible', 'okta-archive-dlq'],
      ['InvocationsFailedToBeSentToDlq', 'aws.partner/okta.com/acme/x'],
      ['InvocationsFailedToBeSentToDlq', 'aws.partner/okta.com/acme/x'],
    ]);
  });

  test('the sinks\' own metrics, archive size by the day', () => {
    expect(widget('Sink deliveries and archive size').metrics).toEqual([
      ['AWS/S3', 'BucketSizeBytes', 'BucketName', 'b', 'StorageType', 'StandardStorage', { stat: 'Average', label: 'archive bytes', period: 86400 }],
    ]);
  });
});
