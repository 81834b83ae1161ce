import { TerraformVariable } from 'cdktf';
import { DATADOG_SITES, DatadogSink, DatadogSinkProps, datadogEndpoint } from '../../modules/datadog-sink';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, synthConstructs, TerraformJson } from '../helpers/synth';

function synthDatadog(props: Partial<DatadogSinkProps> = {}): TerraformJson {
  return synthConstructs((stack) => {
    const apiKey = new TerraformVariable(stack, 'datadog_api_key', { type: 'string', sensitive: true });
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_dd', ruleName: 'okta-dd' });
    const sink = new DatadogSink({ name: 'okta-dd', site: 'datadoghq.com', apiKey: apiKey.stringValue, ...props });
    new OktaRuleTarget(stack, 'Datadog', { rule, sink, targetId: 'okta-dd' });
  });
}

describe('DatadogSink', () => {
  test.each(DATADOG_SITES)('site %s sends to https://http-intake.logs.<site>/api/v2/logs', (site) => {
    expect(datadogEndpoint(site)).toBe(`https://http-intake.logs.${site}/api/v2/logs`);
    expect(onlyResource(synthDatadog({ site }), 'aws_cloudwatch_event_api_destination').config.invocation_endpoint).toBe(
      `https://http-intake.logs.${site}/api/v2/logs`,
    );
  });

  test('authenticates with DD-API-KEY from the variable', () => {
    expect(onlyResource(synthDatadog(), 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'DD-API-KEY', value: '${var.datadog_api_key}' } },
    });
  });

  test('tags the logs ddsource=okta and sends the Okta LogEvent by default, so Datadog\'s Okta parsing applies', () => {
    const target = onlyResource(synthDatadog(), 'aws_cloudwatch_event_target').config;
    expect(target.http_target).toEqual({ query_string_parameters: { ddsource: 'okta' } });
    expect(target.input_path).toBe('$.detail');
  });

  test('adds service and ddtags when given', () => {
    const target = onlyResource(synthDatadog({ service: 'okta', tags: ['env:prod', 'team:sec'] }), 'aws_cloudwatch_event_target').config;
    expect(target.http_target).toEqual({ query_string_parameters: { ddsource: 'okta', service: 'okta', ddtags: 'env:prod,team:sec' } });
  });

  test('sends the EventBridge envelope when asked', () => {
    expect(onlyResource(synthDatadog({ body: 'envelope' }), 'aws_cloudwatch_event_target').config).not.toHaveProperty('input_path');
  });

  test('fails on an unknown site', () => {
    expect(() => new DatadogSink({ name: 'd', site: 'datadoghq.de' as never, apiKey: 'x' })).toThrow('site "datadoghq.de" must be one of datadoghq.com');
  });
});
