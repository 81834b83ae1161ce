/** The https module: the HTTPS intake sink (stacks/https-stack.ts), its auth type and each type's settings as inputs. */
import { TerraformVariable, Token, Fn } from 'cdktf';
import { z } from 'zod';
import { AuthorizationByReference } from '../../../modules/api-destination-sink';
import { HTTP_PARAMETER_VALUE_PATTERN } from '../../../schema/rules';
import { CREDENTIAL_NAME } from '../../../schema/secrets';
import { HEADER_NAME_PATTERN, httpsAuthShapes, HttpsSinkConfig, httpsSinkShape } from '../../../schema/sinks/https';
import { httpsDestination } from '../../../stacks/https-stack';
import { ModuleStack } from '../module-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

/** RE2 pattern text of a JS regex, as an HCL string (case-insensitive when the JS one is). */
const re2 = (pattern: RegExp) => JSON.stringify(`${pattern.flags.includes('i') ? '(?i)' : ''}${pattern.source}`);

/** Headers and query parameters land in config and output: no credentials there (schema/sinks/https.ts). */
const NO_CREDENTIAL_NAMES = {
  test: `alltrue([for name, _ in value : !can(regex(${re2(CREDENTIAL_NAME)}, name))])`,
  allowed: 'must not carry a credential (a name such as api_key, token, secret or authorization): use auth_type with its secret input',
};
const HEADER_RULES = [
  { test: `alltrue([for name, _ in value : can(regex(${re2(HEADER_NAME_PATTERN)}, name))])`, allowed: 'must have header names of 1-512 letters, digits and !#$%&\'*+,.^_|~-' },
  { test: `alltrue([for _, header in value : can(regex(${re2(HTTP_PARAMETER_VALUE_PATTERN)}, header))])`, allowed: 'must have values of 1-512 printable ASCII characters without edge blanks' },
  NO_CREDENTIAL_NAMES,
  { test: 'var.api_key_header == null ? true : !contains([for name, _ in value : lower(name)], lower(var.api_key_header))', allowed: 'must not repeat api_key_header: the key would be sent twice, once in the clear from the target' },
];

/** The https module's sink config: the auth type and each type's settings are inputs. */
type HttpsModuleConfig = Omit<HttpsSinkConfig, 'auth'> & { readonly authorization: AuthorizationByReference };

const AUTH_TYPES = ['api_key', 'basic', 'oauth_client_credentials'] as const;

export const httpsModule = sinkModule<HttpsModuleConfig>({
  name: 'https',
  title: 'HTTPS intake sink',
  description:
    'Okta events to any HTTPS log intake through an EventBridge API destination, authenticated by an API key header, basic auth or OAuth client credentials (`auth_type`).',
  id: 'Https',
  factory: (_secrets, resourceName, config, context) => httpsDestination(resourceName, config, config.authorization, context),
  config: (stack) => {
    const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
    const authType = v('auth_type', {
      field: z.enum(AUTH_TYPES).describe('How the endpoint authenticates EventBridge: api_key (api_key_header, https_api_key), basic (basic_username, https_password) or oauth_client_credentials (oauth_*, https_client_secret).'),
      default: 'api_key',
      refinements: [
        { test: 'value != "api_key" || var.api_key_header != null', allowed: 'needs api_key_header when it is api_key' },
        { test: 'value != "basic" || var.basic_username != null', allowed: 'needs basic_username when it is basic' },
        { test: 'value != "oauth_client_credentials" || (var.oauth_authorization_endpoint != null && var.oauth_client_id != null)', allowed: 'needs oauth_authorization_endpoint and oauth_client_id when it is oauth_client_credentials' },
      ],
    });
    const secret = (name: string, description: string, type: (typeof AUTH_TYPES)[number]) => authSecret(stack, name, description, type).stringValue;
    const auth = httpsAuthShapes;
    return {
      type: 'https' as const,
      endpoint: v('endpoint', { field: httpsSinkShape.endpoint }).stringValue,
      http_method: v('http_method', { field: httpsSinkShape.http_method }).stringValue as 'POST',
      authorization: {
        type: 'BY_REFERENCE',
        authorizationType: Fn.upper(authType.stringValue),
        apiKey: {
          headerName: v('api_key_header', { field: auth.apiKey.header, default: null, description: 'Header that carries the API key, e.g. "X-Api-Key" or "Authorization" (auth_type api_key).' }).stringValue,
          value: secret('https_api_key', 'API key: the whole header value, e.g. "Bearer …" (auth_type api_key)', 'api_key'),
        },
        basic: {
          username: v('basic_username', { field: auth.basic.username, default: null, description: 'Basic auth user name, not secret (auth_type basic).' }).stringValue,
          password: secret('https_password', 'basic auth password (auth_type basic)', 'basic'),
        },
        oauth: {
          authorizationEndpoint: v('oauth_authorization_endpoint', { field: auth.oauth.authorization_endpoint, default: null, description: 'Token endpoint, https (auth_type oauth_client_credentials).' }).stringValue,
          httpMethod: v('oauth_http_method', { field: auth.oauth.http_method, description: 'Method of the token request. Default POST.' }).stringValue as 'POST',
          clientId: v('oauth_client_id', { field: auth.oauth.client_id, default: null, description: 'OAuth client id, not secret (auth_type oauth_client_credentials).' }).stringValue,
          clientSecret: secret('https_client_secret', 'OAuth client secret (auth_type oauth_client_credentials)', 'oauth_client_credentials'),
          bodyParameters: Token.asStringMap(v('oauth_body_parameters', { field: z.record(z.string(), z.string()).describe('Non-secret token request body parameters, e.g. {scope = "logs.write"}.'), default: {} }).value),
        },
      },
      headers: Token.asStringMap(v('headers', { field: z.record(z.string(), z.string()).describe('Non-secret headers, sent from the target.'), default: {}, refinements: HEADER_RULES }).value),
      query_parameters: Token.asStringMap(v('query_parameters', { field: z.record(z.string(), z.string()).describe('Non-secret query parameters.'), default: {}, refinements: [NO_CREDENTIAL_NAMES] }).value),
      body: v('body', { field: httpsSinkShape.body }).stringValue as 'envelope',
      invocation_rate_limit_per_second: v('invocation_rate_limit_per_second', { field: httpsSinkShape.invocation_rate_limit_per_second }).numberValue,
    };
  },
  exampleInputs: { endpoint: 'https://collector.example.com/v1/okta', api_key_header: 'X-Api-Key', https_api_key: '${var.siem_api_key}' },
  exampleSecrets: ['siem_api_key'],
});

/**
 * A secret of one auth type: sensitive, null unless that type is chosen, then required and not
 * blank. (It refers to auth_type: Terraform >= 1.9 lets a validation read other inputs.)
 */
function authSecret(stack: ModuleStack, name: string, description: string, type: string): TerraformVariable {
  return new TerraformVariable(stack, name, {
    type: 'string',
    sensitive: true,
    default: Token.nullValue(),
    description: `${description}.`,
    validation: [{ condition: `\${var.${name} == null ? var.auth_type != "${type}" : length(trimspace(var.${name})) > 0}`, errorMessage: `Give ${name}: the ${description}.` }],
  });
}
