import { TerraformVariable } from 'cdktf';
import { BrontoRegion, BrontoSink, brontoEndpoint } from '../../modules/bronto-sink';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, synthConstructs, TerraformJson } from '../helpers/synth';

function synthBronto(region: BrontoRegion, dataset?: string): TerraformJson {
  return synthConstructs((stack) => {
    const apiKey = new TerraformVariable(stack, 'bronto_api_key', { type: 'string', sensitive: true });
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_bronto', ruleName: 'okta-bronto' });
    const sink = new BrontoSink({ name: 'okta-bronto', region, collection: 'okta-prod', dataset, apiKey: apiKey.stringValue });
    new OktaRuleTarget(stack, 'Bronto', { rule, sink, targetId: 'okta-bronto' });
  });
}

describe('BrontoSink', () => {
  test.each([
    ['eu', 'https://ingestion.eu.bronto.io'],
    ['us', 'https://ingestion.us.bronto.io'],
  ] as const)('region %s sends to %s, with no path (/v1/logs is OTLP only)', (region, endpoint) => {
    expect(brontoEndpoint(region)).toBe(endpoint);
    expect(onlyResource(synthBronto(region), 'aws_cloudwatch_event_api_destination').config.invocation_endpoint).toBe(endpoint);
  });

  test('authenticates with the x-bronto-api-key header from the variable', () => {
    expect(onlyResource(synthBronto('eu'), 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'x-bronto-api-key', value: '${var.bronto_api_key}' } },
    });
  });

  test('routes with x-bronto-dataset (default Okta) and x-bronto-collection on the target', () => {
    expect(onlyResource(synthBronto('eu'), 'aws_cloudwatch_event_target').config.http_target).toEqual({
      header_parameters: { 'x-bronto-dataset': 'Okta', 'x-bronto-collection': 'okta-prod' },
    });
  });

  test('uses the configured dataset', () => {
    const headers = (onlyResource(synthBronto('us', 'Identity'), 'aws_cloudwatch_event_target').config.http_target as Record<string, Record<string, string>>)
      .header_parameters;
    expect(headers['x-bronto-dataset']).toBe('Identity');
  });

  test('fails on a region Bronto does not have', () => {
    expect(() => new BrontoSink({ name: 'b', region: 'ap' as BrontoRegion, collection: 'c', apiKey: '${var.k}' })).toThrow(
      'region "ap" must be "eu" or "us"',
    );
  });
});
