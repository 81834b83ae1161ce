import * as fs from 'fs';
import * as path from 'path';
import { refusal } from '../../cli/apply';
import { run as tool } from '../../cli/okta-log-streaming';
import { detectDrift } from '../../cli/drift';
import { configDigest, FINGERPRINT_FILE } from '../../cli/plan';
import { capturedUntimed } from '../helpers/output';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

let fixture: FixtureOutdir;
beforeEach(() => (fixture = new FixtureOutdir()));
afterEach(() => fixture.remove());

const capture = capturedUntimed;
const env = () => ({ ...terraformEnv, CDKTF_OUTDIR: fixture.outdir });
const stackDir = (name: string) => path.join(fixture.outdir, 'stacks', name);
const plan = async () => expect(await tool(['plan', '--no-synth'], env(), capture().output)).toBe(0);

describe('okta-log-streaming apply', () => {
  test('applies the reviewed plans in order, once; then nothing drifts', async () => {
    fixture.writeStack('first', 'ACTIVE');
    fixture.writeStack('second', 'ACTIVE');
    await plan();
    const { lines, err, output } = capture();
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(0);
    expect(lines).toEqual(['✓ first: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.', '✓ second: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.', 'okta-log-streaming: apply: 2 stacks applied']);
    expect(err).toEqual([
      'okta-log-streaming: first: terraform init…',
      'okta-log-streaming: second: terraform init…',
      'okta-log-streaming: first: terraform apply of its saved plan…',
      'okta-log-streaming: second: terraform apply of its saved plan…',
    ]);
    expect((await detectDrift({ outdir: fixture.outdir, env: terraformEnv })).map((v) => v.status)).toEqual(['clean', 'clean']);
    // Applied plans are gone: a second apply needs a new review.
    expect(await tool(['apply', '--no-synth'], env(), capture().output)).toBe(1);
  });

  test('refuses a stack without a saved plan, and applies nothing', async () => {
    fixture.writeStack('planned', 'ACTIVE');
    await plan();
    fixture.writeStack('unplanned', 'ACTIVE');
    const { lines, err, output } = capture();
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(1);
    expect(lines).toEqual(['✗ unplanned: no saved plan: run okta-log-streaming plan, review it, then apply']);
    expect(err).toEqual(['okta-log-streaming: apply: 1 stack refused (above); nothing was applied']);
    expect((await detectDrift({ outdir: fixture.outdir, env: terraformEnv })).map((v) => v.status)).toEqual(['drift', 'drift']);
  });

  test('refuses a change made after the review: the reviewed plan or nothing, never the new config', async () => {
    fixture.writeStack('stream', 'ACTIVE');
    await plan();
    fixture.writeStack('stream', 'CHANGED-AFTER-REVIEW');
    const { lines, output } = capture();
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(1);
    expect(lines).toEqual(['✗ stream: its synthesized config changed since the plan was made: plan again and review']);
    // A config that now synthesizes differently, as apply finds by synthesizing it afresh.
    fixture.writeStack('stream', 'ACTIVE');
    await plan();
    expect(refusal({ name: 'stream', dir: stackDir('stream') }, new Date(), 24, new Map([['stream', 'another digest']]))).toBe(
      'the config now synthesizes differently from what was planned (a change after review): plan again and review',
    );
    expect(refusal({ name: 'stream', dir: stackDir('stream') }, new Date(), 24, new Map())).toBe('the config no longer has this stack: plan again and review');
  });

  test('refuses a plan older than the limit', async () => {
    fixture.writeStack('stream', 'ACTIVE');
    await plan();
    const file = path.join(stackDir('stream'), FINGERPRINT_FILE);
    const fingerprint = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...fingerprint, plannedAt: new Date(Date.now() - 30 * 3_600_000).toISOString() }));
    const { lines, output } = capture();
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(1);
    expect(lines[0]).toMatch(/^✗ stream: the plan is stale: made 30\.0 hours ago \(at most 24\)/);
    expect(await tool(['apply', '--no-synth', '--max-plan-age-hours', '48'], env(), capture().output)).toBe(0);
  });

  test('a plan whose state changed since is refused by Terraform, with its whole diagnostic', async () => {
    fixture.writeStack('stream', 'ACTIVE');
    await plan();
    // Someone applied in between: the state the plan was made against is gone.
    fixture.terraform('stream', 'apply', '-auto-approve', '-input=false', '-no-color');
    const { lines, err, output } = capture();
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(1);
    expect(lines.join('\n')).toMatch(/^✗ stream: terraform apply failed: Error: Saved plan is stale\n\n {4}The given plan file can no longer be applied because the state was changed by\n {4}another operation/);
    expect(err[err.length - 1]).toBe('okta-log-streaming: apply: stream failed (above)');
  });

  test('an unreachable backend stops the run before any stack is applied, naming the bootstrap step', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    fixture.writeStack('first', 'ACTIVE');
    fixture.writeStack('second', 'ACTIVE');
    await plan();
    // The second stack's backend cannot be initialized: a backend type Terraform does not have.
    const config = JSON.parse(fs.readFileSync(path.join(stackDir('second'), 'cdk.tf.json'), 'utf8'));
    fs.writeFileSync(path.join(stackDir('second'), 'cdk.tf.json'), JSON.stringify({ ...config, terraform: { backend: { nowhere: {} } } }));
    fs.rmSync(path.join(stackDir('second'), '.terraform'), { recursive: true, force: true });
    const { lines, err, output } = capture();
    // Fingerprinted as planned, so only the backend stands in the way.
    const file = path.join(stackDir('second'), FINGERPRINT_FILE);
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), config: configDigest(stackDir('second')) }));
    expect(await tool(['apply', '--no-synth'], env(), output)).toBe(1);
    const text = lines.join('\n');
    expect(text).toMatch(/^✗ second: terraform init failed: Error: /);
    expect(text).toContain('Create it first: okta-log-streaming bootstrap');
    expect(err[err.length - 1]).toBe('okta-log-streaming: apply: second could not be initialized; nothing was applied');
    expect((await detectDrift({ outdir: fixture.outdir, env: terraformEnv })).find((v) => v.stack === 'first')?.status).toBe('drift');
  });
});

