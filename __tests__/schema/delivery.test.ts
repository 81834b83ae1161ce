import { validateConfig } from '../../schema/validate';
import { brontoConfig, withStacks } from '../helpers/config';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

const withDelivery = (delivery: unknown) => {
  const config = brontoConfig();
  config.stacks[0].sink.delivery = delivery;
  return config;
};

describe('delivery config', () => {
  test.each([60, 3600, 86400])('accepts maximum_event_age_seconds %d', (seconds) => {
    expect(problemsOf(withDelivery({ maximum_event_age_seconds: seconds }))).toEqual([]);
  });
  test.each([0, 59, 86401, 90.5])('fails on maximum_event_age_seconds %p (the API accepts 60-86400)', (seconds) => {
    expectOnlyProblem(withDelivery({ maximum_event_age_seconds: seconds }), 'stacks[0].sink.delivery.maximum_event_age_seconds', 'whole number from 60 to 86400');
  });
  test.each([0, 185])('accepts maximum_retry_attempts %d', (attempts) => {
    expect(problemsOf(withDelivery({ maximum_retry_attempts: attempts }))).toEqual([]);
  });
  test.each([-1, 186])('fails on maximum_retry_attempts %p', (attempts) => {
    expectOnlyProblem(withDelivery({ maximum_retry_attempts: attempts }), 'stacks[0].sink.delivery.maximum_retry_attempts', 'whole number from 0 to 185');
  });
  test('fails on a DLQ key that is not a KMS key or alias ARN', () => {
    expectOnlyProblem(withDelivery({ dead_letter_queue_kms_key_arn: 'alias/okta-logs' }), 'stacks[0].sink.delivery.dead_letter_queue_kms_key_arn', 'KMS key or alias ARN');
  });
  test('takes an alias ARN, which SQS resolves (CreateQueue KmsMasterKeyId), but no AWS managed key: EventBridge cannot be let use it', () => {
    expect(validateConfig(withDelivery({ dead_letter_queue_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs' })).ok).toBe(true);
    expectOnlyProblem(withDelivery({ dead_letter_queue_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sqs' }), 'stacks[0].sink.delivery.dead_letter_queue_kms_key_arn', 'AWS managed key');
  });
  test('fails on an unknown delivery key', () => {
    expectOnlyProblem(withDelivery({ dlq: true }), 'stacks[0].sink.delivery.dlq', 'unknown key', 'maximum_retry_attempts');
  });
  test('fan-out sinks take delivery too', () => {
    const fan = withStacks({ name: 'f', event_source_name: 'f', sinks: [{ name: 'a', type: 'slashid', delivery: { maximum_retry_attempts: 500 } }] });
    expectOnlyProblem(fan, 'stacks[0].sinks[0].delivery.maximum_retry_attempts', '0 to 185');
  });
  test('defaults to EventBridge\'s maximum: 24 h and 185 attempts', () => {
    const result = validateConfig(brontoConfig());
    expect(result.ok && result.value.stacks[0]).toMatchObject({ sink: { delivery: { maximum_event_age_seconds: 86400, maximum_retry_attempts: 185 } } });
  });
});

describe('stack reliability config', () => {
  const withStack = (extra: Record<string, unknown>) => {
    const config = brontoConfig();
    Object.assign(config.stacks[0], extra);
    return config;
  };
  test.each([0, 30, 3650])('accepts archive_retention_days %d', (days) => expect(problemsOf(withStack({ archive_retention_days: days }))).toEqual([]));
  test.each([-1, 3651, 7.5])('fails on archive_retention_days %p', (days) => {
    expectOnlyProblem(withStack({ archive_retention_days: days }), 'stacks[0].archive_retention_days', 'whole number from 0 to 3650');
  });
  test('fails when prevent_destroy is not a boolean', () => {
    expectOnlyProblem(withStack({ prevent_destroy: 'no' }), 'stacks[0].prevent_destroy', 'true or false');
  });
  test.each(['archive_retention_days', 'alarms'])('fails when an Oort stack sets %s, which has no AWS side', (key) => {
    const oort = withStacks({ name: 'o', sink: { type: 'oort', integration_id: 'x' }, [key]: key === 'alarms' ? { okta_quiet_hours: 3 } : 30 });
    expectOnlyProblem(oort, `stacks[0].${key}`, 'not used by a oort sink');
  });
});

describe('alarms config', () => {
  const withAlarms = (alarms: unknown): Record<string, any> => ({ ...brontoConfig(), alarms });
  test('accepts addresses, endpoints, a quiet period and a topic key', () => {
    expect(problemsOf(withAlarms({ email: ['secops@acme.example'], https: ['https://hooks.example.com/x'], okta_quiet_hours: 24, topic_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/k' }))).toEqual([]);
  });
  test('fails on an address that is not an email address', () => {
    expectOnlyProblem(withAlarms({ email: ['secops'] }), 'alarms.email[0]', 'email address');
  });
  test('fails on a plain-HTTP endpoint', () => {
    expectOnlyProblem(withAlarms({ https: ['http://hooks.example.com'] }), 'alarms.https[0]', 'https://');
  });
  test.each([0, 25])('fails on okta_quiet_hours %d (CloudWatch evaluates at most a day)', (hours) => {
    expectOnlyProblem(withAlarms({ okta_quiet_hours: hours }), 'alarms.okta_quiet_hours', 'whole number from 1 to 24');
  });
  test('a stack overrides the top-level alarms field by field', () => {
    const config = withAlarms({ email: ['a@acme.example'], okta_quiet_hours: 3 });
    config.stacks[0].alarms = { okta_quiet_hours: 8 };
    const result = validateConfig(config);
    expect(result.ok && result.value.stacks[0]).toMatchObject({ alarms: { email: ['a@acme.example'], https: [], okta_quiet_hours: 8 } });
  });
});
