import * as fs from 'fs';
import * as path from 'path';
import { refusal } from '../../cli/apply';
import { run as tool } from '../../cli/okta-log-streaming';
import { detectDrift } from '../../cli/drift';
import { configDigest, FINGERPRINT_FILE } from '../../cli/plan';
import { capturedUntimed } from '../helpers/output';
import { S3Loopback, startS3Loopback } from '../helpers/s3-loopback';
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
    expect(lines[lines.length - 1]).toBe('okta-log-streaming: bootstrap: the state bucket exists. Next: okta-log-streaming plan');
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

  test('prints the role ARNs to set as repository variables', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket', {
      output: { aws_plan_role_arn: { value: 'arn:aws:iam::123456789012:role/okta-log-streaming-ci/okta-log-streaming-plan' }, state_bucket_arn: { value: 'arn:aws:s3:::b' } },
    });
    const { lines, output } = capture();
    expect(await tool(['bootstrap', '--no-synth', '--auto-approve'], env(), output)).toBe(0);
    expect(lines).toContain('Set these repository variables (GitHub: Settings → Secrets and variables → Actions → Variables):');
    expect(lines).toContain('  AWS_PLAN_ROLE_ARN=arn:aws:iam::123456789012:role/okta-log-streaming-ci/okta-log-streaming-plan');
    expect(lines.join('\n')).not.toContain('STATE_BUCKET_ARN');
  });

  test('says how to get a state bucket stack when the config has none', async () => {
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const { err, output } = capture();
    expect(await tool(['bootstrap', '--no-synth'], env(), output)).toBe(1);
    expect(err[0]).toContain('set backend.bootstrap: true');
  });
});

