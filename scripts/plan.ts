/**
 * `npm run plan`: synthesizes, checks every secret variable is set, then plans every stack (a few at
 * a time), saving <stack>/tfplan with a fingerprint of the synthesized stack it was made from, and
 * writes a Markdown summary to <outdir>/plan-summary.md for the pull request. `npm run apply` applies
 * exactly these plans. Exit 1 when any stack cannot be planned, else 0.
 *
 *   npm run plan                  # synthesize, then plan
 *   npm run plan -- --no-synth    # plan what is in cdktf.out/
 *   npm run plan -- --parallel 4  # four stacks at a time (default 2); output in manifest order
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { preflight } from './preflight';
import { errorText, indented, init, inOrder, lockOptions, LockOptions, parallelism, pipelineStacks, synthesizeUnlessAsked, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';

export interface StackPlan {
  readonly stack: string;
  /** Terraform's "Plan: …" or "No changes." line, or why the plan failed (whole). */
  readonly summary: string;
  readonly ok: boolean;
  /** The plan as `terraform show` renders it, or the whole error. */
  readonly details: string;
}

/** Saved beside tfplan: what the plan was made from, so apply can refuse anything else. */
export interface PlanFingerprint {
  readonly stack: string;
  /** sha256 of the synthesized cdk.tf.json. */
  readonly config: string;
  readonly plannedAt: string;
}

export const FINGERPRINT_FILE = 'tfplan.fingerprint.json';

export function configDigest(stackDir: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'))).digest('hex');
}

/** Plans one stack into <dir>/tfplan and fingerprints it. */
export async function planStack(stack: SynthesizedStack, env: NodeJS.ProcessEnv, locks: LockOptions): Promise<StackPlan> {
  const { name, dir } = stack;
  // An earlier plan must never outlive a failed one.
  for (const file of ['tfplan', FINGERPRINT_FILE]) fs.rmSync(path.join(dir, file), { force: true });
  const run = terraformIn(dir, env);
  const initError = await init(run, stack, locks);
  if (initError !== undefined) return { stack: name, ok: false, summary: initError, details: initError };
  const plan = await run('plan', '-input=false', '-no-color', '-out=tfplan');
  if (plan.status !== 0) {
    const error = `terraform plan failed: ${errorText(plan.stderr || plan.stdout)}`;
    return { stack: name, ok: false, summary: error, details: error };
  }
  const fingerprint: PlanFingerprint = { stack: name, config: configDigest(dir), plannedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, FINGERPRINT_FILE), `${JSON.stringify(fingerprint, null, 2)}\n`);
  const show = await run('show', '-no-color', 'tfplan');
  const summary = plan.stdout.split('\n').find((l) => /^(Plan: |No changes\.)/.test(l)) ?? 'Plan finished.';
  return { stack: name, ok: true, summary, details: show.stdout };
}

/** Markdown for a pull request comment: a line per stack (a failure's first line), each plan or whole error folded. Long plans are cut. */
export function planMarkdown(plans: readonly StackPlan[], maxDetail = 20_000): string {
  const lines = ['## okta-log-streaming plan', '', '| stack | plan |', '|---|---|'];
  for (const p of plans) lines.push(`| \`${p.stack}\` | ${p.ok ? '' : '**error** '}${p.summary.split('\n')[0].replace(/\|/g, '\\|')} |`);
  for (const p of plans.filter((x) => x.details)) {
    const detail = p.details.length > maxDetail ? `${p.details.slice(0, maxDetail)}\n… (cut; see the job log)` : p.details;
    lines.push('', `<details><summary>${p.stack}${p.ok ? '' : ' (error)'}</summary>`, '', '```', detail.trimEnd(), '```', '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

export async function runPlan(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(args, env, output)) return 1;
  try {
    if (!preflight(outdir, env, output)) return 1;
    const runEnv = terraformEnvironment(env);
    const locks = lockOptions(args, env);
    const plans = await inOrder(pipelineStacks(outdir), parallelism(args), (stack) => planStack(stack, runEnv, locks));
    const summaryFile = path.join(outdir, 'plan-summary.md');
    fs.writeFileSync(summaryFile, planMarkdown(plans));
    for (const p of plans) output.out(`${p.stack}: ${indented(p.summary)}`);
    output.out(`okta-log-streaming: plans saved per stack (tfplan); summary in ${summaryFile}. Review, then npm run apply applies exactly these plans.`);
    return plans.every((p) => p.ok) ? 0 : 1;
  } catch (error) {
    output.err(`okta-log-streaming: plan failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void runPlan(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => (process.exitCode = code));
}
