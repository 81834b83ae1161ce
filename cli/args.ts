/**
 * Command-line arguments: Node's own util.parseArgs in strict mode (unknown flags, missing values and
 * stray words are errors), then each option's type and range. Help text and the generated command
 * reference (docs/cli.md) come from the same option definitions, so they cannot drift.
 */
import { parseArgs } from 'util';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** Given more than once, each value is kept (`--stack a --stack b`). */
  readonly multiple?: boolean;
  /** The value's name in usage (`--parallel N`). */
  readonly placeholder?: string;
  /** What is used when the flag is absent, as usage shows it. */
  readonly default?: string;
  readonly description: string;
  /** Checks and converts a given value; throws with what is allowed. */
  readonly parse?: (value: string) => unknown;
  /** The command cannot run without it (a usage error names it). */
  readonly required?: boolean;
}

export type Options = Readonly<Record<string, OptionSpec>>;

/** A usage error: the command line itself is wrong (exit 2, nothing run). */
export class UsageError extends Error {}

export type Values = Record<string, unknown>;

/** -h and --help on every command: usage, and nothing else. */
export const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help and do nothing else.' };

/** Whether the arguments ask for help: it wins over everything else, so help never runs anything. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

/** Parses one command's arguments strictly; throws UsageError naming the first problem. */
export function parse(argv: readonly string[], options: Options): Values {
  const config = Object.fromEntries(
    Object.entries({ ...options, help: HELP }).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  let values: Values;
  try {
    values = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, Object.keys(options)));
  }
  const missing = Object.entries(options).filter(([name, spec]) => spec.required === true && values[name] === undefined);
  if (missing.length > 0) throw new UsageError(missing.map(([name, spec]) => `--${name} ${spec.placeholder ?? 'VALUE'} is required`).join('; '));
  for (const [name, spec] of Object.entries(options)) {
    const given = values[name];
    if (given === undefined || spec.parse === undefined) continue;
    try {
      values[name] = Array.isArray(given) ? given.map((v: string) => spec.parse!(v)) : spec.parse(given as string);
    } catch (error) {
      throw new UsageError(`--${name}: ${(error as Error).message}`);
    }
  }
  return values;
}

function describeParseError(error: Error & { code?: string }, names: readonly string[]): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
  if (unknown !== undefined) {
    const suggestion = closest(unknown.replace(/^-+/, '').split('=')[0], names);
    return `unknown flag ${unknown}${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}`;
  }
  const missing = /Option '(-\w, )?(--[\w-]+)[^']*' argument missing/.exec(error.message)?.[2];
  if (missing !== undefined) return `${missing} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(error.message)?.[1];
  if (positional !== undefined) return `unexpected argument "${positional}" (flags start with --)`;
  const notBoolean = /Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(error.message)?.[2];
  if (notBoolean !== undefined) return `${notBoolean} takes no value`;
  return error.message;
}

/** The candidate within two edits (or a prefix of it), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(word) && word.length >= 3 ? 0 : editDistance(word, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** A whole number in a range, as a parse function. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`got "${value}"; give a whole number from ${min} to ${max}`);
    return n;
  };
}

/** A number in a range, decimals allowed (`0.5`), as a parse function. */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n < min || n > max) throw new Error(`got "${value}"; give a number from ${min} to ${max}`);
    return n;
  };
}

/** A positive number, as a parse function. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0)) throw new Error(`got "${value}"; give a positive number`);
  return n;
}

/** A value that may not be empty (an empty CI variable must not mean "the default"). */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new Error('is empty; give a value (an unset CI variable expands to nothing)');
  return value;
}

/** One of the given words. */
export function oneOf(...words: string[]): (value: string) => string {
  return (value) => {
    if (!words.includes(value)) throw new Error(`got "${value}"; allowed: ${words.join(', ')}`);
    return value;
  };
}

/** The options part of a usage text: one line per flag with its value, default and meaning. */
export function optionLines(options: Options): string[] {
  const rows = Object.entries({ ...options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.placeholder ?? 'VALUE'}` : ''}`;
    const extra = [o.required ? 'required' : undefined, o.multiple ? 'repeatable' : undefined, o.default === undefined ? undefined : `default: ${o.default}`].filter(Boolean).join('; ');
    return [flag, `${o.description}${extra ? ` (${extra})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}
