import { TerraformStack, TerraformVariable } from 'cdktf';
import { ApiDestinationSink, ApiDestinationSinkProps } from '../../modules/api-destination-sink';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, parsePolicy, ref, synthConstructs, TerraformJson, testStack } from '../helpers/synth';

/** A reference to a sensitive variable, as a secret must be passed. */
const variableRef = () => new TerraformVariable(testStack(), 'k', { type: 'string', sensitive: true }).stringValue;

function synthSink(props: (apiKey: string) => ApiDestinationSinkProps): TerraformJson {
  return synthConstructs((stack: TerraformStack) => {
    const apiKey = new TerraformVariable(stack, 'api_key', { type: 'string', sensitive: true });
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
    new OktaRuleTarget(stack, 'Sink', { rule, sink: new ApiDestinationSink(props(apiKey.stringValue)), targetId: 'okta-x' });
  });
}

const base = (apiKey: string): ApiDestinationSinkProps => ({
  name: 'okta-x',
  endpoint: 'https://intake.example.com/v1/events',
  authorization: { type: 'API_KEY', headerName: 'x-api-key', value: apiKey },
  headers: { 'x-dataset': 'okta' },
  queryStringParameters: { source: 'okta' },
});

describe('ApiDestinationSink', () => {
  const json = synthSink(base);
  const connection = onlyResource(json, 'aws_cloudwatch_event_connection');
  const destination = onlyResource(json, 'aws_cloudwatch_event_api_destination');
  const role = onlyResource(json, 'aws_iam_role');
  const policy = onlyResource(json, 'aws_iam_role_policy');
  const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
  const target = onlyResource(json, 'aws_cloudwatch_event_target');

  test('the connection authenticates with the API key from the variable', () => {
    expect(connection.config).toMatchObject({
      name: 'okta-x',
      authorization_type: 'API_KEY',
      auth_parameters: { api_key: { key: 'x-api-key', value: '${var.api_key}' } },
    });
  });

  test('non-secret headers go on the target, never on the connection (AWS does not return those: permanent drift)', () => {
    expect(connection.config.auth_parameters).not.toHaveProperty('invocation_http_parameters');
    expect(target.config.http_target).toEqual({ header_parameters: { 'x-dataset': 'okta' }, query_string_parameters: { source: 'okta' } });
  });

  test('the destination POSTs to the HTTPS endpoint through the connection, with an explicit rate limit', () => {
    expect(destination.config).toMatchObject({
      name: 'okta-x',
      invocation_endpoint: 'https://intake.example.com/v1/events',
      http_method: 'POST',
      invocation_rate_limit_per_second: 300,
      connection_arn: ref('aws_cloudwatch_event_connection', connection.id, 'arn'),
    });
  });

  test('the target delivers to the destination with the role, created after the role may invoke it', () => {
    expect(target.config).toMatchObject({
      depends_on: expect.arrayContaining([`aws_iam_role_policy.${policy.id}`]),
      arn: ref('aws_cloudwatch_event_api_destination', destination.id, 'arn'),
      role_arn: ref('aws_iam_role', role.id, 'arn'),
      rule: ref('aws_cloudwatch_event_rule', rule.id, 'name'),
    });
  });

  test('only EventBridge, on behalf of this rule, can assume the role', () => {
    expect(parsePolicy(role.config.assume_role_policy).Statement).toEqual([
      {
        Sid: 'TrustedService',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['sts:AssumeRole'],
        Condition: { ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', rule.id, 'arn') } },
      },
    ]);
  });

  test('the role may only invoke this destination', () => {
    expect(policy.config.role).toBe(ref('aws_iam_role', role.id, 'id'));
    expect(parsePolicy(policy.config.policy).Statement).toEqual([
      {
        Sid: 'InvokeThisApiDestination',
        Effect: 'Allow',
        Action: ['events:InvokeApiDestination'],
        Resource: [ref('aws_cloudwatch_event_api_destination', destination.id, 'arn')],
      },
    ]);
  });

  test('the role name is a prefix (IAM names are account-wide) under a path of its own', () => {
    expect(role.config).toMatchObject({ name_prefix: 'okta-x-', path: '/okta-log-streaming/' });
    expect(role.config).not.toHaveProperty('name');
  });

  test('a long name is cut to the 38 characters IAM allows in a prefix', () => {
    const long = 'n'.repeat(64);
    const prefix = onlyResource(synthSink((key) => ({ ...base(key), name: long })), 'aws_iam_role').config.name_prefix as string;
    expect(prefix).toBe(`${'n'.repeat(37)}-`);
  });

  test('sends the Okta event alone for body okta_event', () => {
    const sent = onlyResource(synthSink((key) => ({ ...base(key), body: 'okta_event' })), 'aws_cloudwatch_event_target');
    expect(sent.config.input_path).toBe('$.detail');
  });

  test('sends a Splunk HEC event for body splunk_hec, byte for byte', () => {
    const sent = onlyResource(synthSink((key) => ({ ...base(key), body: 'splunk_hec' })), 'aws_cloudwatch_event_target');
    expect(sent.config).not.toHaveProperty('input_path');
    expect(sent.config.input_transformer).toEqual({
      input_paths: { event: '$.detail' },
      input_template: '{"event": <event>, "sourcetype": "OktaIM2:log", "source": "okta"}',
    });
  });

  test('sends the whole envelope by default', () => {
    expect(target.config).not.toHaveProperty('input_path');
  });

  test('uses the configured rate limit', () => {
    const limited = onlyResource(synthSink((key) => ({ ...base(key), invocationRateLimitPerSecond: 20 })), 'aws_cloudwatch_event_api_destination');
    expect(limited.config.invocation_rate_limit_per_second).toBe(20);
  });

  test('fails when the API key is a literal instead of a variable reference', () => {
    expect(() => new ApiDestinationSink(base('literal-key-value'))).toThrow(
      'the x-api-key value is a literal; pass a reference to a sensitive Terraform variable',
    );
  });

  test('fails on a plain-HTTP endpoint', () => {
    const props = { ...base(variableRef()), endpoint: 'http://intake.example.com' };
    expect(() => new ApiDestinationSink(props)).toThrow('endpoint "http://intake.example.com" must be an https:// URL');
  });

  test.each([0, 301, 1.5])('fails when the rate limit is %p', (rate) => {
    expect(() => new ApiDestinationSink({ ...base(variableRef()), invocationRateLimitPerSecond: rate })).toThrow(
      'invocationRateLimitPerSecond must be a whole number from 1 to 300',
    );
  });

  test('basic auth: the user from config, the password from the variable', () => {
    const basic = synthSink((key) => ({ ...base(key), authorization: { type: 'BASIC', username: 'okta', password: key } }));
    expect(onlyResource(basic, 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'BASIC',
      auth_parameters: { basic: { username: 'okta', password: '${var.api_key}' } },
    });
  });

  test('OAuth client credentials: endpoint, client id and non-secret body parameters from config, the secret from the variable', () => {
    const oauth = synthSink((key) => ({
      ...base(key),
      authorization: {
        type: 'OAUTH_CLIENT_CREDENTIALS',
        authorizationEndpoint: 'https://login.example.com/oauth2/token',
        clientId: 'okta-streaming',
        clientSecret: key,
        bodyParameters: { scope: 'logs.write' },
      },
    }));
    expect(onlyResource(oauth, 'aws_cloudwatch_event_connection').config).toMatchObject({
      authorization_type: 'OAUTH_CLIENT_CREDENTIALS',
      auth_parameters: {
        oauth: {
          authorization_endpoint: 'https://login.example.com/oauth2/token',
          http_method: 'POST',
          client_parameters: { client_id: 'okta-streaming', client_secret: '${var.api_key}' },
          oauth_http_parameters: { body: [{ key: 'scope', value: 'logs.write', is_value_secret: false }] },
        },
      },
    });
  });

  test('fails when the basic auth password or OAuth client secret is a literal', () => {
    expect(() => new ApiDestinationSink({ ...base(variableRef()), authorization: { type: 'BASIC', username: 'u', password: 'hunter2' } })).toThrow(
      'the basic auth password is a literal',
    );
    const oauth = { type: 'OAUTH_CLIENT_CREDENTIALS', authorizationEndpoint: 'https://t', clientId: 'c', clientSecret: 's' } as const;
    expect(() => new ApiDestinationSink({ ...base(variableRef()), authorization: oauth })).toThrow('the OAuth client secret is a literal');
  });

  test('fails on a plain-HTTP OAuth token endpoint', () => {
    const oauth = { type: 'OAUTH_CLIENT_CREDENTIALS', authorizationEndpoint: 'http://t', clientId: 'c', clientSecret: variableRef() } as const;
    expect(() => new ApiDestinationSink({ ...base(variableRef()), authorization: oauth })).toThrow('authorizationEndpoint "http://t" must be an https:// URL');
  });

  test('uses the configured HTTP method', () => {
    const put = synthSink((key) => ({ ...base(key), httpMethod: 'PUT' }));
    expect(onlyResource(put, 'aws_cloudwatch_event_api_destination').config.http_method).toBe('PUT');
  });
});
