/**
 * Drift detection: synthesizes the configured stacks, then asks Terraform, stack by stack, whether
 * reality still matches the code. One line per stack (clean / drift / error); exit 0 when all are
 * clean, 2 when any drifted, 1 when any could not be checked.
 *
 * `okta-log-streaming drift` (flags: cli/commands.ts).
 *
 * Needs what a plan needs: the stacks' backends, provider credentials, and TF_VAR_… for secrets
 * (checked first). The state bucket stack is left out (bootstrap owns it).
 */
import type { Context } from './command';
import { credentialsPresent } from './credentials';
import { Reporter, stacks as stacks_ } from './output';
import { preflight } from './preflight';
import { DEFAULT_PARALLELISM, errorText, failed, indented, init, inOrder, lockOptions, LockOptions, pipelineStacks, synthesizeUnlessAsked, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';

export type StackVerdict =
  | { readonly stack: string; readonly status: 'clean' }
  | { readonly stack: string; readonly status: 'drift'; readonly addresses: readonly string[] }
  | { readonly stack: string; readonly status: 'error'; readonly message: string };

export interface DriftOptions {
  /** The synthesized output: a cdktf manifest.json and stacks/<name>/. */
  readonly outdir: string;
  /** Environment for terraform (credentials, TF_VAR_…). */
  readonly env: NodeJS.ProcessEnv;
  /** @default "terraform" */
  readonly terraform?: string;
  /** Stacks checked at once. @default 2 */
  readonly parallel?: number;
  /** @default terraform-locks/, written back */
  readonly locks?: LockOptions;
  /** Only these stacks. @default - every pipeline stack */
  readonly stacks?: readonly string[];
  /** Called as each stack starts and as its verdict comes, while others still run. */
  readonly onStart?: (stack: string) => void;
  readonly onVerdict?: (verdict: StackVerdict) => void;
}

/** Plans every stack of the manifest, a few at a time; never throws for a stack's failure, it reports it. Verdicts in manifest order. */
export async function detectDrift(options: DriftOptions): Promise<StackVerdict[]> {
  const env = terraformEnvironment(options.env);
  const locks = options.locks ?? lockOptions(undefined, options.env);
  return inOrder(pipelineStacks(options.outdir, options.stacks), options.parallel ?? DEFAULT_PARALLELISM, async (stack) => {
    options.onStart?.(stack.name);
    const verdict = await checkStack(stack, { ...options, env }, locks);
    options.onVerdict?.(verdict);
    return verdict;
  });
}

async function checkStack(synthesized: SynthesizedStack, options: DriftOptions, locks: LockOptions): Promise<StackVerdict> {
  const stack = synthesized.name;
  const run = terraformIn(synthesized.dir, options.env, options.terraform);
  const initError = await init(run, synthesized, locks);
  if (initError !== undefined) return { stack, status: 'error', message: initError };

  // -lock=false: a read-only check must never wait for, or block, an apply.
  const plan = await run('plan', '-detailed-exitcode', '-lock=false', '-input=false', '-no-color', '-json');
  if (plan.status === 0) return { stack, status: 'clean' };
  if (plan.status === 2) return { stack, status: 'drift', addresses: changedAddresses(plan.stdout) };
  return { stack, status: 'error', message: failed('plan', plan, synthesized, locks, diagnostics(plan.stdout) || errorText(plan.stderr)) };
}

/** Addresses Terraform reports as changed outside Terraform or to be changed, with the action. */
function changedAddresses(jsonLines: string): string[] {
  const found = new Map<string, string>();
  for (const message of parseLines(jsonLines)) {
    const change = message.change as { resource?: { addr?: string }; action?: string } | undefined;
    if (change?.resource?.addr === undefined) continue;
    if (message.type === 'planned_change') found.set(change.resource.addr, change.action ?? 'change');
    if (message.type === 'resource_drift' && !found.has(change.resource.addr)) found.set(change.resource.addr, 'changed outside Terraform');
  }
  return [...found].map(([addr, action]) => `${addr} (${action})`);
}

function diagnostics(jsonLines: string): string {
  return parseLines(jsonLines)
    .filter((m) => m.type === 'diagnostic' && (m.diagnostic as { severity?: string })?.severity === 'error')
    .map((m) => {
      const d = m.diagnostic as { summary?: string; detail?: string };
      return [`Error: ${d.summary ?? ''}`, d.detail].filter(Boolean).join('\n');
    })
    .join('\n\n');
}

function parseLines(jsonLines: string): Record<string, unknown>[] {
  return jsonLines
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

export function formatVerdict(verdict: StackVerdict): string {
  switch (verdict.status) {
    case 'clean':
      return `${verdict.stack}: clean`;
    case 'drift':
      return `${verdict.stack}: drift: ${verdict.addresses.join(', ') || 'changes planned'}`;
    case 'error':
      return `${verdict.stack}: error: ${indented(verdict.message)}`;
  }
}

/** 1 when any stack could not be checked, else 2 when any drifted, else 0. */
export function exitCode(verdicts: readonly StackVerdict[]): number {
  if (verdicts.some((v) => v.status === 'error')) return 1;
  return verdicts.some((v) => v.status === 'drift') ? 2 : 0;
}

export async function runDrift({ values, env, output }: Context): Promise<number> {
  const reporter = new Reporter(output, { json: values.json === true });
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  try {
    const wanted = values.stack as string[] | undefined;
    const stacks = pipelineStacks(outdir, wanted);
    // Both checks, so everything missing is named at once.
    const variablesSet = preflight(outdir, env, output, stacks.map((s) => s.name));
    if (!credentialsPresent(stacks, env, values['instance-metadata'] === true, reporter) || !variablesSet) return 1;
    const verdicts = await detectDrift({
      outdir,
      env,
      stacks: wanted,
      parallel: values.parallel as number | undefined,
      locks: lockOptions(values.lockfile as string | undefined, env),
      onStart: (stack) => reporter.stackStarted(stack, 'terraform plan (read-only, no state lock)'),
      onVerdict: (verdict) => reporter.stackFinished(verdict.stack, verdict.status === 'clean', formatVerdict(verdict).slice(verdict.stack.length + 2)),
    });
    if (values.json === true) output.out(JSON.stringify({ stacks: verdicts }, null, 2));
    const count = (status: StackVerdict['status']) => verdicts.filter((v) => v.status === status).length;
    const code = exitCode(verdicts);
    const line = `drift: ${count('clean')} clean, ${count('drift')} drifted, ${count('error')} could not be checked, of ${stacks_(verdicts.length)}`;
    reporter.summary(code === 0, code === 0 ? line : `${line} (see the ✗ lines above)`);
    return code;
  } catch (error) {
    reporter.summary(false, `drift check failed: ${(error as Error).message}`);
    return 1;
  }
}
