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

/** One check, as the text report shows it under its stack. */
export function checkLine(c: Check): string {
  return `  ${SYMBOL[c.verdict]} ${c.area}: ${c.subject}: ${c.detail}${c.fix === undefined ? '' : ` → ${c.fix}`}`;
}

/** The report's last line. */
export function summaryLine(reports: readonly StackReport[]): string {
  const count = (verdict: Verdict) => reports.flatMap((r) => r.checks).filter((c) => c.verdict === verdict).length;
  return `okta-log-streaming: doctor: ${summary(reports)} (${count('fail')} broken, ${count('warn')} to look at, ${count('unchecked')} not checked, of ${reports.length} stack${reports.length === 1 ? '' : 's'})`;
}

export function textReport(reports: readonly StackReport[]): string {
  return [...reports.flatMap(({ stack, checks }) => [stack, ...checks.map(checkLine)]), summaryLine(reports)].join('\n');
}

export function jsonReport(reports: readonly StackReport[]): string {
  return JSON.stringify({ status: summary(reports), stacks: reports }, null, 2);
}
