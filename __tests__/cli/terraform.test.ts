import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { errorText, init, inOrder, lockOptions, synthesizeUnlessAsked, terraformEnvironment, terraformIn } from '../../cli/terraform';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';
import { captured } from '../helpers/output';

let workspace: string;
beforeEach(() => (workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-test-'))));
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('synthesizeUnlessAsked', () => {
  test('synthesizes the configured stacks into CDKTF_OUTDIR before Terraform runs', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    expect(synthesizeUnlessAsked(false, { CDKTF_OUTDIR: outdir }, captured().output)).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf.json'))).toBe(true);
  });

  test('--no-synth leaves cdktf.out/ as it is', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    expect(synthesizeUnlessAsked(true, { CDKTF_OUTDIR: outdir }, captured().output)).toBe(true);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a config that does not synthesize stops the run, with the reason printed', () => {
    const { lines, output } = captured();
    const env = { CDKTF_OUTDIR: path.join(workspace, 'cdktf.out'), OKTA_LOG_STREAMING_CONFIG: path.join(workspace, 'missing.yaml') };
    expect(synthesizeUnlessAsked(false, env, output)).toBe(false);
    expect(lines.err.join('\n')).toContain('missing.yaml not found');
  });
});

describe('provider lock files', () => {
  const NULL_LOCK = 'provider "registry.terraform.io/hashicorp/null" {\n  version = "3.2.2"\n  hashes = ["h1:zT1ZbegaAYHwQa+QwIFugArWikRJI9dqohj8xb0GY88="]\n}\n';

  test('the kept lock is put in place before init; read-only (CI), init fails when the lock would change', async () => {
    const fixture = new FixtureOutdir();
    try {
      fixture.writeStack('stream', 'ACTIVE');
      const lockDir = path.join(workspace, 'locks');
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'stream.terraform.lock.hcl'), NULL_LOCK);
      const stack = { name: 'stream', dir: path.join(fixture.outdir, 'stacks', 'stream') };
      const run = terraformIn(stack.dir, terraformEnvironment(terraformEnv));
      const readonly = lockOptions(undefined, { CI: 'true', OKTA_LOG_STREAMING_LOCK_DIR: lockDir });
      expect(readonly).toEqual({ lockDir, readonly: true });
      // The fix first (the kept lock file is not committed: which file, which command makes it),
      // then Terraform's own diagnostic below it.
      const failure = (await init(run, stack, readonly))!;
      expect(failure).toMatch(new RegExp(`^terraform init failed: ${path.join(lockDir, 'stream.terraform.lock.hcl').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is missing or does not list every provider`));
      expect(failure).toContain('okta-log-streaming lock-files --config <your config> --stack stream');
      expect(failure.split('Terraform said:')[0]).not.toContain('-lockfile=readonly');
      expect(failure).toMatch(/\n\nTerraform said:\nError: Provider dependency changes detected\n\nChanges to the required provider dependencies were detected, but the lock\nfile is read-only/);
      expect(fs.readFileSync(path.join(lockDir, 'stream.terraform.lock.hcl'), 'utf8')).toBe(NULL_LOCK);
      // Outside CI the lock follows the configuration and is kept for the next run.
      expect(await init(run, stack, lockOptions(undefined, { OKTA_LOG_STREAMING_LOCK_DIR: lockDir }))).toBeUndefined();
      const kept = fs.readFileSync(path.join(lockDir, 'stream.terraform.lock.hcl'), 'utf8');
      expect(kept).toContain('maintained automatically by "terraform init"');
      expect(kept).not.toContain('hashicorp/null');
    } finally {
      fixture.remove();
    }
  });
});

describe('errorText', () => {
  test('keeps every error whole, summary and detail, without the box drawing', () => {
    const stderr = ['╷', '│ Error: First', '│ ', '│ its detail', '│ on two lines', '╵', '╷', '│ Warning: ignored', '╵', '╷', '│ Error: Second', '╵'].join('\n');
    expect(errorText(stderr)).toBe('Error: First\n\nits detail\non two lines\n\nError: Second');
  });
});

describe('inOrder', () => {
  test('runs at most the given number at once and keeps the input order', async () => {
    let running = 0;
    let most = 0;
    const results = await inOrder([30, 5, 20, 1, 10], 2, async (ms) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms;
    });
    expect(results).toEqual([30, 5, 20, 1, 10]);
    expect(most).toBe(2);
  });
});
