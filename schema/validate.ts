/**
 * Turns configuration text into a validated, resolved configuration, or into the complete list of
 * problems with it: each with its path, what was given and what is allowed. Pure: no file or
 * environment access (main.ts reads the file).
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AwsConfig, Config, OktaConfig, StackConfig, configSchema, oktaSchema, stackSchema } from './config';
import { NAME_RULES, nameProblem, partnerEventSourceName, sinkResourceName } from './names';

/** Okta's limit: "You can configure up to two log stream integrations per org". */
export const MAX_STREAMS_PER_OKTA_ORG = 2;

export interface Problem {
  /** Where in the file, e.g. `stacks[0].sink.region`; `(file)` for the file as a whole. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** A stack with the top-level sections it inherits filled in. */
export interface ResolvedStack extends Omit<StackConfig, 'okta' | 'aws'> {
  readonly okta: OktaConfig;
  readonly aws: AwsConfig;
  readonly backend: Config['backend'];
  readonly tags: Config['tags'];
}

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
  const problems = [...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toProblems(issue, raw))), ...crossCheck(raw)];
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

function resolveStack(config: Config, stack: StackConfig): ResolvedStack {
  return {
    ...stack,
    okta: { ...config.okta, ...stack.okta },
    aws: { ...config.aws, ...stack.aws },
    backend: config.backend,
    tags: config.tags,
  };
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: issue.message }));
  }
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    return issue.issues.map((inner) => ({ path: formatPath(issue.path), message: `got key ${show(String(key))}; ${inner.message}` }));
  }
  const given = valueAt(raw, issue.path);
  const prefix = given.found ? `got ${show(given.value)}; ` : 'missing; ';
  return [{ path: formatPath(issue.path), message: prefix + issue.message }];
}

/** Rules that span fields or stacks. Defensive: runs on the raw input so they report even when other fields are wrong. */
function crossCheck(raw: unknown): Problem[] {
  if (!isRecord(raw) || !Array.isArray(raw.stacks)) return [];
  const problems: Problem[] = [];
  const stacks = raw.stacks.map((stack, index) => describeStack(raw, stack, index));

  const seenNames = new Map<string, number>();
  const seenSources = new Map<string, number>();
  const streamsByOrg = new Map<string, number[]>();
  for (const stack of stacks) {
    if (stack.name !== undefined) {
      const first = seenNames.get(stack.name);
      if (first === undefined) seenNames.set(stack.name, stack.index);
      else problems.push({ path: `stacks[${stack.index}].name`, message: `got "${stack.name}"; stack names must be unique (stacks[${first}] has it too)` });
    }
    if (stack.org === undefined) continue;
    streamsByOrg.set(stack.org, [...(streamsByOrg.get(stack.org) ?? []), stack.index]);
    if (stack.eventSourceName !== undefined) {
      const key = `${stack.org}/${stack.eventSourceName}`;
      const first = seenSources.get(key);
      if (first === undefined) seenSources.set(key, stack.index);
      else
        problems.push({
          path: `stacks[${stack.index}].event_source_name`,
          message: `got "${stack.eventSourceName}"; event source names must be unique per Okta org (stacks[${first}] streams ${stack.org} under it too)`,
        });
    }
  }
  for (const [org, indices] of streamsByOrg) {
    if (indices.length > MAX_STREAMS_PER_OKTA_ORG) {
      const names = indices.map((i) => stacks[i].name ?? `stacks[${i}]`).join(', ');
      problems.push({
        path: 'stacks',
        message:
          `Okta org ${org} would get ${indices.length} log streams (stacks ${names}); Okta allows at most ` +
          `${MAX_STREAMS_PER_OKTA_ORG} per org: remove a stack or point it at another org`,
      });
    }
  }
  for (const stack of stacks) problems.push(...derivedNameProblems(stack));
  return problems;
}

interface RawStack {
  readonly index: number;
  readonly name?: string;
  readonly eventSourceName?: string;
  /** The org name when it is valid on its own (derived names are checked only from valid parts). */
  readonly orgName?: string;
  /** The org's identity, `<org_name>.<base_url>`, when both are known. */
  readonly org?: string;
}

function describeStack(raw: Record<string, unknown>, stack: unknown, index: number): RawStack {
  const entry = isRecord(stack) ? stack : {};
  const okta = { ...(isRecord(raw.okta) ? raw.okta : {}), ...(isRecord(entry.okta) ? entry.okta : {}) };
  const orgName = stringOrUndefined(okta.org_name);
  const baseUrl = okta.base_url === undefined ? 'okta.com' : stringOrUndefined(okta.base_url);
  return {
    index,
    name: stringOrUndefined(entry.name),
    eventSourceName: stringOrUndefined(entry.event_source_name),
    orgName,
    org: orgName !== undefined && baseUrl !== undefined ? `${orgName}.${baseUrl}` : undefined,
  };
}

/** Names built from fields that are each valid can still break AWS's rules together. */
function derivedNameProblems(stack: RawStack): Problem[] {
  const problems: Problem[] = [];
  if (stack.name !== undefined && stackSchema.shape.name.safeParse(stack.name).success) {
    const resourceName = sinkResourceName(stack.name);
    for (const rule of [NAME_RULES.rule, NAME_RULES.connection, NAME_RULES.apiDestination, NAME_RULES.targetId]) {
      const problem = nameProblem(resourceName, rule);
      if (problem !== undefined) problems.push({ path: `stacks[${stack.index}].name`, message: `${problem}: shorten the stack name` });
    }
  }
  if (
    stack.orgName !== undefined &&
    stack.eventSourceName !== undefined &&
    oktaSchema.shape.org_name.safeParse(stack.orgName).success &&
    stackSchema.shape.event_source_name.safeParse(stack.eventSourceName).success
  ) {
    const problem = nameProblem(partnerEventSourceName(stack.orgName, stack.eventSourceName), NAME_RULES.partnerEventBus);
    if (problem !== undefined) problems.push({ path: `stacks[${stack.index}].event_source_name`, message: problem });
  }
  return problems;
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

/** A short, single-line rendering of a given value; long values are cut so a hostile file cannot flood the terminal. */
function show(value: unknown): string {
  let text: string;
  if (Array.isArray(value)) text = 'a list';
  else if (isRecord(value)) text = 'a mapping';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
