/**
 * Recognizing a secret where configuration belongs, so that it is refused and never printed: the
 * config file, its errors and the synth output end up in repositories and CI logs.
 */

/** Parameter and header names that carry credentials (query strings and headers are stored in config and sent in the clear from the target). */
export const CREDENTIAL_NAME = /^(x-)?(api[-_]?key|apikey|key|token|access[-_]?token|auth|authorization|secret|client[-_]?secret|password|passwd|pwd|sig|signature|code|session)$/i;

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
