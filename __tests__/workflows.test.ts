/**
 * The GitHub Actions workflows: valid by the workflow schema (action-validator), and holding to the
 * pipeline rules — OIDC instead of keys, terraform's own exit codes, approval before apply, a
 * scheduled drift check, and only npm scripts that exist.
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const root = path.join(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yml'));
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
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

describe('workflows', () => {
  test('there are the pull-request, apply and drift workflows', () => {
    expect(files.sort()).toEqual(['apply.yml', 'drift.yml', 'pull-request.yml']);
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

  test.each(allJobs)('%s: the first step after checkout checks every variable and secret the job reads, by name', (name, job) => {
    const file = name.split(':')[0];
    const text = JSON.stringify({ job, env: (parse(workflows[file].text) as { env?: unknown }).env });
    const used = [...new Set([...text.matchAll(/\b(vars|secrets)\.([A-Z0-9_]+)/g)].map((m) => `${m[1]}:${m[2]}`))].sort();
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

  test.each(allJobs.filter(([name]) => !name.endsWith(': test')))('%s: secret variables are exported by name from the repository secrets before Terraform runs, none listed by hand', (_name, job) => {
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

  test('pull requests run the tests, then plan every stack and post the summary', () => {
    const { on, jobs } = parsed('pull-request.yml');
    expect(Object.keys(on)).toEqual(['pull_request']);
    expect(jobs.test.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test']);
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
