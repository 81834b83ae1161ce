/**
 * Why a request failed, classified before a fix is chosen: a hang is not a wrong IAM policy, nor is
 * a DNS failure or an HTML error page. Works on the AWS SDK v3's errors (`name`, `$metadata`,
 * `$response`, Node's `code`) and on fetch's (`TypeError: fetch failed` with a `cause`, an abort
 * by timeout), and on the doctor's own OktaAnswerError for answers that are not what the API documents.
 */

export type FailureKind = 'timeout' | 'dns' | 'connection' | 'tls' | 'credentials-missing' | 'credentials-expired' | 'credentials-invalid' | 'profile-unknown' | 'access-denied' | 'throttled' | 'server-error' | 'unexpected-answer' | 'other';

export interface Failure {
  readonly kind: FailureKind;
  /** What happened, in a line. */
  readonly detail: string;
  /** What to do about this kind. */
  readonly fix: string;
}

/** An answer that is not what the API documents (HTML, a truncated body, another shape). */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string,
    what: string,
  ) {
    super(`HTTP ${status} (${contentType || 'no content type'}): ${what}`);
    this.name = 'UnexpectedAnswerError';
  }
}

interface ErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly cause?: ErrorShape;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: { readonly statusCode?: number; readonly headers?: Record<string, string> };
}

const NETWORK_CODES: Record<string, FailureKind> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNREFUSED: 'connection',
  ECONNRESET: 'connection',
  EHOSTUNREACH: 'connection',
  ENETUNREACH: 'connection',
  EPIPE: 'connection',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_SOCKET: 'connection',
};

/** The first code along the cause chain (fetch wraps Node's error in `cause`). */
function codeOf(error: ErrorShape | undefined): string | undefined {
  for (let e = error, depth = 0; e !== undefined && depth < 5; e = e.cause, depth++) if (typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * @param host what was asked (for "no answer from <host> in N s")
 * @param timeoutSeconds the request timeout in force
 * @param profile AWS_PROFILE, when set: the SDK says only "Could not load credentials" for a profile it cannot find
 */
export function classify(error: unknown, host: string, timeoutSeconds: number, profile?: string): Failure {
  const doctorPolicy = 'the doctor\'s read-only IAM policy (docs/operations.md, "Doctor")';
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorShape;
  const name = e.name ?? '';
  const message = e.message ?? String(error);
  const code = codeOf(e);
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const network = code === undefined ? undefined : NETWORK_CODES[code];

  if (name === 'TimeoutError' || name === 'AbortError' || network === 'timeout' || /timed? ?out|socket hang up/i.test(code ?? '')) {
    return { kind: 'timeout', detail: `no answer from ${host} in ${timeoutSeconds} s`, fix: `check the network path to ${host} (proxy, firewall, VPC endpoint); --timeout-seconds waits longer` };
  }
  if (network === 'dns') return { kind: 'dns', detail: `cannot resolve ${host} (${code})`, fix: 'check DNS and the host name (the region, or OKTA_LOG_STREAMING_OKTA_ORIGIN / AWS_ENDPOINT_URL_* if set)' };
  if (network === 'connection') return { kind: 'connection', detail: `cannot connect to ${host} (${code})`, fix: `check the network path to ${host} (proxy, firewall), then retry` };
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/.test(code)) {
    return { kind: 'tls', detail: `TLS with ${host} failed (${code})`, fix: 'a proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS' };
  }
  if (error instanceof UnexpectedAnswerError) return { kind: 'unexpected-answer', detail: `${host} answered ${message}`, fix: 'retry; if it persists, a proxy may answer in its place, or the service is degraded (its status page)' };
  if (/could not be found|profile .* not found/i.test(message) && /profile/i.test(message)) {
    return { kind: 'profile-unknown', detail: message, fix: 'AWS_PROFILE names a profile that is not in ~/.aws/config or ~/.aws/credentials: fix the name, or unset it' };
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    if (profile !== undefined && profile !== '') {
      return { kind: 'profile-unknown', detail: `no credentials for AWS_PROFILE=${profile}: ${message}`, fix: 'AWS_PROFILE names a profile that is not in ~/.aws/config or ~/.aws/credentials (or its SSO session is over: aws sso login): fix the name, or unset it' };
    }
    return { kind: 'credentials-missing', detail: message, fix: 'set AWS credentials: AWS_PROFILE, AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, or the pipeline\'s OIDC role' };
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(name) || /token .*(is )?expired|session has expired/i.test(message)) {
    return { kind: 'credentials-expired', detail: `${name}: ${message}`, fix: 'the credentials have expired: renew them (aws sso login, or a new role session) and run again' };
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature)$/.test(name)) {
    return { kind: 'credentials-invalid', detail: `${name}: ${message}`, fix: 'AWS does not know these credentials: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile' };
  }
  if (/^(AccessDenied|AccessDeniedException|AuthorizationError|UnauthorizedOperation)$/.test(name) || status === 403) {
    const action = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
    return { kind: 'access-denied', detail: `not allowed${action ? `: ${action}` : ''} (${name || `HTTP ${status}`})`, fix: `${action ? `allow ${action} in ` : ''}${doctorPolicy}` };
  }
  if (/^(ThrottlingException|Throttling|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|SlowDown)$/.test(name) || status === 429) {
    return { kind: 'throttled', detail: `throttled (${name || 'HTTP 429'})`, fix: 'retry in a few minutes; another job may be calling the same API' };
  }
  if (status !== undefined && status >= 500) {
    const type = e.$response?.headers?.['content-type'];
    return { kind: 'server-error', detail: `${host} answered HTTP ${status}${type ? ` (${type})` : ''}${name && name !== 'Unknown' ? `: ${name}` : ''}`, fix: 'retry; if it persists, the service\'s status page' };
  }
  return { kind: 'other', detail: name ? `${name}: ${message.split('\n')[0]}` : message.split('\n')[0], fix: 'retry; if it persists, run with OKTA_LOG_STREAMING_DEBUG=1 and read the error' };
}
