import { DatadogStack } from '../../stacks/datadog-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, ref } from '../helpers/synth';

const config = withStacks({
  name: 'okta-datadog',
  event_source_name: 'okta_datadog',
  sink: { type: 'datadog', site: 'datadoghq.eu', service: 'okta', tags: ['env:prod'] },
});

describe('DatadogStack', () => {
  const json = synthOnlyStack(config);

  test('is the stack class for a datadog sink', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(DatadogStack);
  });

  test('sends the Okta event to the site\'s intake with ddsource, service and tags, keyed by TF_VAR_datadog_api_key', () => {
    const destination = onlyResource(json, 'aws_cloudwatch_event_api_destination');
    expect(destination.config).toMatchObject({ name: 'okta-datadog', invocation_endpoint: 'https://http-intake.logs.datadoghq.eu/api/v2/logs' });
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      auth_parameters: { api_key: { key: 'DD-API-KEY', value: '${var.datadog_api_key}' } },
    });
    const bus = onlyResource(json, 'aws_cloudwatch_event_bus');
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).toMatchObject({
      event_bus_name: ref('aws_cloudwatch_event_bus', bus.id, 'name'),
      arn: ref('aws_cloudwatch_event_api_destination', destination.id, 'arn'),
      input_path: '$.detail',
      http_target: { query_string_parameters: { ddsource: 'okta', service: 'okta', ddtags: 'env:prod' } },
    });
    expect(Object.keys(json.variable ?? {})).toEqual(['datadog_api_key']);
  });
});
