import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>, stack: Record<string, unknown> = {}) =>
  withStacks({ name: 'okta-splunk', sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws', ...sink }, ...stack });

describe('splunk_cloud sink config', () => {
  test('defaults the token variable to splunk_hec_token', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({ kind: 'okta_only', sink: { token_variable: 'splunk_hec_token' } });
  });
  test.each(['acme.splunkcloud.com', 'acme-1.splunkcloud.gc.com', 'x.splunkcloud.fed.com', 'x.splunkcloud.mil'])('accepts host %s', (host) => {
    expect(problemsOf(withSink({ host }))).toEqual([]);
  });
  test('fails on a host with scheme, saying to drop it', () => {
    expectOnlyProblem(withSink({ host: 'https://acme.splunkcloud.com' }), 'stacks[0].sink.host', 'host name only, without scheme');
  });
  test.each(['acme.splunk.com', 'ACME.splunkcloud.com', 'acme.splunkcloud.com:8088'])('fails on host %s', (host) => {
    expectOnlyProblem(withSink({ host }), 'stacks[0].sink.host', 'Splunk Cloud host');
  });
  test.each(['aws', 'aws_govcloud', 'gcp'])('accepts edition %s', (edition) => expect(problemsOf(withSink({ edition }))).toEqual([]));
  test('fails on another edition', () => {
    expectOnlyProblem(withSink({ edition: 'azure' }), 'stacks[0].sink.edition', 'aws, aws_govcloud, gcp');
  });
  test('fails when the HEC token is put in the config', () => {
    expectOnlyProblem(withSink({ token: '12345678-1234-4234-8234-123456789012' }), 'stacks[0].sink.token', 'unknown key', 'token_variable');
  });
  test('fails when the stack sets event_source_name', () => {
    expectOnlyProblem(withSink({}, { event_source_name: 'okta_splunk' }), 'stacks[0].event_source_name', 'not used by a splunk_cloud sink');
  });
});
