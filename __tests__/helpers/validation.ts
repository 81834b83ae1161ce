import { Problem, validateConfig } from '../../schema/validate';

export function problemsOf(raw: unknown): readonly Problem[] {
  const result = validateConfig(raw);
  return result.ok ? [] : result.problems;
}

/** Expects exactly one problem, at `path`, whose message contains every fragment. */
export function expectOnlyProblem(raw: unknown, path: string, ...fragments: string[]): void {
  const problems = problemsOf(raw);
  expect(problems.map((p) => p.path)).toEqual([path]);
  for (const fragment of fragments) expect(problems[0].message).toContain(fragment);
}
