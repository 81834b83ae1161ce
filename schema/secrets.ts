/**
 * Recognizing a secret where configuration belongs, so that it is refused and never printed: the
 * config file, its errors and the synth output end up in repositories and CI logs.
 */

/** Parameter and header names that carry credentials (query strings and headers are stored in config and sent in the clear from the target). */
export const CREDENTIAL_NAME = /^(x-)?(api[-_]?key|apikey|key|token|access[-_]?token|auth|authorization|secret|client[-_]?secret|password|passwd|pwd|sig|signature|code|session)$/i;

/**
 * Fields whose value is an identifier the schema holds to a narrow pattern (an id, a name, an ARN, a
 * host), never a credential: an error shows what was given there even when it is shaped like a secret
 * (an Oort integration id is often a UUID, as a Splunk HEC token is). Everything else is free text,
 * where a secret-shaped value is hidden.
 */
export const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set([
  'name', 'integration_id', 'event_source_name', 'account_id', 'org_name', 'base_url', 'region', 'host', 'site', 'edition', 'environment',
  'log_group_name', 'bucket_name', 'bucket', 'okta_log_stream_id', 'rule_name', 'target_id', 'connection_name', 'api_destination_name',
  'kms_key', 'kms_key_arn', 'topic_kms_key_arn', 'dead_letter_queue_kms_key_arn', 'oidc_provider_arn', 'organization', 'repository',
]);

/**
 * What free text looks like when it holds a secret: the whole value, or one of its blank-separated
 * words (a header value " <token>" or "key <token>" hides it as well as the token alone).
 */
export function secretInText(value: string): string | undefined {
  return secretLike(value) ?? value.split(/\s+/).filter((word) => word !== '' && word !== value).map(secretLike).find((looks) => looks !== undefined);
}

/**
 * What a value looks like when it looks like a secret ("a UUID", "32 hex characters" …), or
 * undefined. Deliberately narrow: names and URLs a person writes must not trip it.
 */
export function secretLike(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i.test(value)) return 'a URL with credentials in it';
  const query = /[?&]([^=&#]+)=[^&#]+/g;
  for (const match of value.matchAll(query)) if (CREDENTIAL_NAME.test(decodeURIComponentSafe(match[1]))) return 'a URL with a credential in its query string';
  if (/^(bearer|basic|ssws|token)\s+\S+/i.test(value)) return 'an Authorization header value';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'a UUID, like a Splunk HEC token';
  if (/^[0-9a-f]{16,}$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) return `${value.length} hex characters, like an API key`;
  // A long run of letters and digits without the separators of a name: a generated key or token.
  if (/^[A-Za-z0-9+/=_-]{24,}$/.test(value) && !/[_-][a-z]/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 4 && /[A-Za-z]/.test(value)) {
    return `${value.length} characters of letters and digits, like a key or token`;
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How an error shows a value it must not print. */
export function redacted(description: string, length: number): string {
  return `a value that looks like a secret (${description}; ${length} characters, not shown)`;
}
