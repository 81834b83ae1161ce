/** An Output (main.ts) that keeps what was printed, stdout and stderr apart. */
export function captured() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, output: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
}
