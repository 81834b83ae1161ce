/**
 * `npm run plan`: synthesizes, then plans every stack (saving <stack>/tfplan) and writes a Markdown
 * summary to <outdir>/plan-summary.md for the pull request. Exit 1 when any stack cannot be
 * planned, else 0 (changes are what a pull request is for).
 *
 *   npm run plan                 # synthesize, then plan
 *   npm run plan -- --no-synth   # plan what is in cdktf.out/
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { firstError, init, readStacks, synthesizeUnlessAsked, SynthesizedStack, terraformIn } from './terraform';

export interface StackPlan {
  readonly stack: string;
  /** Terraform's "Plan: …" or "No changes." line, or why the plan failed. */
  readonly summary: string;
  readonly ok: boolean;
  /** The plan as `terraform show` renders it. */
  readonly details: string;
}

/** Plans one stack into <dir>/tfplan. */
export function planStack({ name, dir }: SynthesizedStack, env: NodeJS.ProcessEnv): StackPlan {
  const run = terraformIn(dir, env);
  const initError = init(run);
  if (initError !== undefined) return { stack: name, ok: false, summary: initError, details: '' };
  const plan = run('plan', '-input=false', '-no-color', '-out=tfplan');
  if (plan.status !== 0) return { stack: name, ok: false, summary: `terraform plan failed: ${firstError(plan.stderr || plan.stdout)}`, details: plan.stderr };
  const show = run('show', '-no-color', 'tfplan');
  const summary = plan.stdout.split('\n').find((l) => /^(Plan: |No changes\.)/.test(l)) ?? 'Plan finished.';
  return { stack: name, ok: true, summary, details: show.stdout };
}

/** Markdown for a pull request comment: a line per stack, each plan folded. Long plans are cut. */
export function planMarkdown(plans: readonly StackPlan[], maxDetail = 20_000): string {
  const lines = ['## okta-log-streaming plan', '', '| stack | plan |', '|---|---|'];
  for (const p of plans) lines.push(`| \`${p.stack}\` | ${p.ok ? '' : '**error** '}${p.summary.replace(/\|/g, '\\|')} |`);
  for (const p of plans.filter((x) => x.details)) {
    const detail = p.details.length > maxDetail ? `${p.details.slice(0, maxDetail)}\n… (cut; see the job log)` : p.details;
    lines.push('', `<details><summary>${p.stack}</summary>`, '', '```', detail.trimEnd(), '```', '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

export function runPlan(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): number {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(args, env, output)) return 1;
  try {
    const plans = readStacks(outdir).map((stack) => planStack(stack, env));
    fs.writeFileSync(path.join(outdir, 'plan-summary.md'), planMarkdown(plans));
    for (const p of plans) output.out(`${p.stack}: ${p.summary}`);
    return plans.every((p) => p.ok) ? 0 : 1;
  } catch (error) {
    output.err(`okta-log-streaming: plan failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runPlan(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) });
}
