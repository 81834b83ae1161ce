/**
 * One output style for every command: results on stdout, problems and progress on stderr, each line
 * prefixed with the tool's name; a line when each stack starts and when it ends (✓/✗, seconds) as it
 * happens; one summary line last. With --json the results are one JSON document on stdout instead,
 * and progress stays on stderr.
 */
import type { Output } from '../main';

export const TOOL = 'okta-log-streaming';
export const PREFIX = `${TOOL}:`;

export class Reporter {
  private readonly started = new Map<string, number>();

  /** With `json`, stdout carries only the JSON document: every line goes to stderr. */
  constructor(
    readonly output: Output,
    private readonly options: { readonly json?: boolean; readonly clock?: () => number } = {},
  ) {}

  private get clock(): () => number {
    return this.options.clock ?? Date.now;
  }

  /** A result line (stdout; stderr under --json). */
  result(line: string): void {
    if (this.options.json === true) this.output.err(line);
    else this.output.out(line);
  }

  /** A problem (stderr), prefixed. */
  problem(line: string): void {
    this.output.err(`${PREFIX} ${line}`);
  }

  /** Progress (stderr), prefixed: what is happening now. */
  progress(line: string): void {
    this.output.err(`${PREFIX} ${line}`);
  }

  /** A stack begins: `<stack>: <doing>…`. */
  stackStarted(stack: string, doing: string): void {
    this.started.set(stack, this.clock());
    this.progress(`${stack}: ${doing}…`);
  }

  /** A stack is done: `✓ <stack>: <summary> (Ns)` on stdout, or `✗ …` with the details indented below. */
  stackFinished(stack: string, ok: boolean, summary: string): void {
    const began = this.started.get(stack);
    const seconds = began === undefined ? '' : ` (${Math.round((this.clock() - began) / 1000)} s)`;
    const [first, ...rest] = summary.split('\n');
    this.result(`${ok ? '✓' : '✗'} ${stack}: ${first}${seconds}`);
    for (const line of rest) this.result(line === '' ? '' : `    ${line}`);
  }

  /** The last line of a command: what happened overall (stdout on success, stderr on failure). */
  summary(ok: boolean, line: string): void {
    if (ok && this.options.json !== true) this.output.out(`${PREFIX} ${line}`);
    else this.output.err(`${PREFIX} ${line}`);
  }
}

/** `n stack(s)` as a person writes it. */
export function stacks(n: number): string {
  return `${n} stack${n === 1 ? '' : 's'}`;
}
