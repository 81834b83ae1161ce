/**
 * The Terraform and provider versions every synthesized stack and exported module admits, and the
 * check that a team's narrower constraint (config `versions`) stays inside them. The typed bindings
 * only emit JSON; Terraform installs whatever these constraints admit, so each bound is a fact about
 * the providers' source (recorded per admitted major in __tests__/fixtures/provider-schemas/ and
 * tested against everything the package emits).
 */

export type ProviderName = 'okta' | 'aws' | 'time';
export type VersionedName = ProviderName | 'terraform';

export interface AdmittedRange {
  /** Registry source address, written the same way in every stack and module. */
  readonly source?: string;
  /** Lowest admitted version (inclusive). */
  readonly minimum: string;
  /** Why nothing lower: said when a constraint admits a lower version. */
  readonly belowMinimum: string;
  /** First version not admitted (exclusive); none for Terraform itself. */
  readonly below?: string;
  /** Why nothing from `below` on. */
  readonly aboveRange?: string;
}

export const ADMITTED: Readonly<Record<VersionedName, AdmittedRange>> = {
  okta: {
    source: 'okta/okta',
    // okta/terraform-provider-okta v6.6.0, okta/services/idaas/resource_okta_log_stream.go
    // (applyLogStreamToState, PR 2667): the first version that writes `settings` into state on read
    // and import. Earlier versions leave them null, so an adopted stream's update sends empty
    // write-once values that Okta's replace-log-stream API refuses.
    minimum: '6.6.0',
    belowMinimum:
      'okta provider versions below 6.6.0 never write a log stream\'s settings into state: an adopted stream could never be updated and settings drift would be invisible',
    below: '7.0.0',
    aboveRange: 'okta provider 7.x is not verified against the log stream and provider schema this package emits (verified: 6.6.0 to 6.12.0)',
  },
  aws: {
    source: 'hashicorp/aws',
    // @cdktf/provider-aws 21.22.1 is generated from hashicorp/aws 6.25.0: nothing older has every
    // argument the bindings can emit.
    minimum: '6.25.0',
    belowMinimum: 'the aws bindings are generated from hashicorp/aws 6.25.0; older versions may lack arguments the package emits',
    below: '7.0.0',
    aboveRange: 'hashicorp/aws 7.x is not verified (a major version may remove or change arguments the package emits)',
  },
  time: {
    source: 'hashicorp/time',
    // @cdktf/provider-time 11.0.1 is generated from hashicorp/time 0.13.1.
    minimum: '0.13.1',
    belowMinimum: 'the time bindings are generated from hashicorp/time 0.13.1; older versions are not verified',
    below: '1.0.0',
    aboveRange: 'hashicorp/time 1.x is not verified',
  },
  terraform: {
    // S3 native locking (`use_lockfile`) arrived in Terraform 1.10; import blocks in 1.5.
    minimum: '1.10.0',
    belowMinimum: 'Terraform below 1.10 has no S3 native locking (use_lockfile), which every S3-backed stack uses',
  },
};

/** The package's own constraint: `>= minimum, < below`. */
export function admittedConstraint(name: VersionedName): string {
  const range = ADMITTED[name];
  return range.below === undefined ? `>= ${range.minimum}` : `>= ${range.minimum}, < ${range.below}`;
}

type Version = readonly [number, number, number];
interface Bound {
  readonly version: Version;
  readonly inclusive: boolean;
}
interface Clause {
  readonly operator: string;
  readonly version: Version;
  /** How many of major.minor.patch were written: `~>` moves the last but one. */
  readonly parts: number;
}

// Terraform's version constraint syntax (operators =, !=, >, >=, <, <=, ~>; clauses joined by ",";
// no "v" prefix, which Terraform refuses in provider constraints).
const CLAUSE = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/;

