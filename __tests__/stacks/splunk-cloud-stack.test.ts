import { SplunkCloudStack } from '../../stacks/splunk-cloud-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource } from '../helpers/synth';

const config = withStacks({ name: 'okta-splunk', sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws_govcloud' } });

describe('SplunkCloudStack', () => {
  const json = synthOnlyStack(config);

  test('is the stack class for a splunk_cloud sink', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(SplunkCloudStack);
  });

  test('streams to the HEC host with the edition and the token from TF_VAR_splunk_hec_token', () => {
    expect(onlyResource(json, 'okta_log_stream').config).toEqual({
      name: 'okta-splunk',
      type: 'splunk_cloud_logstreaming',
      status: 'ACTIVE',
      settings: { host: 'acme.splunkcloud.com', edition: 'aws_govcloud', token: '${var.splunk_hec_token}' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('checks at plan that the token is a UUID, naming the variable', () => {
    const validation = json.variable?.splunk_hec_token.validation as { condition: string; error_message: string }[];
    expect(validation[1]).toEqual({
      condition: '${can(regex("(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", var.splunk_hec_token))}',
      error_message: 'TF_VAR_splunk_hec_token must be a Splunk HEC token: a UUID such as 12345678-1234-4234-8234-123456789012.',
    });
  });

  test('has no AWS side', () => {
    expect(Object.keys(json.provider ?? {})).toEqual(['okta']);
    expect(Object.keys(json.resource ?? {})).toEqual(['okta_log_stream']);
  });
});
