/**
 * `okta-log-streaming apply`: applies exactly the plans `npm run plan` saved and a person reviewed, stack by
 * stack in manifest order, and nothing else. Before anything is applied it refuses, naming each stack
 * and why, when a stack has no saved plan, its synthesized config differs from the one planned (in
 * cdktf.out/, or because the config now synthesizes differently), or its plan is older than
 * --max-plan-age-hours (default 24); Terraform itself refuses a plan whose state changed since
 * ("Saved plan is stale"). Then it initializes every stack, so an unreachable state backend stops the
 * run before any stack is applied, and applies; it stops at the first failure.
 *
 * Flags: cli/commands.ts (--no-synth checks cdktf.out/ against the plans only).
 * There is no way to apply without a reviewed plan: plan again.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import type { Context } from './command';
import { credentialsPresent } from './credentials';
import { Reporter, stacks as stacks_ } from './output';
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import { configDigest, FINGERPRINT_FILE, PlanFingerprint } from './plan';
import { preflight } from './preflight';
import { applySummary, failed, init, lockOptions, pipelineStacks, readStacks, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';

const DEFAULT_MAX_PLAN_AGE_HOURS = 24;

/** Digests of the config as it synthesizes now, by stack; undefined for a stack it no longer has. */
function currentDigests(outdir: string, env: NodeJS.ProcessEnv, output: Output): Map<string, string> | undefined {
  const fresh = `${outdir}.current-${process.pid}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../main') as typeof import('../main');
    if (main({ ...env, CDKTF_OUTDIR: fresh }, { out: () => undefined, err: (l) => output.err(l) }) !== 0) return undefined;
    return new Map(readStacks(fresh).map((stack) => [stack.name, configDigest(stack.dir)]));
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}

/** Why this stack's saved plan may not be applied, or undefined. */
export function refusal(stack: SynthesizedStack, now: Date, maxAgeHours: number, current?: Map<string, string>): string | undefined {
  const fingerprintFile = path.join(stack.dir, FINGERPRINT_FILE);
  if (!fs.existsSync(path.join(stack.dir, 'tfplan')) || !fs.existsSync(fingerprintFile)) {
    return 'no saved plan: run okta-log-streaming plan, review it, then apply';
  }
  const fingerprint = JSON.parse(fs.readFileSync(fingerprintFile, 'utf8')) as PlanFingerprint;
  if (configDigest(stack.dir) !== fingerprint.config) return 'its synthesized config changed since the plan was made: plan again and review';
  if (current !== undefined && current.get(stack.name) !== fingerprint.config) {
    return current.has(stack.name)
      ? 'the config now synthesizes differently from what was planned (a change after review): plan again and review'
      : 'the config no longer has this stack: plan again and review';
  }
  const ageHours = (now.getTime() - Date.parse(fingerprint.plannedAt)) / 3_600_000;
  if (!(ageHours <= maxAgeHours)) return `the plan is stale: made ${ageHours.toFixed(1)} hours ago (at most ${maxAgeHours}): plan again and review`;
  return undefined;
}

export async function runApply({ values, env, output }: Context): Promise<number> {
  const reporter = new Reporter(output);
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  const noSynth = values['no-synth'] === true;
  try {
    const stacks = pipelineStacks(outdir, values.stack as string[] | undefined);
    const current = noSynth ? undefined : currentDigests(outdir, env, output);
    if (!noSynth && current === undefined) {
      reporter.summary(false, 'apply: the config does not synthesize; nothing was applied');
      return 1;
    }
    const now = new Date();
    const maxAge = (values['max-plan-age-hours'] as number | undefined) ?? DEFAULT_MAX_PLAN_AGE_HOURS;
    const refused = stacks.map((stack) => [stack.name, refusal(stack, now, maxAge, current)] as const).filter(([, why]) => why !== undefined);
    if (refused.length > 0) {
      for (const [name, why] of refused) reporter.stackFinished(name, false, why!);
      reporter.summary(false, `apply: ${stacks_(refused.length)} refused (above); nothing was applied`);
      return 1;
    }
    // Both checks, so everything missing is named at once.
    const variablesSet = preflight(outdir, env, output, stacks.map((s) => s.name));
    if (!credentialsPresent(stacks, env, values['instance-metadata'] === true, reporter) || !variablesSet) return 1;

    const runEnv = terraformEnvironment(env);
    const locks = lockOptions(values.lockfile as string | undefined, env);
    const bootstrapped = readStacks(outdir).some((s) => s.name === STATE_BUCKET_STACK);
    // Every backend first: an unreachable state bucket stops the run before any stack is applied.
    for (const stack of stacks) {
      reporter.stackStarted(stack.name, 'terraform init');
      const initError = await init(terraformIn(stack.dir, runEnv), stack, locks);
      if (initError !== undefined) {
        const hint = bootstrapped ? '\nIs the state bucket there? Create it first: okta-log-streaming bootstrap (docs/operations.md, Remote state).' : '';
        reporter.stackFinished(stack.name, false, `${initError}${hint}`);
        reporter.summary(false, `apply: ${stack.name} could not be initialized; nothing was applied`);
        return 1;
      }
    }
    const applied: string[] = [];
    for (const stack of stacks) {
      reporter.stackStarted(stack.name, 'terraform apply of its saved plan');
      const apply = await terraformIn(stack.dir, runEnv)('apply', '-input=false', '-no-color', 'tfplan');
      if (apply.status !== 0) {
        reporter.stackFinished(stack.name, false, failed('apply', apply, stack, locks));
        const rest = stacks.slice(applied.length + 1).map((s) => s.name);
        reporter.summary(false, `apply: ${stack.name} failed (above)${applied.length > 0 ? `; applied before it: ${applied.join(', ')}` : ''}${rest.length > 0 ? `; not applied: ${rest.join(', ')}` : ''}`);
        return 1;
      }
      // A plan applies once.
      for (const file of ['tfplan', FINGERPRINT_FILE]) fs.rmSync(path.join(stack.dir, file), { force: true });
      reporter.stackFinished(stack.name, true, applySummary(apply.stdout));
      applied.push(stack.name);
    }
    reporter.summary(true, `apply: ${stacks_(applied.length)} applied`);
    return 0;
  } catch (error) {
    reporter.summary(false, `apply failed: ${(error as Error).message}`);
    return 1;
  }
}
