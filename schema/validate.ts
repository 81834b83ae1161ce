/**
 * Turns configuration text into a validated, resolved configuration, or into the complete list of
 * problems with it: each with its path, what was given and what is allowed. Pure: no file or
 * environment access (main.ts reads the file).
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { Config, configSchema } from './config';
import { checkParsed, crossCheck, isRecord } from './cross-check';
import { Problem } from './problem';
import { VARIABLE_NAME_PATTERN } from './rules';
import { CREDENTIAL_NAME, redacted, secretLike } from './secrets';
import { ResolvedStack, resolveStack } from './resolve';

export type { Problem } from './problem';
export type { ResolvedStack } from './resolve';
export { MAX_STREAMS_PER_OKTA_ORG } from './cross-check';

export interface ResolvedConfig {
  readonly config: Config;
  readonly stacks: readonly ResolvedStack[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Parses YAML (or JSON, which is YAML too, but parsed strictly when the file name ends in .json). */
export function parseConfigText(text: string, fileName: string): Result<unknown> {
  if (fileName.endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, problems: [{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ path: '(file)', message: `is not valid YAML: ${error.message.split('\n')[0]}` })),
    };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** Validates a parsed configuration as a whole: every problem at once. */
export function validateConfig(raw: unknown): Result<ResolvedConfig> {
  if (raw === null || raw === undefined) {
    return { ok: false, problems: [{ path: '(file)', message: 'is empty; it must be a mapping with okta, aws, backend and stacks' }] };
  }
  const parsed = configSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? checkParsed(parsed.data) : parsed.error.issues.flatMap((issue) => toProblems(issue, raw))),
    ...crossCheck(raw),
  ];
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems: dedupe(problems) };
  }
  return { ok: true, value: { config: parsed.data, stacks: parsed.data.stacks.map((stack) => resolveStack(parsed.data, stack)) } };
}

/** Parse and validate in one step. */
export function loadConfig(text: string, fileName: string): Result<ResolvedConfig> {
  const parsed = parseConfigText(text, fileName);
  return parsed.ok ? validateConfig(parsed.value) : parsed;
}

export function formatProblems(source: string, problems: readonly Problem[]): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`${source} has ${problems.length} ${noun}; nothing was synthesized:`, ...problems.map((p) => `  - ${p.path}: ${p.message}`)].join('\n');
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: issue.message }));
  }
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    return issue.issues.map((inner) => ({ path: formatPath(issue.path), message: `got key ${show(String(key), [])}; ${inner.message}` }));
  }
  const given = valueAt(raw, issue.path);
  const prefix = given.found ? `got ${show(given.value, issue.path)}; ` : 'missing; ';
  return [{ path: formatPath(issue.path), message: prefix + issue.message }];
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`))
    .join('');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current: unknown = raw;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) current = current[segment];
    else if (isRecord(current) && typeof segment === 'string' && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else return { found: false };
  }
  return { found: current !== undefined, value: current };
}

/**
 * A short, single-line rendering of a given value; long values are cut so a hostile file cannot flood
 * the terminal. A value that looks like a secret, or any value of a field that names a secret's
 * variable, is described instead of printed.
 */
function show(value: unknown, path: readonly PropertyKey[]): string {
  if (typeof value === 'string') {
    const looks = secretLike(value);
    if (looks !== undefined) return redacted(looks, value.length);
    const field = String(path[path.length - 1]);
    if (field.endsWith('_variable') && !VARIABLE_NAME_PATTERN.test(value)) return redacted('not a variable name, maybe the secret itself', value.length);
    if (CREDENTIAL_NAME.test(field)) return redacted(`the value of "${field}"`, value.length);
  }
  let text: string;
  if (Array.isArray(value)) text = 'a list';
  else if (isRecord(value)) text = 'a mapping';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