/** Parses a constraint, or says why it cannot be read. */
export function parseConstraint(text: string): Clause[] | string {
  const clauses: Clause[] = [];
  for (const raw of text.split(',')) {
    if (/^\s*(=|!=|>=|<=|>|<|~>)?\s*\d+(\.\d+){0,2}-/.test(raw)) return `"${raw.trim()}" is a pre-release; only releases are admitted`;
    const match = CLAUSE.exec(raw);
    if (match === null) {
      return `"${raw.trim()}" is not a version constraint (e.g. "6.12.0", "~> 6.12.0", ">= 6.8.0, < 6.13.0")`;
    }
    const numbers = [match[2], match[3], match[4]];
    clauses.push({
      operator: match[1] ?? '=',
      version: [Number(numbers[0]), Number(numbers[1] ?? 0), Number(numbers[2] ?? 0)],
      parts: numbers.filter((n) => n !== undefined).length,
    });
  }
  return clauses;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function parseVersion(text: string): Version {
  const [major, minor, patch] = text.split('.').map(Number);
  return [major, minor ?? 0, patch ?? 0];
}

/** `~> 1.2.3` admits up to 1.3.0 (exclusive), `~> 1.2` and `~> 1` up to 2.0.0. */
function pessimisticUpper(clause: Clause): Version {
  const [major, minor] = clause.version;
  return clause.parts === 3 ? [major, minor + 1, 0] : [major + 1, 0, 0];
}

/** The lowest and highest version a constraint admits (`!=` only removes points, so it is set aside). */
function bounds(clauses: readonly Clause[]): { lower?: Bound; upper?: Bound; excluded: Version[] } {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  const raise = (bound: Bound) => {
    const c = lower === undefined ? 1 : compare(bound.version, lower.version);
    if (c > 0 || (c === 0 && lower !== undefined && !bound.inclusive)) lower = bound;
  };
  const lowerTo = (bound: Bound) => {
    const c = upper === undefined ? -1 : compare(bound.version, upper.version);
    if (c < 0 || (c === 0 && upper !== undefined && !bound.inclusive)) upper = bound;
  };
  const excluded: Version[] = [];
  for (const clause of clauses) {
    const at = (inclusive: boolean): Bound => ({ version: clause.version, inclusive });
    if (clause.operator === '=') {
      raise(at(true));
      lowerTo(at(true));
    } else if (clause.operator === '>=') raise(at(true));
    else if (clause.operator === '>') raise(at(false));
    else if (clause.operator === '<=') lowerTo(at(true));
    else if (clause.operator === '<') lowerTo(at(false));
    else if (clause.operator === '~>') {
      raise(at(true));
      lowerTo({ version: pessimisticUpper(clause), inclusive: false });
    } else excluded.push(clause.version);
  }
  return { lower, upper, excluded };
}

function admitsNothing(lower: Bound | undefined, upper: Bound | undefined, excluded: readonly Version[]): boolean {
  if (lower === undefined || upper === undefined) return false;
  const c = compare(lower.version, upper.version);
  if (c > 0) return true;
  if (c < 0) return false;
  return !(lower.inclusive && upper.inclusive) || excluded.some((v) => compare(v, lower.version) === 0);
}

/**
 * Why a team's constraint for `name` cannot be honoured, or undefined when it admits only versions
 * the package admits too (and at least one).
 */
export function checkNarrowing(name: VersionedName, constraint: string): string | undefined {
  const range = ADMITTED[name];
  const allowed = `a constraint within "${admittedConstraint(name)}"`;
  const clauses = parseConstraint(constraint);
  if (typeof clauses === 'string') return `${clauses}; allowed: ${allowed}`;
  const { lower, upper, excluded } = bounds(clauses);
  if (admitsNothing(lower, upper, excluded)) return `admits no version at all; allowed: ${allowed}`;
  if (lower === undefined || compare(lower.version, parseVersion(range.minimum)) < 0) {
    return `admits versions below ${range.minimum}: ${range.belowMinimum}; allowed: ${allowed}`;
  }
  if (range.below !== undefined) {
    const below = parseVersion(range.below);
    const c = upper === undefined ? 1 : compare(upper.version, below);
    if (c > 0 || (c === 0 && upper?.inclusive)) return `admits ${range.below} or later: ${range.aboveRange}; allowed: ${allowed}`;
  }
  return undefined;
}
