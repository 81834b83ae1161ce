/**
 * Drift detection, for real: terraform 1.11.4 plans fixture stacks that use only the built-in
 * terraform_data resource and a local backend, after a real apply.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { detectDrift, exitCode, formatVerdict, StackVerdict } from '../../cli/drift';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

const root = path.join(__dirname, '..', '..');
const env = terraformEnv;

let fixture: FixtureOutdir;
let outdir: string;
beforeEach(() => {
  fixture = new FixtureOutdir();
  outdir = fixture.outdir;
});
afterEach(() => fixture.remove());

const writeStack = (name: string, input: string, extra: Record<string, unknown> = {}) => fixture.writeStack(name, input, extra);
const applied = (name: string, input: string) => fixture.applied(name, input);

describe('drift detection with terraform', () => {
  test('terraform 1.11.4 is the one on PATH', async () => {
    const version = spawnSync('terraform', ['version', '-json'], { env, encoding: 'utf8' });
    expect(JSON.parse(version.stdout).terraform_version).toBe('1.11.4');
  });

  test('an applied, unchanged stack is clean: exit 0', async () => {
    applied('stream', 'ACTIVE');
    const verdicts = await detectDrift({ outdir, env });
    expect(verdicts).toEqual([{ stack: 'stream', status: 'clean' }]);
    expect(exitCode(verdicts)).toBe(0);
  });

  test('a stack whose state no longer matches is drift: exit 2, with the drifted address', async () => {
    applied('stream', 'ACTIVE');
    // Okta deactivated the stream: state and code now disagree about it.
    writeStack('stream', 'INACTIVE');
    const verdicts = await detectDrift({ outdir, env });
    expect(verdicts).toEqual([{ stack: 'stream', status: 'drift', addresses: ['terraform_data.stream_status (update)'] }]);
    expect(exitCode(verdicts)).toBe(2);
    expect(formatVerdict(verdicts[0])).toBe('stream: drift: terraform_data.stream_status (update)');
  });

  test('a stack that cannot be planned is an error: exit 1, with Terraform\'s message', async () => {
    applied('stream', 'ACTIVE');
    writeStack('stream', '${terraform_data.missing.output}');
    const verdicts = await detectDrift({ outdir, env });
    expect(verdicts).toEqual([{ stack: 'stream', status: 'error', message: expect.stringContaining('Reference to undeclared resource') }]);
    expect(exitCode(verdicts)).toBe(1);
  });

  test('one line per stack; an error outranks drift, drift outranks clean', async () => {
    applied('clean-stack', 'ACTIVE');
    applied('drifted-stack', 'ACTIVE');
    writeStack('drifted-stack', 'INACTIVE');
    const verdicts = await detectDrift({ outdir, env });
    expect(verdicts.map(formatVerdict)).toEqual(['clean-stack: clean', 'drifted-stack: drift: terraform_data.stream_status (update)']);
    expect(exitCode(verdicts)).toBe(2);
    writeStack('broken-stack', 'x', { output: { o: { value: '${var.undeclared}' } } });
    expect(exitCode(await detectDrift({ outdir, env }))).toBe(1);
  });

  test('okta-log-streaming drift --no-synth, as a process: progress on stderr, the verdict and a summary on stdout, exit 2', async () => {
    applied('stream', 'ACTIVE');
    writeStack('stream', 'INACTIVE');
    const run = spawnSync(process.execPath, ['cli/bin.js', 'drift', '--no-synth'], { cwd: root, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
    expect(run.stdout.replace(/ \(\d+ s\)/, '').trim().split('\n')).toEqual(['✗ stream: drift: terraform_data.stream_status (update)']);
    expect(run.stderr.trim().split('\n')).toEqual([
      'okta-log-streaming: stream: terraform plan (read-only, no state lock)…',
      'okta-log-streaming: drift: 0 clean, 1 drifted, 0 could not be checked, of 1 stack (see the ✗ lines above)',
    ]);
    expect(run.status).toBe(2);
    const json = spawnSync(process.execPath, ['cli/bin.js', 'drift', '--no-synth', '--json'], { cwd: root, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
    expect(JSON.parse(json.stdout)).toEqual({ stacks: [{ stack: 'stream', status: 'drift', addresses: ['terraform_data.stream_status (update)'] }] });
  });

  test('a missing terraform is an error per stack, not a crash', async () => {
    writeStack('stream', 'ACTIVE');
    const verdicts: StackVerdict[] = await detectDrift({ outdir, env, terraform: path.join(outdir, 'no-terraform-here') });
    expect(verdicts).toEqual([{ stack: 'stream', status: 'error', message: expect.stringContaining('cannot run') }]);
  });

  test('fails clearly when nothing was synthesized', async () => {
    fs.rmSync(path.join(outdir, 'manifest.json'), { force: true });
    await expect(detectDrift({ outdir, env })).rejects.toThrow('manifest.json not found: synthesize first');
  });
});
