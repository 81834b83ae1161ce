/**
 * The tool as a person types it: `node cli/bin.js <command> …` as a process. A `terraform` on PATH
 * that records its calls (a real executable this test writes, standing in for terraform, not for
 * any code of ours) proves what was, and was not, run.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMMANDS } from '../../cli/commands';
import { run } from '../../cli/okta-log-streaming';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'cli', 'bin.js');

let workspace: string;
let recorderDir: string;
let callsFile: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tool-test-'));
  recorderDir = path.join(workspace, 'bin');
  callsFile = path.join(workspace, 'terraform-calls');
  fs.mkdirSync(recorderDir);
  // Records each call; `plan` of a stack named "slow" waits until the test lets it go.
  fs.writeFileSync(
    path.join(recorderDir, 'terraform'),
    [
      '#!/bin/sh',
      `echo "$@" >> "${callsFile}"`,
      'case "$*" in',
      `  *stacks/slow*plan*) while [ ! -f "${path.join(workspace, 'go')}" ]; do sleep 0.05; done; echo "Plan: 1 to add, 0 to change, 0 to destroy." ;;`,
      '  *plan*) echo "Plan: 1 to add, 0 to change, 0 to destroy." ;;',
      'esac',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${recorderDir}:${process.env.PATH ?? ''}`,
  HOME: workspace,
  CHECKPOINT_DISABLE: '1',
  CDKTF_OUTDIR: path.join(workspace, 'cdktf.out'),
  TF_PLUGIN_CACHE_DIR: path.join(workspace, 'cache'),
  OKTA_LOG_STREAMING_LOCK_DIR: path.join(workspace, 'locks'),
  ...extra,
});
const tool = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { cwd: root, env: env(extra), encoding: 'utf8', timeout: 60_000 });
/** The same, in this process (cheaper; the recorder on PATH still sees any terraform a command would start). */
async function inProcess(args: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(args, env(extra), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}
const terraformCalls = () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n') : []);
/** What a run left in the workspace besides the recorder. */
const leftovers = () => fs.readdirSync(workspace).filter((f) => f !== 'bin');

describe('help never runs anything', () => {
  test.each([['--help'], ['-h'], ['help'], ...COMMANDS.flatMap((c) => [[c.name, '--help'], [c.name, '-h'], [c.name, '--stack', 'x', '--help']])])('%s %s %s: usage on stdout, exit 0, no terraform, nothing written', async (...args) => {
    const run = await inProcess(args.filter((a): a is string => typeof a === 'string'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: okta-log-streaming /);
    expect(run.stdout).toMatch(/Exit codes/);
    expect(run.stderr).toBe('');
    expect(terraformCalls()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  test.each([[], ...COMMANDS.map((c) => [c.name])])('as a process: %s --help prints usage, exits 0, starts no terraform, writes nothing', (...command) => {
    const run = tool([...command, '--help'], { CI: 'true', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', OKTA_API_TOKEN: 'z' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: okta-log-streaming /);
    expect(terraformCalls()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  test('as a process too: bootstrap asked for help in CI with credentials set applies nothing, no terraform at all', () => {
    const run = tool(['bootstrap', '--help'], { CI: 'true', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', OKTA_API_TOKEN: 'z' });
    expect(run.status).toBe(0);
    expect(terraformCalls()).toEqual([]);
  });
});

describe('a bad command line is an error with usage, exit 2, and nothing run', () => {
  test.each([
    [['plna'], 'unknown command "plna" (did you mean plan?)'],
    [['plan', '--paralel', '2'], 'plan: unknown flag --paralel (did you mean --parallel?)'],
    [['plan', '--parallel'], 'plan: --parallel needs a value'],
    [['plan', '--parallel', '99'], 'plan: --parallel: got "99"; give a whole number from 1 to 32'],
    [['synth', '--confg', 'x.yaml'], 'synth: unknown flag --confg (did you mean --config?)'],
    [['synth', '--config', ''], 'synth: --config: is empty'],
    [['doctor', '--stack=x', '--json=yes'], 'doctor: --json takes no value'],
    [['drift', 'prod'], 'drift: unexpected argument "prod"'],
    [['apply', '--lockfile', 'writable'], 'apply: --lockfile: got "writable"; allowed: readonly'],
    [[], 'a command is needed'],
  ])('%j', async (args, message) => {
    const run = await inProcess(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`okta-log-streaming: ${message}`);
    expect(run.stderr).toContain('Usage: okta-log-streaming');
    expect(run.stdout).toBe('');
    expect(terraformCalls()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});

describe('which config', () => {
  test('--config is honoured', async () => {
    const config = path.join(root, 'examples', 'datadog.yaml');
    const run = await inProcess(['synth', '--config', config]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`from ${config}`);
    expect(fs.readdirSync(path.join(workspace, 'cdktf.out', 'stacks'))).toContain('okta-datadog');
  });

  test('with none outside CI: the shipped example, said plainly', async () => {
    const run = await inProcess(['synth']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('no config given: using the shipped example examples/bronto.yaml');
  });

  test('with none in CI, or an empty variable: an error before anything, for plan too (no example planned, no terraform)', async () => {
    for (const [extra, message] of [
      [{ CI: 'true' }, 'no config given, and CI is set'],
      [{ OKTA_LOG_STREAMING_CONFIG: '' }, 'OKTA_LOG_STREAMING_CONFIG is set but empty'],
    ] as const) {
      const run = await inProcess(['plan'], { ...extra, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', OKTA_API_TOKEN: 'z' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stdout).not.toContain('planned');
      expect(terraformCalls()).toEqual([]);
    }
  });
});

describe('before terraform runs', () => {
  test('missing credentials and secret variables are named all at once, and terraform is not run', async () => {
    const run = await inProcess(['plan', '--config', path.join(root, 'examples', 'bronto.yaml')]);
    expect(run.stderr).toContain('TF_VAR_bronto_api_key (Bronto API key)');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('credentials missing; nothing was run');
    expect(run.stderr).toContain('Okta credentials: OKTA_API_TOKEN');
    expect(run.stderr).toContain('AWS credentials:');
    expect(terraformCalls()).toEqual([]);
  });

  test('--stack that is not there lists the stacks there are', async () => {
    const run = await inProcess(['plan', '--config', path.join(root, 'examples', 'bronto.yaml'), '--stack', 'okta-brnto'], { TF_VAR_bronto_api_key: 'set' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no stack named "okta-brnto"');
    expect(run.stderr).toContain('the stacks are: okta-bronto');
    expect(terraformCalls()).toEqual([]);
  });
});

describe('one command at a time', () => {
  test('plan --no-synth after synth --hcl says what to run instead of failing on a missing file', async () => {
    expect((await inProcess(['synth', '--hcl', '--config', path.join(root, 'examples', 'bronto.yaml')])).status).toBe(0);
    const run = await inProcess(['plan', '--no-synth'], { TF_VAR_bronto_api_key: 'set' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('holds native HCL from synth --hcl, which is for reading: run okta-log-streaming synth (Terraform JSON) first');
    expect(run.stderr).not.toContain('ENOENT');
    expect(terraformCalls()).toEqual([]);
  });

  test('a command that synthesizes first prints no "next:" hint of synth\'s (bootstrap is not told to bootstrap)', async () => {
    const run = await inProcess(['bootstrap', '--config', path.join(root, 'examples', 'bronto.yaml')], { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' });
    expect(`${run.stdout}${run.stderr}`).not.toContain('next:');
    expect(`${run.stdout}${run.stderr}`).toContain('synthesized 2 stack(s)');
  });
});

describe('progress', () => {
  test('a line as each stack starts and ends arrives while the run goes on', async () => {
    const fixture = new FixtureOutdir();
    try {
      fixture.writeStack('fast', 'ACTIVE');
      fixture.writeStack('slow', 'ACTIVE');
      const child = spawn(process.execPath, [bin, 'plan', '--no-synth'], { cwd: root, env: { ...env(), CDKTF_OUTDIR: fixture.outdir } });
      let seen = '';
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      // The fast stack's result is out while the slow one still plans.
      const deadline = Date.now() + 20_000;
      while (!seen.includes('✓ fast: Plan: 1 to add') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(seen).toContain('okta-log-streaming: slow: terraform init and plan…');
      expect(seen).toContain('✓ fast: Plan: 1 to add');
      expect(child.exitCode).toBeNull();
      expect(seen).not.toContain('✓ slow');
      fs.writeFileSync(path.join(workspace, 'go'), '');
      expect(await exited).toBe(0);
      expect(seen.trimEnd().split('\n').pop()).toMatch(/^okta-log-streaming: plan: 2 stacks planned/);
    } finally {
      fixture.remove();
    }
  }, 30_000);
});

describe('failure is never reported as success', () => {
  test('a failing init: exit 1, a ✗ line with Terraform\'s error, and a last line that says so', () => {
    const fixture = new FixtureOutdir();
    try {
      fixture.writeStack('broken', 'ACTIVE', { terraform: { backend: { nowhere: {} } } });
      const run = spawnSync(process.execPath, [bin, 'plan', '--no-synth'], { cwd: root, env: { ...terraformEnv, CDKTF_OUTDIR: fixture.outdir }, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^✗ broken: terraform init failed: Error: /m);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/✓|planned;|plans saved/);
      expect(run.stderr.trimEnd().split('\n').pop()).toBe('okta-log-streaming: plan: 1 of 1 stack could not be planned (broken: see the ✗ lines above); no plan of theirs was saved');
    } finally {
      fixture.remove();
    }
  });
});

describe('--version', () => {
  test('prints the package version', () => {
    const run = tool(['--version']);
    expect({ status: run.status, out: run.stdout.trim() }).toEqual({ status: 0, out: (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version });
  });
});
