import { HttpsStack } from '../../stacks/https-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource } from '../helpers/synth';

const stack = (sink: Record<string, unknown>) =>
  withStacks({
    name: 'okta-siem',
    event_source_name: 'okta_siem',
    sink: { type: 'https', endpoint: 'https://collector.example.com/v1/okta', auth: { type: 'api_key', header: 'X-Api-Key' }, ...sink },
  });

describe('HttpsStack', () => {
  test('is the stack class for an https sink', () => {
    expect(stacksOf(stack({}))[0]).toBeInstanceOf(HttpsStack);
  });

  test('api_key: the header from config, the value from TF_VAR_https_api_key by default', () => {
    const json = synthOnlyStack(stack({}));
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'X-Api-Key', value: '${var.https_api_key}' } },
    });
    expect(onlyResource(json, 'aws_cloudwatch_event_api_destination').config).toMatchObject({
      invocation_endpoint: 'https://collector.example.com/v1/okta',
      http_method: 'POST',
    });
  });

  test('headers, query parameters, method, body and rate from config', () => {
    const json = synthOnlyStack(
      stack({ http_method: 'PUT', headers: { 'X-Source': 'okta' }, query_parameters: { index: 'okta' }, body: 'okta_event', invocation_rate_limit_per_second: 25 }),
    );
    expect(onlyResource(json, 'aws_cloudwatch_event_api_destination').config).toMatchObject({ http_method: 'PUT', invocation_rate_limit_per_second: 25 });
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).toMatchObject({
      input_path: '$.detail',
      http_target: { header_parameters: { 'X-Source': 'okta' }, query_string_parameters: { index: 'okta' } },
    });
  });

  test('basic: the password from the named variable', () => {
    const json = synthOnlyStack(stack({ auth: { type: 'basic', username: 'okta', password_variable: 'siem_password' } }));
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      auth_parameters: { basic: { username: 'okta', password: '${var.siem_password}' } },
    });
    expect(Object.keys(json.variable ?? {})).toEqual(['siem_password']);
  });

  test('oauth_client_credentials: the client secret from the named variable', () => {
    const auth = { type: 'oauth_client_credentials', authorization_endpoint: 'https://id.example.com/token', client_id: 'c1', client_secret_variable: 'siem_secret' };
    const json = synthOnlyStack(stack({ auth }));
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'OAUTH_CLIENT_CREDENTIALS',
      auth_parameters: { oauth: { authorization_endpoint: 'https://id.example.com/token', client_parameters: { client_id: 'c1', client_secret: '${var.siem_secret}' } } },
    });
  });
});
