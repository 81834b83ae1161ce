/**
 * The GitHub Actions workflows: valid by the workflow schema (action-validator), and holding to the
 * pipeline rules — OIDC instead of keys, terraform's own exit codes, approval before apply, a
 * scheduled drift check, and only npm scripts that exist — and the release workflow's checks,
 * least privilege and publishing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const root = path.join(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yml'));
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  steps: Step[];
  permissions?: Record<string, string>;
  environment?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflows = Object.fromEntries(files.map((f) => [f, { text: fs.readFileSync(path.join(dir, f), 'utf8') }])) as Record<string, { text: string }>;
const parsed = (file: string) => parse(workflows[file].text) as Workflow;
const allJobs = files.flatMap((f) => Object.entries(parsed(f).jobs).map(([name, job]) => [`${f}: ${name}`, job] as const));
// The release's npm job reads NPM_TOKEN, optional by design: unset, the job publishes nothing and says so (tested below).
const optionalSecrets = (name: string) => name === 'release.yml: npm';
/** Inputs a job reads that may be unset (the probe reads Datadog back only when both keys are given). */
const OPTIONAL_INPUTS: Record<string, string[]> = { 'probe.yml: probe': ['secrets:DATADOG_PROBE_API_KEY', 'secrets:DATADOG_PROBE_APP_KEY'] };
// The release workflow runs no Terraform stack (it plans and applies nothing), nor does the probe (it reads what the stacks made): no secret variables to export.
const runsStacks = (name: string) => !name.endsWith(': test') && !name.startsWith('release.yml: ') && !name.startsWith('probe.yml: ');

