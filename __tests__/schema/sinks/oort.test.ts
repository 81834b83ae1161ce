import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>, stack: Record<string, unknown> = {}) =>
  withStacks({ name: 'okta-oort', sink: { type: 'oort', integration_id: 'abc123', ...sink }, ...stack });

describe('oort sink config', () => {
  test('defaults to production', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({ kind: 'okta_only', sink: { environment: 'production' } });
  });
  test('accepts staging', () => expect(problemsOf(withSink({ environment: 'staging' }))).toEqual([]));
  test('fails on another environment', () => {
    expectOnlyProblem(withSink({ environment: 'dev' }), 'stacks[0].sink.environment', 'production, staging');
  });
  test('fails on an integration id with "-", saying Terraform cannot create the stream and what to do instead', () => {
    expectOnlyProblem(
      withSink({ integration_id: '3f2a-77b1' }),
      'stacks[0].sink.integration_id',
      'got "3f2a-77b1"',
      'the okta provider (4.20.0 to 6.x) rejects "-"',
      'Create it in the Okta Admin Console',
      '988897525199',
      'us-east-2',
      'remove this stack',
    );
  });
  test('fails on an empty integration id', () => {
    expectOnlyProblem(withSink({ integration_id: '' }), 'stacks[0].sink.integration_id', 'Oort Okta integration id');
  });
  test.each(['event_source_name', 'partner_source_wait_seconds'])('fails when the stack sets %s, which Oort does not use', (key) => {
    expectOnlyProblem(withSink({}, { [key]: key === 'event_source_name' ? 'okta_oort' : 30 }), `stacks[0].${key}`, 'not used by a oort sink', 'integration_id');
  });
});
