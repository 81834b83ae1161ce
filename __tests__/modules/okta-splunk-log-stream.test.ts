import { TerraformVariable } from 'cdktf';
import { OktaSplunkLogStream, OktaSplunkLogStreamProps, SPLUNK_HOST_PATTERN } from '../../modules/okta-splunk-log-stream';
import { onlyResource, synthConstructs, testStack } from '../helpers/synth';

const tokenRef = () => new TerraformVariable(testStack(), 'splunk_hec_token', { type: 'string', sensitive: true }).stringValue;

describe('OktaSplunkLogStream', () => {
  test('creates an ACTIVE splunk_cloud_logstreaming stream with host, edition and the token variable', () => {
    const json = synthConstructs((stack) => {
      const token = new TerraformVariable(stack, 'splunk_hec_token', { type: 'string', sensitive: true });
      new OktaSplunkLogStream(stack, 'Splunk', { streamName: 'okta-splunk', host: 'acme.splunkcloud.com', edition: 'aws', token: token.stringValue });
    });
    expect(onlyResource(json, 'okta_log_stream').config).toEqual({
      name: 'okta-splunk',
      type: 'splunk_cloud_logstreaming',
      status: 'ACTIVE',
      settings: { host: 'acme.splunkcloud.com', edition: 'aws', token: '${var.splunk_hec_token}' },
      lifecycle: { prevent_destroy: true },
    });
    expect(Object.keys(json.resource ?? {})).toEqual(['okta_log_stream']);
  });

  test.each(['acme.splunkcloud.com', 'acme-prod.splunkcloud.com'])(
    'accepts host %s (the provider\'s pattern and Okta\'s)',
    (host) => expect(SPLUNK_HOST_PATTERN.test(host)).toBe(true),
  );

  test.each([
    'https://acme.splunkcloud.com',
    'Acme.splunkcloud.com',
    'acme.splunk.com',
    'acme.splunkcloud.com/',
    // US government hosts: Okta refuses the provider's forms, the provider refuses Okta's.
    'acme.splunkcloud.gc.com',
    'acme.splunkcloud.mil',
    'acme.splunkcloudgc.com',
    'acme.splunkcloudfed.com',
  ])('fails on host %s', (host) => {
    const props: OktaSplunkLogStreamProps = { streamName: 's', host, edition: 'aws', token: tokenRef() };
    expect(() => new OktaSplunkLogStream(testStack(), 'S', props)).toThrow(`host "${host}" must be a Splunk Cloud host without scheme`);
  });

  test('fails on an unknown edition', () => {
    expect(() => new OktaSplunkLogStream(testStack(), 'S', { streamName: 's', host: 'a.splunkcloud.com', edition: 'azure' as never, token: tokenRef() })).toThrow(
      'edition "azure" must be one of aws, aws_govcloud, gcp',
    );
  });

  test('fails when the token is a literal', () => {
    expect(() => new OktaSplunkLogStream(testStack(), 'S', { streamName: 's', host: 'a.splunkcloud.com', edition: 'aws', token: '0000' })).toThrow(
      'the HEC token is a literal',
    );
  });
});
