/**
 * The Okta side: is the stream there, ACTIVE, with the settings the config gives? Read with the
 * Log Streaming API (GET /api/v1/logStreams, scope okta.logStreams.read) and the provider's own
 * credentials: OKTA_API_TOKEN (SSWS), or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY (OAuth 2.0
 * client credentials with a signed JWT assertion, Okta's "Implement OAuth for Okta with a service app").
 */
import { createSign, randomUUID } from 'crypto';
import * as fs from 'fs';
import { classify, UnexpectedAnswerError } from './errors';
import { Check } from './report';
import { StackFacts } from './stack-facts';

interface OktaLogStream {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly settings?: Record<string, unknown>;
}

/** The Okta API's error body (Okta API reference, "Error response"). */
interface OktaError {
  readonly errorCode?: string;
  readonly errorSummary?: string;
}

export class OktaRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: OktaError,
  ) {
    super(`Okta answered ${status}${body.errorCode ? ` ${body.errorCode}` : ''}: ${body.errorSummary ?? 'no error summary'}`);
  }
}

export interface OktaCredentials {
  readonly apiToken?: string;
  readonly clientId?: string;
  /** PEM text or a path to a PEM file (as the provider takes it). */
  readonly privateKey?: string;
  readonly privateKeyId?: string;
  readonly scopes?: string;
}

export function oktaCredentials(env: NodeJS.ProcessEnv): OktaCredentials {
  return {
    apiToken: env.OKTA_API_TOKEN || undefined,
    clientId: env.OKTA_API_CLIENT_ID || undefined,
    privateKey: env.OKTA_API_PRIVATE_KEY || undefined,
    privateKeyId: env.OKTA_API_PRIVATE_KEY_ID || undefined,
    scopes: env.OKTA_API_SCOPES || undefined,
  };
}

/** What is missing to call Okta, in plain words; empty when something usable is there. */
export function missingOktaCredentials(credentials: OktaCredentials): string[] {
  if (credentials.apiToken !== undefined) return [];
  if (credentials.clientId !== undefined && credentials.privateKey !== undefined) return [];
  if (credentials.clientId !== undefined) return ['OKTA_API_PRIVATE_KEY (the private key of the OKTA_API_CLIENT_ID service app)'];
  return ['OKTA_API_TOKEN, or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY (the okta provider\'s credentials; scope okta.logStreams.read)'];
}

/** A client of one org's Log Streaming API. */
export class OktaClient {
  private accessToken?: string;

  /**
   * @param timeoutSeconds each request's bound: a hang is an answer too ("no answer in N s").
   * @param defaultScopes the OAuth scopes asked for when OKTA_API_SCOPES does not name them.
   */
  constructor(
    readonly origin: string,
    private readonly credentials: OktaCredentials,
    readonly timeoutSeconds = 10,
    private readonly defaultScopes = 'okta.logStreams.read',
  ) {}

  async logStreams(): Promise<OktaLogStream[]> {
    const { body, contentType } = await this.get('/api/v1/logStreams?limit=20');
    // Okta API reference, List all log streams: an array of LogStream objects.
    if (!Array.isArray(body) || body.some((s) => typeof s !== 'object' || s === null || typeof (s as OktaLogStream).name !== 'string')) {
      throw new UnexpectedAnswerError(200, contentType, 'not a list of log streams');
    }
    return body as OktaLogStream[];
  }

  private async get(pathAndQuery: string): Promise<{ body: unknown; contentType: string }> {
    return this.request('GET', pathAndQuery);
  }

  /** One bounded request to the org's API with the client's credentials; a JSON body when given. */
  async request(method: 'GET' | 'POST' | 'DELETE', pathAndQuery: string, json?: unknown): Promise<{ body: unknown; contentType: string }> {
    const response = await fetch(`${this.origin}${pathAndQuery}`, {
      method,
      headers: { Accept: 'application/json', Authorization: await this.authorization(), ...(json === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(this.timeoutSeconds * 1000),
    });
    return { body: await answer(response), contentType: response.headers.get('content-type') ?? '' };
  }

  private async authorization(): Promise<string> {
    if (this.credentials.apiToken !== undefined) return `SSWS ${this.credentials.apiToken}`;
    this.accessToken ??= await this.clientCredentialsToken();
    return `Bearer ${this.accessToken}`;
  }

  /** OAuth 2.0 client credentials with a private_key_jwt assertion (RS256, 5 minutes). */
  private async clientCredentialsToken(): Promise<string> {
    const { clientId, privateKey, privateKeyId } = this.credentials;
    if (clientId === undefined || privateKey === undefined) throw new Error('no Okta credentials');
    const tokenUrl = `${this.origin}/oauth2/v1/token`;
    const now = Math.floor(Date.now() / 1000);
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', ...(privateKeyId === undefined ? {} : { kid: privateKeyId }) })}.${encode({ iss: clientId, sub: clientId, aud: tokenUrl, iat: now, exp: now + 300, jti: randomUUID() })}`;
    const pem = privateKey.includes('-----BEGIN') ? privateKey : fs.readFileSync(privateKey, 'utf8');
    const signature = createSign('RSA-SHA256').update(unsigned).sign(pem).toString('base64url');
    const response = await fetch(tokenUrl, {
      method: 'POST',
      signal: AbortSignal.timeout(this.timeoutSeconds * 1000),
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.credentials.scopes ?? this.defaultScopes,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: `${unsigned}.${signature}`,
      }),
    });
    const body = (await answer(response)) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || body.access_token === undefined) throw new OktaRequestError(response.status, { errorCode: body.error, errorSummary: body.error_description });
    return body.access_token;
  }
}

