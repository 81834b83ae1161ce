/**
 * `npm run apply`: applies exactly the plans `npm run plan` saved and a person reviewed, stack by
 * stack in manifest order, and nothing else. Before anything is applied it refuses, naming each stack
 * and why, when a stack has no saved plan, its synthesized config differs from the one planned (in
 * cdktf.out/, or because the config now synthesizes differently), or its plan is older than
 * --max-plan-age-hours (default 24); Terraform itself refuses a plan whose state changed since
 * ("Saved plan is stale"). Then it initializes every stack, so an unreachable state backend stops the
 * run before any stack is applied, and applies; it stops at the first failure.
 *
 *   npm run apply                          # check against a fresh synthesis of the config, then apply
 *   npm run apply -- --no-synth            # check cdktf.out/ against the plans only
 *
 * There is no way to apply without a reviewed plan: plan again.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import { configDigest, FINGERPRINT_FILE, PlanFingerprint } from './plan';
import { preflight } from './preflight';
import { applySummary, errorText, indented, init, lockOptions, pipelineStacks, readStacks, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';

const DEFAULT_MAX_PLAN_AGE_HOURS = 24;

function maxPlanAgeHours(args: readonly string[]): number {
  const at = args.indexOf('--max-plan-age-hours');
  if (at < 0) return DEFAULT_MAX_PLAN_AGE_HOURS;
  const hours = Number(args[at + 1]);
  if (!(hours > 0)) throw new Error(`--max-plan-age-hours takes a positive number of hours, got ${args[at + 1] === undefined ? 'nothing' : `"${args[at + 1]}"`}`);
  return hours;
}

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
    return 'no saved plan: run npm run plan, review it, then apply';
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

export async function runApply(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  try {
    const stacks = pipelineStacks(outdir);
    const current = args.includes('--no-synth') ? undefined : currentDigests(outdir, env, output);
    if (!args.includes('--no-synth') && current === undefined) {
      output.err('okta-log-streaming: the config does not synthesize; nothing was applied');
      return 1;
    }
    const now = new Date();
    const maxAge = maxPlanAgeHours(args);
    const refused = stacks.map((stack) => [stack.name, refusal(stack, now, maxAge, current)] as const).filter(([, why]) => why !== undefined);
    if (refused.length > 0) {
      output.err('okta-log-streaming: nothing was applied:');
      for (const [name, why] of refused) output.err(`  - ${name}: ${why}`);
      return 1;
    }
    if (!preflight(outdir, env, output)) return 1;

    const runEnv = terraformEnvironment(env);
    const locks = lockOptions(args, env);
    const bootstrapped = readStacks(outdir).some((s) => s.name === STATE_BUCKET_STACK);
    // Every backend first: an unreachable state bucket stops the run before any stack is applied.
    for (const stack of stacks) {
      const initError = await init(terraformIn(stack.dir, runEnv), stack, locks);
      if (initError !== undefined) {
        const hint = bootstrapped ? '\n    Is the state bucket there? Create it first: npm run bootstrap (see docs/operations.md, Remote state).' : '';
        output.err(`${stack.name}: ${indented(initError)}${hint}\nnothing was applied`);
        return 1;
      }
    }
    for (const stack of stacks) {
      const apply = await terraformIn(stack.dir, runEnv)('apply', '-input=false', '-no-color', 'tfplan');
      if (apply.status !== 0) {
        output.err(`${stack.name}: terraform apply failed: ${indented(errorText(apply.stderr || apply.stdout))}`);
        return 1;
      }
      // A plan applies once.
      for (const file of ['tfplan', FINGERPRINT_FILE]) fs.rmSync(path.join(stack.dir, file), { force: true });
      output.out(`${stack.name}: ${applySummary(apply.stdout)}`);
    }
    return 0;
  } catch (error) {
    output.err(`okta-log-streaming: apply failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void runApply(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => (process.exitCode = code));
}
