import { SlashIdStack } from '../../stacks/slashid-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource } from '../helpers/synth';

const config = withStacks({ name: 'okta-slashid', event_source_name: 'okta_slashid', sink: { type: 'slashid' } });

describe('SlashIdStack', () => {
  test('is the stack class for a slashid sink', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(SlashIdStack);
  });

  test('sends to SlashID with "Authorization: Bearer" and TF_VAR_slashid_api_token', () => {
    const json = synthOnlyStack(config);
    expect(onlyResource(json, 'aws_cloudwatch_event_api_destination').config.invocation_endpoint).toBe('https://api.slashid.com/nhi/events');
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      auth_parameters: { api_key: { key: 'Authorization', value: 'Bearer ${var.slashid_api_token}' } },
    });
    expect(json.variable?.slashid_api_token).toMatchObject({ sensitive: true });
  });
});
