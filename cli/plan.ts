/**
 * `okta-log-streaming plan`: synthesizes, checks every secret variable and the credentials, then
 * plans every stack (a few at a time; a line as each starts and ends), saving <stack>/tfplan with a
 * fingerprint of the synthesized stack it was made from, and writes a Markdown summary to
 * <outdir>/plan-summary.md for the pull request. `apply` applies exactly these plans. Exit 1 when
 * any stack cannot be planned, else 0. Flags: cli/commands.ts.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Context } from './command';
import { credentialsPresent } from './credentials';
import { Reporter, stacks as stacks_ } from './output';
import { preflight } from './preflight';
import { DEFAULT_PARALLELISM, failed, init, inOrder, lockOptions, LockOptions, pipelineStacks, synthesizeUnlessAsked, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';

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
    const error = failed('plan', plan, stack, locks);
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

export async function runPlan({ values, env, output }: Context): Promise<number> {
  const reporter = new Reporter(output, { json: values.json === true });
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  try {
    const stacks = pipelineStacks(outdir, values.stack as string[] | undefined);
    // Both checks, so everything missing is named at once.
    const variablesSet = preflight(outdir, env, output, stacks.map((s) => s.name));
    if (!credentialsPresent(stacks, env, values['instance-metadata'] === true, reporter) || !variablesSet) return 1;
    const runEnv = terraformEnvironment(env);
    const locks = lockOptions(values.lockfile as string | undefined, env);
    const plans = await inOrder(stacks, (values.parallel as number | undefined) ?? DEFAULT_PARALLELISM, async (stack) => {
      reporter.stackStarted(stack.name, 'terraform init and plan');
      const plan = await planStack(stack, runEnv, locks);
      reporter.stackFinished(stack.name, plan.ok, plan.summary);
      return plan;
    });
    const summaryFile = path.join(outdir, 'plan-summary.md');
    fs.writeFileSync(summaryFile, planMarkdown(plans));
    if (values.json === true) output.out(JSON.stringify({ stacks: plans.map(({ stack, ok, summary }) => ({ stack, ok, summary })), summary: summaryFile }, null, 2));
    const failed = plans.filter((p) => !p.ok);
    if (failed.length > 0) {
      reporter.summary(false, `plan: ${failed.length} of ${stacks_(plans.length)} could not be planned (${failed.map((p) => p.stack).join(', ')}: see the ✗ lines above); no plan of theirs was saved`);
      return 1;
    }
    reporter.summary(true, `plan: ${stacks_(plans.length)} planned; plans saved per stack (tfplan), summary in ${summaryFile}. Review, then okta-log-streaming apply applies exactly these plans.`);
    return 0;
  } catch (error) {
    reporter.summary(false, `plan failed: ${(error as Error).message}`);
    return 1;
  }
}
