/** An Output (main.ts) that keeps what was printed, stdout and stderr apart. */
export function captured() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, output: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
}

/** stdout lines (results) and stderr lines (problems, progress) apart, each stack line's seconds left out. */
export function capturedUntimed() {
  const lines: string[] = [];
  const err: string[] = [];
  const untimed = (l: string) => l.replace(/ \(\d+ s\)$/, '');
  return { lines, err, output: { out: (l: string) => lines.push(untimed(l)), err: (l: string) => err.push(untimed(l)) } };
}
