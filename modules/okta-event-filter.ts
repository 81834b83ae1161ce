/**
 * Okta cannot filter what it streams, so each sink's rule does: a filter of event types (exact, or
 * by prefix), severities and outcomes compiled into the rule's EventBridge pattern.
 *
 * Semantics: an event passes when it matches ANY include list (all events when there is none) and
 * NONE of the exclude lists. Several include lists become `$or` branches; one needs no `$or`. Exact
 * event types and prefixes constrain one field, so together they are one include list: one array of
 * alternatives, `["user.session.start", {"prefix": "user.account."}]` (EventBridge ORs a field's list).
 * Excludes are `anything-but` matchers beside them, which keep events that lack the field.
 */
import { OKTA_SYSTEM_LOG_EVENT_PATTERN } from './facts';

export const OKTA_SEVERITIES = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export const OKTA_OUTCOMES = ['SUCCESS', 'FAILURE', 'SKIPPED', 'ALLOW', 'DENY', 'CHALLENGE', 'UNKNOWN'] as const;

/** EventBridge's limit on a rule's event pattern (the AWS provider checks it after normalizing). */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

export interface OktaEventFilterInclude {
  /** Exact event types, e.g. `user.session.start` (which does not match `user.session.start.x`). */
  readonly eventTypes?: readonly string[];
  /**
   * Event types that start with any of these, e.g. `user.session.`: a prefix compares characters, so
   * `user.session.start` as a prefix matches `user.session.started` too.
   */
  readonly eventTypePrefixes?: readonly string[];
  readonly severities?: readonly string[];
  /** `outcome.result` values. */
  readonly outcomes?: readonly string[];
}

export interface OktaEventFilterExclude {
  /** Exact event types to drop. */
  readonly eventTypes?: readonly string[];
  /** One event-type prefix to drop: EventBridge's anything-but takes a single prefix. */
  readonly eventTypePrefix?: string;
  readonly severities?: readonly string[];
  readonly outcomes?: readonly string[];
}

export interface OktaEventFilter {
  readonly include?: OktaEventFilterInclude;
  readonly exclude?: OktaEventFilterExclude;
}

type Dimension = 'eventType' | 'severity' | 'outcome';
type Pattern = Record<string, unknown>;

/** Why a filter cannot be expressed as one EventBridge pattern, or an empty list when it can. */
export function filterProblems(filter: OktaEventFilter): string[] {
  const problems: string[] = [];
  const include = filter.include ?? {};
  const exclude = filter.exclude ?? {};
  const included = new Set<Dimension>();
  if (nonEmpty(include.eventTypes) || nonEmpty(include.eventTypePrefixes)) included.add('eventType');
  if (nonEmpty(include.severities)) included.add('severity');
  if (nonEmpty(include.outcomes)) included.add('outcome');
  if (nonEmpty(exclude.eventTypes) && exclude.eventTypePrefix !== undefined) {
    problems.push('exclude.event_types and exclude.event_type_prefix both constrain the event type, and EventBridge cannot AND two conditions on one field: use one');
  }
  const excluded: [Dimension, boolean][] = [
    ['eventType', nonEmpty(exclude.eventTypes) || exclude.eventTypePrefix !== undefined],
    ['severity', nonEmpty(exclude.severities)],
    ['outcome', nonEmpty(exclude.outcomes)],
  ];
  for (const [dimension, isExcluded] of excluded) {
    if (isExcluded && included.has(dimension)) {
      problems.push(
        `include and exclude both constrain ${FIELD_NAMES[dimension]}: EventBridge cannot AND two conditions on one field; list only what to include there`,
      );
    }
  }
  if (problems.length === 0) {
    const length = JSON.stringify(compileFilter(filter)).length;
    if (length > MAX_EVENT_PATTERN_LENGTH) problems.push(`the compiled pattern is ${length} characters; EventBridge allows ${MAX_EVENT_PATTERN_LENGTH}: use fewer, shorter entries`);
  }
  return problems;
}

const FIELD_NAMES: Record<Dimension, string> = { eventType: 'the event type', severity: 'the severity', outcome: 'the outcome' };

