import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>) =>
  withStacks({ name: 'okta-archive', event_source_name: 'okta_archive', sink: { type: 's3_archive', bucket_name: 'acme-okta-archive', ...sink } });

describe('s3_archive sink config', () => {
  test('defaults: okta/ prefix, 300 s, 64 MiB, the envelope, nothing expires', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({
      sink: { prefix: 'okta/', buffering_interval_seconds: 300, buffering_size_mb: 64, body: 'envelope' },
    });
  });
  test('accepts Glacier and expiry that fit together', () => {
    expect(problemsOf(withSink({ transition_to_glacier_days: 90, expiration_days: 2557 }))).toEqual([]);
  });
  test('fails when objects would expire before moving to Glacier', () => {
    expectOnlyProblem(withSink({ transition_to_glacier_days: 90, expiration_days: 30 }), 'stacks[0].sink.expiration_days', 'greater than transition_to_glacier_days (90)');
  });
  test('refuses object lock, saying why: S3 wants a checksum header on uploads under retention, and Firehose does not document sending one', () => {
    expectOnlyProblem(withSink({ object_lock: { mode: 'GOVERNANCE', retention_days: 365 } }), 'stacks[0].sink.object_lock', 'Content-MD5 or checksum header');
  });
  test('a fan-out s3_archive sink gets the cross-field rules too', () => {
    const fan = withStacks({ name: 'f', event_source_name: 'f', sinks: [{ name: 'archive', type: 's3_archive', bucket_name: 'acme-okta-archive', transition_to_glacier_days: 90, expiration_days: 30 }] });
    expectOnlyProblem(fan, 'stacks[0].sinks[0].expiration_days', 'greater than transition_to_glacier_days (90)');
  });
  test.each([[{ buffering_interval_seconds: 901 }, 'buffering_interval_seconds'], [{ buffering_size_mb: 129 }, 'buffering_size_mb']])('fails on %p', (sink, key) => {
    expectOnlyProblem(withSink(sink), `stacks[0].sink.${key}`, 'whole number from');
  });
  test('fails on a bucket name S3 rejects', () => {
    expectOnlyProblem(withSink({ bucket_name: 'Acme_Archive' }), 'stacks[0].sink.bucket_name', 'S3 bucket name');
  });
  test('fails on a prefix without the trailing slash', () => {
    expectOnlyProblem(withSink({ prefix: 'okta' }), 'stacks[0].sink.prefix', 'each followed by "/"');
  });
  test('may sit in a fan-out', () => {
    expect(problemsOf(withStacks({ name: 'f', event_source_name: 'f', sinks: [{ name: 'archive', type: 's3_archive', bucket_name: 'acme-okta-archive' }] }))).toEqual([]);
  });
});
