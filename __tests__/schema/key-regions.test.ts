import { withStacks } from '../helpers/config';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const alias = (region: string) => `arn:aws:kms:${region}:123456789012:alias/okta-logs`;
const cloudwatch = (extra: Record<string, unknown> = {}) => ({ name: 'okta-logs', event_source_name: 'okta_logs', sink: { type: 'cloudwatch_logs', ...extra } });

describe('keys of another region', () => {
  test.each([
    ['stacks[0].encryption.kms_key', withStacks({ ...cloudwatch(), encryption: { kms_key: key('us-east-1') } })],
    ['stacks[0].alarms.topic_kms_key_arn', withStacks({ ...cloudwatch(), alarms: { topic_kms_key_arn: alias('us-east-1') } })],
    ['stacks[0].sink.kms_key_arn', withStacks(cloudwatch({ kms_key_arn: key('us-east-1') }))],
    ['stacks[0].sink.delivery.dead_letter_queue_kms_key_arn', withStacks(cloudwatch({ delivery: { dead_letter_queue_kms_key_arn: alias('us-east-1') } }))],
    [
      'stacks[0].sinks[1].kms_key_arn',
      withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', sinks: [{ name: 'logs', type: 'cloudwatch_logs' }, { name: 'archive', type: 's3_archive', bucket_name: 'acme-okta-archive', kms_key_arn: key('us-east-1') }] }),
    ],
  ])('fails when %s names a key in another region than the stack\'s, saying which region each is in', (path, raw) => {
    expectOnlyProblem(raw, path, 'a key in us-east-1', 'the stack is in eu-west-1', 'give a key in eu-west-1');
  });

  test('fails when a top-level key is in another region than a stack that inherits it, naming the stack and where to override', () => {
    const raw = { ...withStacks(cloudwatch(), { name: 'okta-us', event_source_name: 'okta_us', aws: { region: 'us-east-1' }, sink: { type: 'slashid' } }), encryption: { kms_key: alias('us-east-1') }, alarms: { topic_kms_key_arn: key('us-east-1') } };
    const problems = problemsOf(raw);
    expect(problems.map((p) => p.path)).toEqual(['encryption.kms_key', 'alarms.topic_kms_key_arn']);
    for (const p of problems) expect(p.message).toContain('stacks[0] ("okta-logs") is in eu-west-1');
    expect(problems[0].message).toContain('for this stack alone: stacks[0].encryption.kms_key');
  });

  test('a key or alias in the stack\'s own region is accepted, in every field', () => {
    const raw = {
      ...withStacks(cloudwatch({ kms_key_arn: key('eu-west-1'), delivery: { dead_letter_queue_kms_key_arn: alias('eu-west-1') } }), {
        name: 'okta-us',
        event_source_name: 'okta_us',
        aws: { region: 'us-east-1' },
        encryption: { kms_key: key('us-east-1') },
        alarms: { topic_kms_key_arn: alias('us-east-1') },
        sink: { type: 'slashid' },
      }),
      encryption: { kms_key: alias('eu-west-1') },
    };
    expect(problemsOf(raw)).toEqual([]);
  });

  test('an Oort or Splunk Cloud stack uses no key: a top-level key of another region is not its problem', () => {
    const raw = { ...withStacks(cloudwatch(), { name: 'okta-oort', aws: { region: 'us-east-2' }, sink: { type: 'oort', integration_id: 'a1b2c3d4e5f6' } }), encryption: { kms_key: alias('eu-west-1') } };
    expect(problemsOf(raw)).toEqual([]);
  });
});