/** The rule's event pattern for a filter: the Okta System Log pattern, narrowed. */
export function compileFilter(filter: OktaEventFilter | undefined): Pattern {
  const base: Pattern = { ...OKTA_SYSTEM_LOG_EVENT_PATTERN };
  if (filter === undefined) return base;
  const detail: Pattern = {};
  const exclude = filter.exclude ?? {};
  // anything-but never matches a missing field; `exists: false` keeps events without it.
  const keepMissing = { exists: false };
  if (nonEmpty(exclude.eventTypes)) detail.eventType = [{ 'anything-but': [...exclude.eventTypes] }, keepMissing];
  if (exclude.eventTypePrefix !== undefined) detail.eventType = [{ 'anything-but': { prefix: exclude.eventTypePrefix } }, keepMissing];
  if (nonEmpty(exclude.severities)) detail.severity = [{ 'anything-but': [...exclude.severities] }, keepMissing];
  if (nonEmpty(exclude.outcomes)) detail.outcome = { result: [{ 'anything-but': [...exclude.outcomes] }, keepMissing] };

  const include = filter.include ?? {};
  const branches: Pattern[] = [];
  if (nonEmpty(include.eventTypes) || nonEmpty(include.eventTypePrefixes)) {
    branches.push({ eventType: [...(include.eventTypes ?? []), ...(include.eventTypePrefixes ?? []).map((prefix) => ({ prefix }))] });
  }
  if (nonEmpty(include.severities)) branches.push({ severity: [...include.severities] });
  if (nonEmpty(include.outcomes)) branches.push({ outcome: { result: [...include.outcomes] } });

  if (branches.length === 1) Object.assign(detail, branches[0]);
  if (branches.length > 1) detail.$or = branches;
  return Object.keys(detail).length > 0 ? { ...base, detail } : base;
}

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

/**
 * A filter that Terraform holds (a module's `filter` input): an HCL expression of an object in the
 * config's shape (`include.event_types`, `include.event_type_prefixes`, `exclude.event_type_prefix` …),
 * possibly null.
 */
export interface OktaEventFilterReference {
  readonly terraformExpression: string;
}

export function isFilterReference(filter: unknown): filter is OktaEventFilterReference {
  return typeof filter === 'object' && filter !== null && typeof (filter as OktaEventFilterReference).terraformExpression === 'string';
}

/**
 * `compileFilter` in Terraform's language: the same pattern, built by Terraform from the referenced
 * object. Each piece is an object or null, merged (merge skips nulls): a conditional whose branches
 * were objects of different shapes would not type-check. One line, as it sits inside `${…}`.
 */
export function filterPatternExpression(filter: string): string {
  const given = (path: string) => `try(length(${filter}.${path}) > 0, false)`;
  const piece = (condition: string, object: string) => `${condition} ? ${object} : null`;
  const anythingBut = (value: string) => `[{ "anything-but" = ${value} }, { exists = false }]`;
  const excludes = [
    piece(given('exclude.event_types'), `{ eventType = ${anythingBut(`${filter}.exclude.event_types`)} }`),
    piece(`try(${filter}.exclude.event_type_prefix != null, false)`, `{ eventType = ${anythingBut(`{ prefix = ${filter}.exclude.event_type_prefix }`)} }`),
    piece(given('exclude.severities'), `{ severity = ${anythingBut(`${filter}.exclude.severities`)} }`),
    piece(given('exclude.outcomes'), `{ outcome = { result = ${anythingBut(`${filter}.exclude.outcomes`)} } }`),
  ];
  const branches = `[for branch in [${[
    // Exact types, then prefixes: one field's alternatives in one list (as compileFilter).
    piece(
      `${given('include.event_types')} || ${given('include.event_type_prefixes')}`,
      `{ eventType = concat(${given('include.event_types')} ? ${filter}.include.event_types : [], [for prefix in (${given('include.event_type_prefixes')} ? ${filter}.include.event_type_prefixes : []) : { prefix = prefix }]) }`,
    ),
    piece(given('include.severities'), `{ severity = ${filter}.include.severities }`),
    piece(given('include.outcomes'), `{ outcome = { result = ${filter}.include.outcomes } }`),
  ].join(', ')}] : branch if branch != null]`;
  // One include list narrows detail directly; several are $or branches (as compileFilter).
  const included = `[for b in [${branches}] : merge(length(b) == 1 ? try(b[0], null) : null, length(b) > 1 ? { "$or" = b } : null)][0]`;
  const detail = `merge(${[...excludes, included].join(', ')})`;
  const base = hclObject(OKTA_SYSTEM_LOG_EVENT_PATTERN);
  return `[for detail in [${detail}] : merge(${base}, length(detail) > 0 ? { detail = detail } : null)][0]`;
}

/** A constant JSON value as a one-line HCL expression. */
function hclObject(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hclObject).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hclObject(v)}`).join(', ')} }`;
  // JSON strings without "${" or "%{" are HCL strings as they are.
  if (typeof value === 'string' && /[$%]\{/.test(value)) throw new Error(`hclObject: ${value} would be a template`);
  return JSON.stringify(value);
}
