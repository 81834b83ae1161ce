import { BusLogging } from '../../modules/bus-logging';
import { onlyResource, parsePolicy, ref, resourcesOf, synthConstructs } from '../helpers/synth';

const synthLogging = (level: 'ERROR' | 'INFO' | 'TRACE', kmsKeyArn?: string) =>
  synthConstructs((stack) => {
    new BusLogging(stack, 'BusLogging', { name: 'okta-logs', accountId: '123456789012', eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/aws.partner/okta.com/acme/okta_logs', level, kmsKeyArn });
  });

describe('BusLogging', () => {
  const json = synthLogging('ERROR');

  test('a vended-logs log group, kept 30 days, that the stack\'s log resource policy lets log delivery write, for this account\'s delivery sources of the bus only', () => {
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group.config).toEqual({ name: '/aws/vendedlogs/events/event-bus/okta-logs', retention_in_days: 30 });
    const policy = onlyResource(json, 'aws_cloudwatch_log_resource_policy').config;
    expect(policy.policy_name).toBe('okta-log-streaming-okta-logs');
    const source = onlyResource(json, 'aws_cloudwatch_log_delivery_source');
    expect(parsePolicy(policy.policy_document).Statement).toEqual([
      {
        Sid: 'LogDeliveryWritesTheBusLog',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${ref('aws_cloudwatch_log_group', group.id, 'arn')}:log-stream:*`],
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': [ref('aws_cloudwatch_log_delivery_source', source.id, 'arn')] } },
      },
    ]);
  });

  test('TRACE: the condition names every delivery source of the bus', () => {
    const policy = onlyResource(synthLogging('TRACE'), 'aws_cloudwatch_log_resource_policy').config;
    expect(parsePolicy(policy.policy_document).Statement[0].Condition?.ArnLike?.['aws:SourceArn']).toHaveLength(3);
  });

  test('ERROR: one delivery source of the bus\'s ERROR_LOGS, delivered to the group', () => {
    const source = onlyResource(json, 'aws_cloudwatch_log_delivery_source');
    expect(source.config).toEqual({ name: 'okta-logs-bus-error-logs', log_type: 'ERROR_LOGS', resource_arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/aws.partner/okta.com/acme/okta_logs' });
    const destination = onlyResource(json, 'aws_cloudwatch_log_delivery_destination');
    expect(destination.config).toMatchObject({ name: 'okta-logs-bus-logs', delivery_destination_configuration: [{ destination_resource_arn: ref('aws_cloudwatch_log_group', onlyResource(json, 'aws_cloudwatch_log_group').id, 'arn') }] });
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery').config).toEqual({
      delivery_source_name: ref('aws_cloudwatch_log_delivery_source', source.id, 'name'),
      delivery_destination_arn: ref('aws_cloudwatch_log_delivery_destination', destination.id, 'arn'),
    });
  });

  test('TRACE: the lower levels\' sources too, delivered one after the other', () => {
    const trace = synthLogging('TRACE');
    expect(Object.values(resourcesOf(trace, 'aws_cloudwatch_log_delivery_source')).map((s) => s.log_type)).toEqual(['ERROR_LOGS', 'INFO_LOGS', 'TRACE_LOGS']);
    const deliveries = Object.entries(resourcesOf(trace, 'aws_cloudwatch_log_delivery'));
    expect(deliveries.map(([, d]) => d.depends_on)).toEqual([undefined, [`aws_cloudwatch_log_delivery.${deliveries[0][0]}`], [`aws_cloudwatch_log_delivery.${deliveries[1][0]}`]]);
  });

  test('the log group under a customer managed key when given', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(onlyResource(synthLogging('ERROR', key), 'aws_cloudwatch_log_group').config.kms_key_id).toBe(key);
  });
});
