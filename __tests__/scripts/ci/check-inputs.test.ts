/** The workflows' first step: every variable and secret a job needs, set and not blank; a long plan key. */
import { spawnSync } from 'child_process';
import * as path from 'path';

const script = path.join(__dirname, '..', '..', '..', 'scripts', 'ci', 'check-inputs.sh');
const INPUTS = ['vars:OKTA_LOG_STREAMING_CONFIG', 'vars:AWS_REGION', 'secrets:OKTA_API_TOKEN', 'secrets:PLAN_ARTIFACT_KEY'];
const GOOD_KEY = 'k'.repeat(31) + 'Z';
const good = { OKTA_LOG_STREAMING_CONFIG: 'config/prod.yaml', AWS_REGION: 'eu-west-1', OKTA_API_TOKEN: '00okta-token-value', PLAN_ARTIFACT_KEY: GOOD_KEY };
const check = (env: Record<string, string | undefined>) => {
  const result = spawnSync('bash', [script, ...INPUTS], { env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { status: result.status, text: `${result.stdout}${result.stderr}` };
};

describe('scripts/ci/check-inputs.sh', () => {
  test('everything set, a 32-character key: passes', () => {
    expect(check(good)).toEqual({ status: 0, text: 'okta-log-streaming: all 4 inputs set\n' });
  });

  test('fails when a value is empty, blank or unset, naming every one at once and where to set it', () => {
    const { status, text } = check({ ...good, AWS_REGION: '', OKTA_API_TOKEN: '  \t', OKTA_LOG_STREAMING_CONFIG: undefined });
    expect(status).toBe(1);
    expect(text).toContain('::error title=AWS_REGION is not set::var AWS_REGION is missing or empty: set it in Settings → Secrets and variables → Actions → Variables');
    expect(text).toContain('secret OKTA_API_TOKEN is missing or empty: set it in Settings → Secrets and variables → Actions → Secrets');
    expect(text).toContain('var OKTA_LOG_STREAMING_CONFIG is missing or empty');
    expect(text).toContain('3 of 4 inputs missing or unusable; nothing was run');
  });

  test('fails when PLAN_ARTIFACT_KEY is empty or shorter than 32 characters, never printing it', () => {
    const short = 'k'.repeat(30) + 'Q';
    const { status, text } = check({ ...good, PLAN_ARTIFACT_KEY: short });
    expect(status).toBe(1);
    expect(text).toContain('secret PLAN_ARTIFACT_KEY is shorter than 32 characters');
    expect(text).not.toContain(short);
    expect(check({ ...good, PLAN_ARTIFACT_KEY: '' }).text).toContain('secret PLAN_ARTIFACT_KEY is missing or empty');
    expect(check(good).text).not.toContain(GOOD_KEY);
    expect(check(good).text).not.toContain(good.OKTA_API_TOKEN);
  });
});