describe('okta-log-streaming bootstrap: the stack\'s own state goes into the bucket it creates', () => {
  let project: FixtureOutdir;
  let s3: S3Loopback;
  beforeEach(async () => {
    project = new FixtureOutdir(true);
    s3 = await startS3Loopback();
    project.writeStack('okta-log-streaming-state', 'bucket', { terraform: { backend: { s3: s3Backend(s3) } } });
  });
  afterEach(async () => {
    project.remove();
    await s3.close();
  });
  // The S3 backend needs AWS credentials to be named (checked before Terraform runs); the loopback takes any.
  const projectEnv = () => ({ ...terraformEnv, CDKTF_OUTDIR: project.outdir, AWS_ACCESS_KEY_ID: 'AKIALOOPBACK', AWS_SECRET_ACCESS_KEY: 'loopback' });
  const stateDir = () => path.join(project.outdir, 'stacks', 'okta-log-streaming-state');
  const localState = () => path.join(path.dirname(project.outdir), 'terraform-state', 'okta-log-streaming-state.tfstate');
  const inBucket = () => s3.buckets.get('tfstate')?.get('prod/okta-log-streaming-state.tfstate');

  test('first run: no bucket yet, so the plan and apply run on a local state, which then moves into the bucket', async () => {
    const { lines, output } = capture();
    // Applying is what creates the bucket: the loopback S3 has it from the approval on.
    const ask = async () => (s3.buckets.set('tfstate', new Map()), 'yes');
    expect(await tool(['bootstrap', '--no-synth'], projectEnv(), output, { ask })).toBe(0);
    expect(lines).toContain('✓ okta-log-streaming-state: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(lines.join('\n')).toContain('okta-log-streaming-state: moved its state into s3://tfstate/prod/okta-log-streaming-state.tfstate');
    expect(JSON.parse(inBucket()!.toString('utf8')).resources.map((r: { type: string }) => r.type)).toEqual(['terraform_data']);
    expect(fs.existsSync(localState())).toBe(false);
    expect(fs.existsSync(`${localState()}.migrated`)).toBe(true);
    expect(fs.existsSync(path.join(stateDir(), 'backend_override.tf.json'))).toBe(false);
    // Run again, from the bucket: nothing to change.
    const again = capture();
    expect(await tool(['bootstrap', '--no-synth'], projectEnv(), again.output)).toBe(0);
    expect(again.lines).toContain('✓ okta-log-streaming-state: No changes: the state bucket is there as configured');
    expect(again.lines).toContain('This stack\'s own state is in s3://tfstate/prod/okta-log-streaming-state.tfstate, beside the others: bootstrap runs from anywhere, CI included.');
  });

  test('first run, not approved: nothing is made, no state anywhere, no override left behind', async () => {
    const { err, output } = capture();
    expect(await tool(['bootstrap', '--no-synth'], projectEnv(), output, { ask: async () => 'no' })).toBe(1);
    expect(err[err.length - 1]).toBe('okta-log-streaming: bootstrap: nothing applied');
    expect(fs.existsSync(localState())).toBe(false);
    expect(fs.existsSync(path.join(stateDir(), 'backend_override.tf.json'))).toBe(false);
  });

  test('a local state from an earlier version moves into the bucket before anything is planned', async () => {
    // What an earlier version left: the stack applied on terraform-state/okta-log-streaming-state.tfstate.
    project.writeStack('okta-log-streaming-state', 'bucket', { terraform: { backend: { local: { path: path.relative(stateDir(), localState()) } } } });
    fs.mkdirSync(path.dirname(localState()), { recursive: true });
    project.terraform('okta-log-streaming-state', 'init', '-input=false', '-no-color');
    project.terraform('okta-log-streaming-state', 'apply', '-auto-approve', '-input=false', '-no-color');
    fs.rmSync(path.join(stateDir(), '.terraform'), { recursive: true });
    project.writeStack('okta-log-streaming-state', 'bucket', { terraform: { backend: { s3: s3Backend(s3) } } });
    s3.buckets.set('tfstate', new Map());
    const { lines, output } = capture();
    expect(await tool(['bootstrap', '--no-synth'], projectEnv(), output)).toBe(0);
    expect(lines[0]).toBe(`okta-log-streaming-state: moved ${localState()} into s3://tfstate/prod/okta-log-streaming-state.tfstate (the local copy is ${localState()}.migrated: delete it)`);
    // What was applied is known in the bucket: nothing to change, nothing created twice.
    expect(lines).toContain('✓ okta-log-streaming-state: No changes: the state bucket is there as configured');
    expect(inBucket()).toBeDefined();
  });

  test('a local state that cannot be moved (no bucket) stays where it is, and nothing is applied', async () => {
    fs.mkdirSync(path.dirname(localState()), { recursive: true });
    fs.writeFileSync(localState(), '{"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "x", "outputs": {}, "resources": []}');
    const { lines, err, output } = capture();
    expect(await tool(['bootstrap', '--no-synth', '--auto-approve'], projectEnv(), output)).toBe(1);
    expect(fs.existsSync(localState())).toBe(true);
    expect(lines.join('\n')).toMatch(/^✗ okta-log-streaming-state: the local state \S+ could not be moved into the bucket, and is still there: terraform init failed: .*S3 bucket "tfstate" does not exist/s);
    expect(err[err.length - 1]).toBe('okta-log-streaming: bootstrap: nothing was applied');
    expect(fs.existsSync(path.join(stateDir(), 'backend_override.tf.json'))).toBe(false);
  });
});

/** The S3 backend as synthesized, pointed at the loopback S3 (path-style, fake credentials, one retry). */
function s3Backend(s3: S3Loopback): Record<string, unknown> {
  return {
    bucket: 'tfstate',
    key: 'prod/okta-log-streaming-state.tfstate',
    region: 'eu-west-1',
    encrypt: true,
    use_lockfile: true,
    endpoints: { s3: s3.endpoint },
    use_path_style: true,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    skip_s3_checksum: true,
    access_key: 'AKIALOOPBACK',
    secret_key: 'loopback',
    max_retries: 1,
  };
}
