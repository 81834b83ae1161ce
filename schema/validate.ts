/**
 * Turns configuration text into a validated, resolved configuration, or into the complete list of
 * problems with it: each with its path, what was given and what is allowed. Pure: no file or
 * environment access (main.ts reads the file).
 */
import { parseDocument, YAMLError } from 'yaml';
import { z } from 'zod';
import { Config, configSchema } from './config';
import { checkParsed, crossCheck, isRecord } from './cross-check';
import { keyElsewhere } from './key-places';
import { Problem } from './problem';
import { VARIABLE_NAME_PATTERN, variableReference } from './rules';
import { CREDENTIAL_NAME, IDENTIFIER_FIELDS, redacted, secretInText, secretLike } from './secrets';
import { jsonSyntaxError } from './json-syntax';
import { ResolvedStack, resolveStack } from './resolve';

export type { Problem } from './problem';
export type { ResolvedStack } from './resolve';
export { MAX_STREAMS_PER_OKTA_ORG } from './cross-check';

export interface ResolvedConfig {
  readonly config: Config;
  readonly stacks: readonly ResolvedStack[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Aliases one config may use; more is refused (a few aliases can expand into gigabytes: "billion laughs"). */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses YAML (or JSON, which is YAML too, but parsed strictly when the file name ends in .json).
 * Problems carry `<file>:<line>:<column>` as their path, one line each, and name what YAML feature
 * is refused or what JSON does not allow (trailing commas, comments).
 */
export function parseConfigText(text: string, fileName: string): Result<unknown> {
  if (fileName.endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // JSON.parse's message has no position for some errors and quotes the text in others: ours has both right.
      const syntax = jsonSyntaxError(text) ?? { offset: 0, reason: 'JSON.parse refused it' };
      return { ok: false, problems: [{ path: at(fileName, text, syntax.offset), message: `is not valid JSON: ${syntax.reason}` }] };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((error) => yamlProblem(error, text, fileName)) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!/alias/i.test((error as Error).message)) throw error;
    return {
      ok: false,
      problems: [{ path: fileName, message: `uses YAML aliases (*name) that expand to more than ${MAX_YAML_ALIASES} copies; refused (such a file can exhaust memory): write the values out` }],
    };
  }
  const merges = mergeKeyPaths(value, []);
  if (merges.length > 0) {
    return {
      ok: false,
      problems: merges.map((path) => ({ path, message: 'is a YAML merge key (<<), which this config does not support (YAML 1.2 has none): write the keys out' })),
    };
  }
  return { ok: true, value };
}

function at(fileName: string, text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${fileName}:${before.length}:${before[before.length - 1].length + 1}`;
}

function yamlProblem(error: YAMLError, text: string, fileName: string): Problem {
  const where = error.linePos === undefined ? fileName : `${fileName}:${error.linePos[0].line}:${error.linePos[0].col}`;
  if (error.code === 'DUPLICATE_KEY') {
    const line = error.linePos === undefined ? '' : text.split('\n')[error.linePos[0].line - 1].slice(error.linePos[0].col - 1);
    const key = /^\s*["']?([^"':#]+?)["']?\s*:/.exec(line)?.[1];
    return { path: where, message: `${key === undefined ? 'a key' : `key "${key}"`} appears twice in one mapping (YAML would keep only one silently): keep one` };
  }
  if (/multiple documents/i.test(error.message)) {
    return { path: where, message: 'starts a second YAML document ("---"); a config file is one document: put each in a file of its own' };
  }
  return { path: where, message: `is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` };
}

/** Paths of `<<` keys: YAML 1.1 merge keys, which the YAML 1.2 parser reads as a plain key named "<<". */
function mergeKeyPaths(value: unknown, path: PropertyKey[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => mergeKeyPaths(item, [...path, index]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '<<' ? [formatPath([...path, key])] : mergeKeyPaths(inner, [...path, key])));
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
    return { ok: false, problems: withSuggestions(dedupe(problems), raw) };
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

/**
 * A misspelt key shows up twice: as an unknown key and, when it was required, as a missing one. Each
 * unknown key close to an allowed one says "did you mean"; a missing key it explains is dropped. An
 * unknown key that is a key elsewhere in the schema says where it belongs (schema/key-places.ts).
 */
function withSuggestions(problems: Problem[], raw: unknown): Problem[] {
  const explained = new Set<Problem>();
  const suggested = problems.map((problem) => {
    const allowed = /^unknown key; allowed keys here: (.+)$/.exec(problem.message)?.[1].split(', ');
    if (allowed === undefined) return problem;
    const dot = problem.path.lastIndexOf('.');
    const parent = dot < 0 ? '' : problem.path.slice(0, dot + 1);
    const key = problem.path.slice(dot + 1);
    const segments = pathSegments(parent.slice(0, -1));
    const elsewhere = segments === undefined ? undefined : keyElsewhere(segments, key, raw);
    const closest = allowed.map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate) })).sort((a, b) => a.distance - b.distance)[0];
    if (closest === undefined || closest.distance > Math.max(1, Math.floor(closest.candidate.length / 4))) {
      return elsewhere === undefined ? problem : { path: problem.path, message: `unknown key here; ${elsewhere}. Allowed keys here: ${allowed.join(', ')}` };
    }
    const missing = problems.find((p) => p.path === `${parent}${closest.candidate}` && p.message.startsWith('missing;'));
    if (missing !== undefined) explained.add(missing);
    const also = elsewhere === undefined ? '' : ` (${elsewhere}.)`;
    return { path: problem.path, message: `unknown key; did you mean "${closest.candidate}"${missing === undefined ? '' : ' (required, and missing)'}?${also} Allowed keys here: ${allowed.join(', ')}` };
  });
  return suggested.filter((problem) => !explained.has(problem));
}

/** A formatted path (`stacks[0].sinks[1]`) back into its segments; undefined when it is not one. */
function pathSegments(path: string): (string | number)[] | undefined {
  if (path === '') return [];
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(path)) return undefined;
  return [...path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
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
 * the terminal. A value of a credential-named field, a `*_variable` value that is neither a variable
 * name nor a reference to one, and a secret-shaped value in free text (any field but the identifiers
 * of IDENTIFIER_FIELDS) are described instead of printed.
 */
function show(value: unknown, path: readonly PropertyKey[]): string {
  if (typeof value === 'string') {
    const field = String(path[path.length - 1]);
    if (CREDENTIAL_NAME.test(field)) return redacted(`the value of "${field}"`, value.length);
    if (field.endsWith('_variable')) {
      const looks = variableReference(value) === undefined ? (secretLike(value) ?? (VARIABLE_NAME_PATTERN.test(value) ? undefined : 'not a variable name, maybe the secret itself')) : undefined;
      if (looks !== undefined) return redacted(looks, value.length);
    } else if (!IDENTIFIER_FIELDS.has(field)) {
      const looks = secretInText(value);
      if (looks !== undefined) return redacted(looks, value.length);
    }
  }
  let text: string;
  if (Array.isArray(value)) text = 'a list';
  else if (isRecord(value)) text = 'a mapping';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