describe('workflows', () => {
  test('there are the pull-request, apply, drift, probe and release workflows', () => {
    expect(files.sort()).toEqual(['apply.yml', 'drift.yml', 'probe.yml', 'pull-request.yml', 'release.yml']);
  });

  test('the probe runs by hand after an apply, and writes its table to the job summary', () => {
    const { on, jobs } = parsed('probe.yml');
    expect(Object.keys(on)).toEqual(['workflow_dispatch']);
    const runs = jobs.probe.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm run --silent probe -- "${args[@]}" > probe.txt');
    expect(runs).toContain('cat probe.txt; echo \'```\'');
    expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain('exit $code');
    // Nothing that changes infrastructure.
    expect(runs).not.toMatch(/npm run (--silent )?(plan|apply|bootstrap)/);
    // Datadog is read back when the repository has the two keys (optional: an unset secret is empty).
    expect(jobs.probe.env).toMatchObject({ DD_API_KEY: '${{ secrets.DATADOG_PROBE_API_KEY }}', DD_APP_KEY: '${{ secrets.DATADOG_PROBE_APP_KEY }}' });
  });

  test.each(files)('%s is valid by the GitHub workflow schema', (file) => {
    const result = validateWorkflow(workflows[file].text) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  test('the validator does reject a broken workflow', () => {
    const result = validateWorkflow('on: pushy\njobs:\n  a:\n    runs-onn: ubuntu-latest\n') as { errors: unknown[] };
    expect(result.errors.length).toBeGreaterThan(0);
  });

  test.each(allJobs)('%s: Node 24, the current LTS (Node 20 reached end of life on 2026-04-30)', (_name, job) => {
    for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/setup-node'))) expect(step.with?.['node-version']).toBe(24);
  });

  test.each(allJobs.filter(([name]) => !optionalSecrets(name)))('%s: the first step after checkout checks every variable and secret the job reads, by name', (name, job) => {
    const file = name.split(':')[0];
    const text = JSON.stringify({ job, env: (parse(workflows[file].text) as { env?: unknown }).env });
    const used = [...new Set([...text.matchAll(/\b(vars|secrets)\.([A-Z0-9_]+)/g)].map((m) => `${m[1]}:${m[2]}`))].filter((input) => !(OPTIONAL_INPUTS[name] ?? []).includes(input)).sort();
    // A job that reads none itself (the tests) needs none of the workflow's.
    if (!/\b(vars|secrets)\./.test(JSON.stringify(job))) return;
    const guard = job.steps[1];
    expect(job.steps[0].uses).toMatch(/^actions\/checkout@/);
    expect(guard.run).toMatch(/^bash scripts\/ci\/check-inputs\.sh /);
    expect(guard.run!.split(' ').slice(2).sort()).toEqual(used);
  });

  test.each(files)('%s: one run at a time per group', (file) => {
    expect((parse(workflows[file].text) as { concurrency?: { group?: string } }).concurrency?.group).toEqual(expect.any(String));
  });

  test('the plan comment and the drift issue are the steps scripts/ci tests against a loopback GitHub', () => {
    expect(parsed('pull-request.yml').jobs.plan.steps.some((s) => s.run === 'node scripts/ci/plan-comment.js cdktf.out/plan-summary.md')).toBe(true);
    expect(parsed('drift.yml').jobs.drift.steps.some((s) => s.run?.startsWith('node scripts/ci/drift-issue.js "${{ steps.drift.outputs.code }}"'))).toBe(true);
  });

  test.each(allJobs)('%s: terraform 1.11.4 without the wrapper that rewrites exit codes', (_name, job) => {
    for (const step of job.steps.filter((s) => s.uses?.startsWith('hashicorp/setup-terraform'))) {
      expect(step.with).toMatchObject({ terraform_version: '1.11.4', terraform_wrapper: false });
    }
  });

  test.each(allJobs)('%s: AWS access only through OIDC role assumption', (_name, job) => {
    const aws = job.steps.filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    for (const step of aws) {
      expect(Object.keys(step.with ?? {}).sort()).toEqual(['aws-region', 'role-to-assume']);
      expect(job.permissions?.['id-token']).toBe('write');
    }
    expect(JSON.stringify(job)).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/);
  });

  test.each(allJobs)('%s: secrets come from repository secrets, never literals', (_name, job) => {
    for (const [key, value] of Object.entries(job.env ?? {})) {
      if (/^(OKTA_API_TOKEN|TF_VAR_)/.test(key)) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    }
  });

  test.each(allJobs.filter(([name]) => runsStacks(name)))('%s: secret variables are exported by name from the repository secrets before Terraform runs, none listed by hand', (_name, job) => {
    expect(Object.keys(job.env ?? {}).filter((key) => key.startsWith('TF_VAR_'))).toEqual([]);
    const runs = job.steps.map((s) => s.run ?? '');
    const exportAt = runs.findIndex((r) => r.includes('npm run --silent export-secrets'));
    expect(exportAt).toBeGreaterThanOrEqual(0);
    expect(job.steps[exportAt].env?.SECRETS).toBe('${{ toJSON(secrets) }}');
    const terraformAt = runs.findIndex((r) => /npm run (--silent )?(plan|apply|drift)/.test(r));
    expect(terraformAt).toBeGreaterThan(exportAt);
    expect(job.steps.some((s) => s.uses?.startsWith('actions/cache') && s.with?.path === '.terraform-plugin-cache')).toBe(true);
  });

  test.each(allJobs)('%s: every npm script it runs exists', (_name, job) => {
    for (const step of job.steps.filter((s) => s.run)) {
      for (const [, script] of step.run!.matchAll(/npm run (?:--silent )?([a-z:-]+)/g)) expect(scripts).toContain(script);
    }
  });

  test('pull requests run the tests (the published HCL\'s too), then plan every stack and post the summary', () => {
    const { on, jobs } = parsed('pull-request.yml');
    expect(Object.keys(on)).toEqual(['pull_request']);
    expect(jobs.test.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test', 'npm run test:modules']);
    expect(jobs.plan.steps.map((s) => s.run)).toContain('npm run plan -- --no-synth');
    expect(jobs.plan.permissions).toMatchObject({ 'pull-requests': 'write' });
    expect(jobs.plan.steps.some((s) => s.run === 'node scripts/ci/plan-comment.js cdktf.out/plan-summary.md')).toBe(true);
  });

  test('main applies only through the production environment (required reviewers), one apply at a time', () => {
    const workflow = parse(workflows['apply.yml'].text) as Workflow & { concurrency: { 'cancel-in-progress': boolean } };
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.jobs.apply.environment).toBe('production');
    expect(workflow.jobs.apply.steps.map((s) => s.run)).toContain('npm run apply');
    // Reviewed = applied: the plan job's saved plans travel to the apply job, which never plans anew.
    expect((workflow.jobs.apply as { needs?: string }).needs).toBe('plan');
    expect(workflow.jobs.plan.steps.map((s) => s.run)).toContain('npm run plan -- --no-synth');
    expect(workflow.jobs.plan.steps.some((s) => s.uses?.startsWith('actions/upload-artifact') && s.with?.name === 'reviewed-plans')).toBe(true);
    expect(workflow.jobs.apply.steps.some((s) => s.uses?.startsWith('actions/download-artifact') && s.with?.name === 'reviewed-plans')).toBe(true);
    expect(workflow.jobs.apply.steps.map((s) => s.run ?? '').join('\n')).not.toMatch(/npm run plan/);
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  test('drift detection runs on a schedule and fails (and opens an issue) on drift', () => {
    const { on, jobs } = parsed('drift.yml');
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }]);
    const runs = jobs.drift.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm run --silent drift');
    // After the drift step, the doctor's report goes to the job summary, and an unhealthy one fails the run.
    expect(runs.indexOf('npm run --silent doctor -- --no-synth')).toBeGreaterThan(runs.indexOf('npm run --silent drift'));
    expect(runs).toContain('doctor.txt; echo \'```\'; } >> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain('node scripts/ci/drift-issue.js');
    expect(jobs.drift.permissions).toMatchObject({ issues: 'write' });
  });
});

describe('release workflow', () => {
  const workflow = () => parse(workflows['release.yml'].text) as Workflow & { permissions: Record<string, string>; concurrency: { group: string; 'cancel-in-progress': boolean } };
  const jobs = () => workflow().jobs;
  const step = (job: string, match: (s: Step) => boolean) => {
    const found = jobs()[job].steps.find(match);
    if (!found) throw new Error(`release.yml: ${job}: no such step`);
    return found;
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-workflow-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  /** A step's script as the runner runs it (bash -e: GitHub's default shell; no rc files of this machine), with `commands` stood in by scripts that record their arguments. */
  /** `files`: empty files made in the step's working directory first. */
  function runStep(run: string, env: Record<string, string>, commands: string[] = [], files: string[] = []) {
    const bin = fs.mkdtempSync(path.join(work, 'bin-'));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(bin, file)), { recursive: true });
      fs.writeFileSync(path.join(bin, file), '');
    }
    const calls = path.join(bin, 'calls');
    for (const command of commands) fs.writeFileSync(path.join(bin, command), `#!/usr/bin/env bash\necho "${command} $*" >> "${calls}"\n`, { mode: 0o755 });
    const output = path.join(bin, 'github-output');
    fs.writeFileSync(output, '');
    const result = spawnSync('bash', ['--norc', '--noprofile', '-e', '-c', run], { env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output, ...env }, encoding: 'utf8', cwd: bin });
    return { status: result.status, text: `${result.stdout}${result.stderr}`, output: fs.readFileSync(output, 'utf8'), calls: fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '' };
  }

  test('runs on v* tags only, one release at a time, never cancelled', () => {
    const { on, concurrency } = workflow();
    expect(on).toEqual({ push: { tags: ['v*'] } });
    expect(concurrency).toEqual({ group: 'release', 'cancel-in-progress': false });
  });

  test('least privilege: read-only by default, contents: write for the release job alone, id-token: write for the npm job alone', () => {
    expect(workflow().permissions).toEqual({ contents: 'read' });
    expect(Object.fromEntries(Object.entries(jobs()).map(([name, job]) => [name, job.permissions]))).toEqual({
      checks: { contents: 'read' },
      release: { contents: 'write' },
      npm: { contents: 'read', 'id-token': 'write' },
    });
  });

  test('no step puts an expression into a script: the tag and the tokens reach scripts as environment variables', () => {
    for (const job of Object.values(jobs())) for (const s of job.steps) expect(s.run ?? '').not.toContain('${{');
  });

  test('checks: npm ci, npm test and the published HCL\'s tests, then the release check of the pushed tag (modules included), its notes kept for the release job', () => {
    const { checks } = jobs();
    expect(checks.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test', 'npm run test:modules', 'node scripts/release/check.js --tag "$TAG" --notes release-notes.md']);
    expect(step('checks', (s) => s.run?.startsWith('node scripts/release/check.js') === true).env).toEqual({ TAG: '${{ github.ref_name }}' });
    // modules --check formats with terraform fmt.
    expect(checks.steps.some((s) => s.uses?.startsWith('hashicorp/setup-terraform'))).toBe(true);
    expect(step('checks', (s) => s.uses?.startsWith('actions/upload-artifact') === true).with).toMatchObject({ name: 'release-notes', path: 'release-notes.md' });
  });

  test('release: after the checks, the assets the tests make, then gh release create of the existing tag with the notes and every asset', () => {
    const { release } = jobs();
    expect(release.needs).toBe('checks');
    expect(step('release', (s) => s.uses?.startsWith('actions/download-artifact') === true).with).toEqual({ name: 'release-notes' });
    const assets = step('release', (s) => s.run?.startsWith('bash scripts/release/assets.sh') === true);
    expect(assets).toMatchObject({ run: 'bash scripts/release/assets.sh --tag "$TAG" --out release-assets', env: { TAG: '${{ github.ref_name }}' } });
    const create = step('release', (s) => s.run?.includes('gh release create') === true);
    expect(create.env).toEqual({ TAG: '${{ github.ref_name }}', GH_TOKEN: '${{ github.token }}' });
    // What assets.sh writes: the tarball of terraform/, one archive per module, SHA256SUMS.
    const made = (tag: string) => [`okta-log-streaming-terraform-modules-${tag}.tar.gz`, `okta-log-streaming-bronto-${tag}.tar.gz`, `okta-log-streaming-oort-${tag}.tar.gz`, 'SHA256SUMS'].map((f) => `release-assets/${f}`);
    const uploaded = (tag: string) => [...made(tag).filter((f) => f.endsWith('.tar.gz')).sort(), 'release-assets/SHA256SUMS'].join(' ');
    expect(runStep(create.run!, { TAG: 'v0.1.0' }, ['gh'], made('v0.1.0')).calls).toBe(`gh release create v0.1.0 --verify-tag --title v0.1.0 --notes-file release-notes.md ${uploaded('v0.1.0')}\n`);
    expect(runStep(create.run!, { TAG: 'v1.0.0-rc.1+build.5' }, ['gh'], made('v1.0.0-rc.1+build.5')).calls).toBe(
      `gh release create v1.0.0-rc.1+build.5 --verify-tag --title v1.0.0-rc.1+build.5 --notes-file release-notes.md --prerelease ${uploaded('v1.0.0-rc.1+build.5')}\n`,
    );
    expect(runStep(create.run!, { TAG: 'v1.0.0+build-5' }, ['gh']).calls).not.toContain('--prerelease');
  });

  test('npm: after the release, published with provenance only when NPM_TOKEN is set; unset or blank, a notice and nothing published, the token never printed', () => {
    const { npm } = jobs();
    expect(npm.needs).toBe('release');
    const token = step('npm', (s) => s.id === 'token');
    expect(token.env).toEqual({ NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    const after = npm.steps.slice(npm.steps.findIndex((s) => s.id === 'token') + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(s.if).toBe("steps.token.outputs.set == 'true'");
    expect(step('npm', (s) => s.uses?.startsWith('actions/setup-node') === true).with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });

    for (const unset of ['', '  \n']) {
      const skipped = runStep(token.run!, { NPM_TOKEN: unset });
      expect(skipped).toMatchObject({ status: 0, output: 'set=false\n' });
      expect(skipped.text).toContain('::notice title=npm publish skipped::secret NPM_TOKEN is not set');
    }
    const secret = 'npm_SecretTokenNeverPrinted0123456789';
    const set = runStep(token.run!, { NPM_TOKEN: secret });
    expect(set).toEqual({ status: 0, text: '', output: 'set=true\n', calls: '' });

    const publish = step('npm', (s) => s.run?.includes('npm publish --provenance') === true);
    expect(publish.env).toEqual({ TAG: '${{ github.ref_name }}', NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    expect(runStep(publish.run!, { TAG: 'v0.1.0', NODE_AUTH_TOKEN: secret }, ['npm'])).toMatchObject({ status: 0, text: '', calls: 'npm publish --provenance --access public\n' });
    expect(runStep(publish.run!, { TAG: 'v0.2.0-rc.1', NODE_AUTH_TOKEN: secret }, ['npm']).calls).toBe('npm publish --provenance --access public --tag next\n');
  });
});