describe('okta-log-streaming bootstrap', () => {
  test('with --auto-approve: shows the plan, then applies exactly it, for the state bucket stack alone', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const { lines, output } = capture();
    expect(await tool(['bootstrap', '--no-synth', '--auto-approve'], env(), output)).toBe(0);
    expect(lines.join('\n')).toContain('terraform_data.stream_status will be created');
    expect(lines).toContain('✓ okta-log-streaming-state: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(lines[lines.length - 1]).toContain('terraform-state/okta-log-streaming-state.tfstate');
    expect(fs.existsSync(path.join(stackDir('okta-log-streaming-state'), 'terraform.tfstate'))).toBe(true);
    expect(fs.existsSync(path.join(stackDir('okta-bronto'), 'terraform.tfstate'))).toBe(false);
    // Run again: nothing to change, nothing to approve.
    const again = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), again.output)).toBe(0);
    expect(again.lines).toContain('✓ okta-log-streaming-state: No changes: the state bucket is there as configured');
  });

  test('without --auto-approve and no one to ask (CI): the plan, then nothing applied, exit 1', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    const { lines, err, output } = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), output)).toBe(1);
    expect(lines.join('\n')).toContain('terraform_data.stream_status will be created');
    expect(lines).toContain('✗ okta-log-streaming-state: not applied: no terminal to ask (CI), and no --auto-approve');
    expect(err[err.length - 1]).toBe('okta-log-streaming: bootstrap: plan shown above, nothing applied; run again with --auto-approve to apply it');
    expect(fs.existsSync(path.join(stackDir('okta-log-streaming-state'), 'terraform.tfstate'))).toBe(false);
  });

  test('asked on a terminal: only "yes" applies', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    const questions: string[] = [];
    const refused = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), refused.output, { ask: async (q) => (questions.push(q), 'y') })).toBe(1);
    expect(questions).toEqual(['Apply this plan? Only "yes" will be accepted: ']);
    expect(fs.existsSync(path.join(stackDir('okta-log-streaming-state'), 'terraform.tfstate'))).toBe(false);
    const approved = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), approved.output, { ask: async () => 'yes' })).toBe(0);
    expect(approved.lines).toContain('✓ okta-log-streaming-state: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  });

  test('says how to get a state bucket stack when the config has none', async () => {
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const { err, output } = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), output)).toBe(1);
    expect(err[0]).toContain('set backend.bootstrap: true');
  });
});
