/** The doctor's findings, and how they are shown to people and machines. */

/** ✓ as it should be; ✗ broken (the fix says what to do); ! worth a look; ? could not be checked. */
export type Verdict = 'ok' | 'fail' | 'warn' | 'unchecked';

export interface Check {
  readonly area: 'okta' | 'aws';
  /** What was checked, e.g. "connection okta-bronto". */
  readonly subject: string;
  readonly verdict: Verdict;
  /** What was found. */
  readonly detail: string;
  /** One line: what to do. */
  readonly fix?: string;
}

export interface StackReport {
  readonly stack: string;
  readonly checks: readonly Check[];
}

const SYMBOL: Record<Verdict, string> = { ok: '✓', fail: '✗', warn: '!', unchecked: '?' };

/** 0 healthy (nothing broken), 2 degraded (something broken), 1 something could not be checked. */
export function exitCode(reports: readonly StackReport[]): 0 | 1 | 2 {
  const verdicts = reports.flatMap((r) => r.checks.map((c) => c.verdict));
  if (verdicts.includes('unchecked')) return 1;
  return verdicts.includes('fail') ? 2 : 0;
}

export function summary(reports: readonly StackReport[]): 'healthy' | 'degraded' | 'unchecked' {
  return (['healthy', 'unchecked', 'degraded'] as const)[exitCode(reports)];
}

export function textReport(reports: readonly StackReport[]): string {
  const lines: string[] = [];
  for (const { stack, checks } of reports) {
    lines.push(stack);
    for (const c of checks) lines.push(`  ${SYMBOL[c.verdict]} ${c.area}: ${c.subject}: ${c.detail}${c.fix === undefined ? '' : ` → ${c.fix}`}`);
  }
  lines.push(`okta-log-streaming doctor: ${summary(reports)}`);
  return lines.join('\n');
}

export function jsonReport(reports: readonly StackReport[]): string {
  return JSON.stringify({ status: summary(reports), stacks: reports }, null, 2);
}
