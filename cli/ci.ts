/** Whether this runs in CI (GitHub Actions and most CI systems set CI=true): no one to ask, no example config, read-only lock files. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && !['', 'false', '0'].includes(env.CI.trim().toLowerCase());
}
