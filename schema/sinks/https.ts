import { z } from 'zod';
import { CREDENTIAL_NAME, secretLike } from '../secrets';
import { apiSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { HTTP_PARAMETER_VALUE_PATTERN, httpParameterValue, httpsUrl, invocationRateLimit, strictObject, variableName } from '../rules';
import { eventBridgeSink } from './sink';

/** Header names EventBridge accepts (RFC 7230 tokens without the backtick the AWS provider refuses). */
export const HEADER_NAME_PATTERN = /^[0-9A-Za-z_!#$%&'*+,.^|~-]{1,512}$/;

const headerName = z
  .string()
  .regex(HEADER_NAME_PATTERN, { error: 'header names are 1-512 letters, digits and !#$%&\'*+,.^_|~-' })
  .refine((name) => name.toLowerCase() !== 'authorization', { error: 'the Authorization header belongs in auth, which keeps it secret' });

const apiKeyAuth = strictObject({
  type: z.literal('api_key'),
  header: z
    .string({ error: 'must be a string' })
    .regex(HEADER_NAME_PATTERN, { error: 'must be a header name: 1-512 letters, digits and !#$%&\'*+,.^_|~-' })
    .describe('Header that carries the key, e.g. "X-Api-Key" or "Authorization".'),
  value_variable: variableName('https_api_key', 'API key (the whole header value, e.g. "Bearer …" or "Splunk …")'),
}).describe('An API key in a header.');

const basicAuth = strictObject({
  type: z.literal('basic'),
  username: httpParameterValue('Basic auth user name (not secret).'),
  password_variable: variableName('https_password', 'basic auth password'),
}).describe('HTTP basic authentication.');

const oauthAuth = strictObject({
  type: z.literal('oauth_client_credentials'),
  authorization_endpoint: httpsUrl('Token endpoint (https).'),
  http_method: z
    .enum(['POST', 'GET', 'PUT'], { error: 'must be POST, GET or PUT' })
    .default('POST')
    .describe('Method of the token request. Default POST.'),
  client_id: httpParameterValue('OAuth client id (not secret).'),
  client_secret_variable: variableName('https_client_secret', 'OAuth client secret'),
  body_parameters: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]{1,512}$/, { error: 'parameter names are letters, digits and _ . -' }), httpParameterValue('value'))
    .optional()
    .describe('Non-secret token request body parameters, e.g. {scope: "logs.write"}. Default: none.'),
}).describe('OAuth 2.0 client credentials; EventBridge fetches and refreshes the token.');

/** The fields of each auth type, for the https module's inputs. */
export const httpsAuthShapes = { apiKey: apiKeyAuth.shape, basic: basicAuth.shape, oauth: oauthAuth.shape };

/**
 * Headers and query parameters are plain config, written into the synthesized output and sent from
 * the target: a credential there would leak. It belongs under auth, its value in a TF_VAR_ variable.
 */
function noCredentials(what: string) {
  return (entries: Record<string, string>, ctx: z.RefinementCtx) => {
    for (const [name, value] of Object.entries(entries)) {
      const looks = CREDENTIAL_NAME.test(name) ? `a credential ("${name}")` : secretLike(value);
      if (looks !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `this ${what} carries ${looks}, which must not be in the config: use auth (api_key, basic or oauth_client_credentials) with its secret in a TF_VAR_ variable`,
        });
      }
    }
  };
}

export const httpsSinkShape = {
  type: z.literal('https'),
  endpoint: httpsUrl('HTTPS endpoint that receives one event per request.'),
  http_method: z.enum(['POST', 'PUT', 'PATCH'], { error: 'must be POST, PUT or PATCH' }).default('POST').describe('Default POST.'),
  auth: z
    .discriminatedUnion('type', [apiKeyAuth, basicAuth, oauthAuth], { error: 'must have type api_key, basic or oauth_client_credentials' })
    .describe('How the endpoint authenticates EventBridge. The secret comes from the named sensitive variable.'),
  headers: z
    .record(headerName, z.string().regex(HTTP_PARAMETER_VALUE_PATTERN, { error: 'header values are 1-512 printable ASCII characters without edge blanks' }))
    .superRefine(noCredentials('header'))
    .optional()
    .describe('Non-secret headers (sent from the target, so they never show as drift). Default: none.'),
  query_parameters: z
    .record(
      z.string().regex(/^[^\x00-\x1F\x7F]{1,512}$/, { error: 'parameter names are 1-512 characters without control characters' }),
      z.string().regex(/^[^\x00-\x1F\x7F]{1,512}$/, { error: 'parameter values are 1-512 characters without control characters' }),
    )
    .superRefine(noCredentials('query parameter'))
    .optional()
    .describe('Non-secret query string parameters. Default: none.'),
  body: z
    .enum(['envelope', 'okta_event', 'splunk_hec'], { error: 'must be "envelope", "okta_event" or "splunk_hec" (a Splunk HEC event: {"event": <Okta event>, "sourcetype": "OktaIM2:log", "source": "okta"})' })
    .default('envelope')
    .describe('What each request carries: "envelope" (the EventBridge event), "okta_event" (its detail) or "splunk_hec" (a Splunk HEC event wrapping the Okta event, for HEC endpoints). Default "envelope".'),
  invocation_rate_limit_per_second: invocationRateLimit(),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: apiSinkAdoptSchema,
};

type HttpsSinkFields = z.output<ReturnType<typeof strictObject<typeof httpsSinkShape>>>;

/** The API key header set again under headers would be sent twice, once in the clear from the target. */
export function checkHttpsHeaders(sink: HttpsSinkFields, ctx: z.RefinementCtx): void {
  if (sink.auth.type !== 'api_key' || sink.headers === undefined) return;
  const key = sink.auth.header.toLowerCase();
  for (const name of Object.keys(sink.headers)) {
    // A credential-like name is refused as such already (noCredentials).
    if (name.toLowerCase() === key && !CREDENTIAL_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: ['headers', name], message: `got header "${name}"; it is the auth header: set it only under auth` });
    }
  }
}

export const httpsSink = eventBridgeSink({
  shape: httpsSinkShape,
  description: 'Any HTTPS log intake (Sumo Logic, Elastic, New Relic, a SIEM collector …) through an EventBridge API destination.',
  refine: checkHttpsHeaders,
  page: 'https.md',
  example: { type: 'https', endpoint: 'https://collector.example.com/v1/okta', auth: { type: 'api_key', header: 'X-Api-Key', value_variable: 'https_api_key' } },
});

export const httpsSinkSchema = httpsSink.schema;

export type HttpsSinkConfig = z.output<typeof httpsSinkSchema>;
