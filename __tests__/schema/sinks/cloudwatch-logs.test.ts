import { LOG_RETENTION_DAYS } from '../../../modules/cloudwatch-logs-sink';
import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>) => withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', sink: { type: 'cloudwatch_logs', ...sink } });

describe('cloudwatch_logs sink config', () => {
  test('defaults: 365 days, the envelope, no group name (the stack derives it)', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({ sink: { retention_in_days: 365, body: 'envelope' } });
    expect(result.ok && 'sink' in result.value.stacks[0] && result.value.stacks[0].sink).not.toHaveProperty('log_group_name');
  });
  test.each([...LOG_RETENTION_DAYS])('accepts retention %d', (days) => expect(problemsOf(withSink({ retention_in_days: days }))).toEqual([]));
  test.each([0, 2, 366, 3650, '30'])('fails on retention %p, listing what CloudWatch accepts', (days) => {
    expectOnlyProblem(withSink({ retention_in_days: days }), 'stacks[0].sink.retention_in_days', 'must be a retention CloudWatch accepts: 1, 3, 5');
  });
  test.each(['/aws/events/okta', 'okta_logs.prod#1'])('accepts group name %s', (name) => expect(problemsOf(withSink({ log_group_name: name }))).toEqual([]));
  test.each(['okta logs', 'x'.repeat(513), ''])('fails on group name %p', (name) => {
    expectOnlyProblem(withSink({ log_group_name: name }), 'stacks[0].sink.log_group_name', 'log group name');
  });
  test('fails on a KMS key that is not a key ARN', () => {
    expectOnlyProblem(withSink({ kms_key_arn: 'alias/logs' }), 'stacks[0].sink.kms_key_arn', 'KMS key ARN');
  });
});
