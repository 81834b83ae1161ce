import { TerraformVariable } from 'cdktf';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { SlashIdSink, SlashIdSinkProps } from '../../modules/slashid-sink';
import { onlyResource, synthConstructs, TerraformJson } from '../helpers/synth';

function synthSlashId(props: Partial<SlashIdSinkProps> = {}): TerraformJson {
  return synthConstructs((stack) => {
    const token = new TerraformVariable(stack, 'slashid_api_token', { type: 'string', sensitive: true });
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_slashid', ruleName: 'okta-slashid' });
    new OktaRuleTarget(stack, 'SlashId', { rule, sink: new SlashIdSink({ name: 'okta-slashid', token: token.stringValue, ...props }), targetId: 'okta-slashid' });
  });
}

describe('SlashIdSink', () => {
  const json = synthSlashId();

  test('sends to https://api.slashid.com/nhi/events', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_api_destination').config).toMatchObject({
      invocation_endpoint: 'https://api.slashid.com/nhi/events',
      http_method: 'POST',
    });
  });

  test('authenticates with an API key named Authorization whose value is "Bearer <token>" from the variable', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'Authorization', value: 'Bearer ${var.slashid_api_token}' } },
    });
  });

  test('sends the envelope by default and the Okta event when asked', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).not.toHaveProperty('input_path');
    expect(onlyResource(synthSlashId({ body: 'okta_event' }), 'aws_cloudwatch_event_target').config.input_path).toBe('$.detail');
  });

  test('fails when the token is a literal', () => {
    expect(() => new SlashIdSink({ name: 's', token: 'abc' })).toThrow('the Authorization value is a literal');
  });
});
