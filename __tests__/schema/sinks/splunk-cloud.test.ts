import { SPLUNK_HOST_PATTERN } from '../../../modules/okta-splunk-log-stream';
import { validateConfig } from '../../../schema/validate';
import patterns from '../../fixtures/splunk-host-patterns.json';
import okta6 from '../../fixtures/provider-schemas/okta-6.json';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>, stack: Record<string, unknown> = {}) =>
  withStacks({ name: 'okta-splunk', sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws', ...sink }, ...stack });

describe('splunk_cloud sink config', () => {
  test('defaults the token variable to splunk_hec_token', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({ kind: 'okta_only', sink: { token_variable: 'splunk_hec_token' } });
  });
  test.each(['acme.splunkcloud.com', 'acme-1.splunkcloud.com', 'a1-b2-c3.splunkcloud.com'])('accepts host %s', (host) => {
    expect(problemsOf(withSink({ host }))).toEqual([]);
  });

  describe('hosts Okta and the okta provider both accept', () => {
    const provider = new RegExp(patterns.provider.pattern);
    const okta = new RegExp(patterns.okta.pattern);
    const hosts = [
      'acme.splunkcloud.com',
      'acme-1.splunkcloud.com',
      'acme.splunkcloudgc.com',
      'acme.splunkcloudfed.com',
      'acme.splunkcloud.gc.com',
      'acme.splunkcloud.fed.com',
      'acme.splunkcloud.mil',
      'acme.splunkcloudgc.mil',
    ];
    test('the provider pattern recorded is the one in the provider schema fixture', () => {
      expect(okta6.resources.okta_log_stream.blocks.settings.attributes.host.goRegex).toBe(patterns.provider.pattern);
    });
    test.each(hosts)('%s: ours accepts it exactly when both do', (host) => {
      expect(SPLUNK_HOST_PATTERN.test(host)).toBe(provider.test(host) && okta.test(host));
    });
    test('no US government host passes both; a commercial one passes both and ours', () => {
      for (const host of hosts.filter((h) => /gc|fed|mil/.test(h))) expect(provider.test(host) && okta.test(host)).toBe(false);
      expect([provider, okta, SPLUNK_HOST_PATTERN].map((p) => p.test('acme.splunkcloud.com'))).toEqual([true, true, true]);
    });
  });

  test.each(['acme.splunkcloudgc.com', 'acme.splunkcloudfed.com'])('fails on the government host %s Okta accepts, saying the provider refuses it and where to create the stream', (host) => {
    expectOnlyProblem(
      withSink({ host }),
      'stacks[0].sink.host',
      `got "${host}"; `,
      'a US government Splunk Cloud host as Okta accepts it (<stack>.splunkcloudgc.com or .splunkcloudfed.com), but the okta provider (4.20.0 to 6.12.0) refuses it',
      'no government host passes both, so Terraform cannot create this stream',
      'Okta Admin Console (Reports → Log Streaming → Splunk Cloud)',
    );
  });
  test.each(['acme.splunkcloud.gc.com', 'acme.splunkcloud.fed.com', 'acme.splunkcloud.mil'])('fails on the government form %s the provider accepts, saying Okta refuses it', (host) => {
    expectOnlyProblem(
      withSink({ host }),
      'stacks[0].sink.host',
      `got "${host}"; `,
      "the okta provider's form of a US government host, which Okta's API refuses (Okta wants <stack>.splunkcloudgc.com or .splunkcloudfed.com, which the provider refuses)",
      'Okta Admin Console (Reports → Log Streaming → Splunk Cloud)',
    );
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