/**
 * A response's JSON body, read defensively: an error status is an OktaRequestError (with Okta's
 * error body when there is one); a body that is not JSON (an HTML error page, a truncated answer) is
 * an UnexpectedAnswerError naming the status and content type, never a crash further on.
 */
async function answer(response: Response): Promise<unknown> {
  const text = await response.text();
  // 204 No Content (a delete): nothing to read.
  if (response.status === 204) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (response.status === 401 || response.status === 403) throw new OktaRequestError(response.status, {});
    throw new UnexpectedAnswerError(response.status, contentType, text.trim() === '' ? 'an empty body' : `not JSON (${text.length} bytes)`);
  }
  if (!response.ok) throw new OktaRequestError(response.status, typeof body === 'object' && body !== null ? (body as OktaError) : {});
  return body;
}

/** The stream's settings as the API names them (the provider writes them in snake case). */
const API_NAMES: Record<string, string> = { account_id: 'accountId', event_source_name: 'eventSourceName', region: 'region', host: 'host', edition: 'edition' };

export async function oktaChecks(facts: StackFacts, client: OktaClient): Promise<Check[]> {
  const subject = `log stream ${facts.stream.name}`;
  let streams: OktaLogStream[];
  try {
    streams = await client.logStreams();
  } catch (error) {
    if (error instanceof OktaRequestError) return [{ area: 'okta', subject, verdict: 'unchecked', detail: error.message, fix: oktaFix(error) }];
    const { detail, fix } = classify(error, new URL(client.origin).host, client.timeoutSeconds);
    return [{ area: 'okta', subject, verdict: 'unchecked', detail, fix }];
  }
  const stream = streams.find((s) => s.name === facts.stream.name);
  if (stream === undefined) {
    return [{ area: 'okta', subject, verdict: 'fail', detail: `not in ${facts.okta.orgName}.${facts.okta.baseUrl} (${streams.length} other stream(s))`, fix: 'okta-log-streaming plan, then apply, for this stack (or adopt the stream the console made: docs/operations.md, "Adopting a console setup")' }];
  }
  const checks: Check[] = [];
  if (stream.status === 'ACTIVE') checks.push({ area: 'okta', subject, verdict: 'ok', detail: `ACTIVE (id ${stream.id})` });
  else {
    checks.push({
      area: 'okta',
      subject,
      verdict: 'fail',
      detail: `${stream.status}: Okta deactivates a stream after failed deliveries`,
      fix: 'fix what failed (the AWS checks below), then terraform apply this stack (it sets status ACTIVE) or Admin Console → Reports → Log Streaming → Activate',
    });
  }
  const differences = Object.entries(facts.stream.settings)
    .filter(([key]) => API_NAMES[key] !== undefined)
    .filter(([key, value]) => String(stream.settings?.[API_NAMES[key]] ?? '') !== value)
    .map(([key, value]) => `${key} is ${JSON.stringify(stream.settings?.[API_NAMES[key]] ?? null)}, config ${JSON.stringify(value)}`);
  if (stream.type !== facts.stream.type) differences.unshift(`type is ${stream.type}, config ${facts.stream.type}`);
  checks.push(
    differences.length === 0
      ? { area: 'okta', subject: `${subject} settings`, verdict: 'ok', detail: 'as configured' }
      : { area: 'okta', subject: `${subject} settings`, verdict: 'fail', detail: differences.join('; '), fix: 'these are write-once: okta-log-streaming drift shows the replacement; set prevent_destroy: false to apply it' },
  );
  return checks;
}

function oktaFix(error: OktaRequestError): string {
  if (error.status === 401) return 'Okta refused the credentials: a valid OKTA_API_TOKEN, or the service app\'s key (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY)';
  if (error.status === 403) return 'grant okta.logStreams.read to the token\'s admin or the service app; if it has it, Log Streaming is not enabled for the org (Okta support enables it)';
  if (error.status === 429) return 'Okta rate-limited the request: retry in a minute';
  return 'retry; if it persists, the Okta status page (status.okta.com)';
}
