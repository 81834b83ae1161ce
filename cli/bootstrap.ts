/**
 * `okta-log-streaming bootstrap`: creates the state bucket, once, before any other stack
 * (backend.bootstrap: true). Synthesizes (unless --no-synth), then plans the okta-log-streaming-state
 * stack alone and shows the plan; applies that saved plan only after an interactive "yes" or with
 * --auto-approve, as `terraform apply` does. Without a terminal (CI) and without --auto-approve it
 * stops after the plan. Its own state goes into the bucket it creates (cli/bootstrap-state.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import type { Output } from '../main';
import { localStateFile, moveStateIntoBucket, removeLocalOverride, S3State, s3StateOf, useLocalState } from './bootstrap-state';
import type { Context } from './command';
import { credentialsPresent } from './credentials';
import { Reporter } from './output';
import { isStateBucketMissing } from './terraform-failures';
import { applySummary, failed, init, LockOptions, lockOptions, readStacks, SynthesizedStack, synthesizeUnlessAsked, Terraform, terraformEnvironment, terraformIn } from './terraform';

/**
 * What the person does next with what bootstrap made: the role ARNs to set as repository variables
 * (outputs aws_<role>_role_arn, with ci), and where the stack's own state is.
 */
async function printOutputs(run: Terraform, output: Output, state: S3State | undefined): Promise<void> {
  const result = await run('output', '-json', '-no-color');
  const outputs = result.status === 0 ? (JSON.parse(result.stdout || '{}') as Record<string, { value?: unknown }>) : {};
  const roles = Object.entries(outputs).filter(([name]) => /^aws_[a-z]+_role_arn$/.test(name));
  if (roles.length > 0) {
    output.out('Set these repository variables (GitHub: Settings → Secrets and variables → Actions → Variables):');
    for (const [name, { value }] of roles) output.out(`  ${name.toUpperCase()}=${String(value)}`);
  }
  if (state !== undefined) output.out(`This stack's own state is in s3://${state.bucket}/${state.key}, beside the others: bootstrap runs from anywhere, CI included.`);
}

export async function runBootstrap({ values, env, output, ask }: Context): Promise<number> {
  const reporter = new Reporter(output);
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  let stack: SynthesizedStack | undefined;
  try {
    stack = readStacks(outdir).find((s) => s.name === STATE_BUCKET_STACK);
    if (stack === undefined) {
      reporter.summary(false, `bootstrap: no ${STATE_BUCKET_STACK} stack: set backend.bootstrap: true (S3 backend) to have the state bucket created; nothing was run`);
      return 1;
    }
    if (!credentialsPresent([stack], env, values['instance-metadata'] === true, reporter)) return 1;
    const run = terraformIn(stack.dir, terraformEnvironment(env));
    const locks = lockOptions(values.lockfile as string | undefined, env);
    const state = s3StateOf(stack);
    const localFile = localStateFile(outdir);
    // As the person would type it from here (terraform-state/…), or whole when it is elsewhere.
    const relative = path.relative(process.cwd(), localFile);
    const localShown = relative.startsWith('..') ? localFile : relative;
    if (state !== undefined && fs.existsSync(localFile)) {
      // A local state (an earlier version's, or a first run interrupted after its apply) goes into the bucket before anything else.
      reporter.progress(`${stack.name}: moving ${localShown} into s3://${state.bucket}/${state.key}…`);
      const notMoved = await moveStateIntoBucket(run, stack, locks, localFile, false);
      if (notMoved !== undefined) {
        reporter.stackFinished(stack.name, false, `the local state ${localShown} could not be moved into the bucket, and is still there: ${notMoved}`);
        reporter.summary(false, 'bootstrap: nothing was applied');
        return 1;
      }
      output.out(`${stack.name}: moved ${localShown} into s3://${state.bucket}/${state.key} (the local copy is ${localShown}.migrated: delete it)`);
    }
    reporter.stackStarted(stack.name, 'terraform init and plan');
    let initError = await init(run, stack, locks);
    // The first run: no bucket to keep the state in yet. Plan and apply on a local state, then move it in.
    const firstRun = state !== undefined && initError !== undefined && isStateBucketMissing(initError);
    if (firstRun) {
      useLocalState(stack, localFile);
      initError = await init(run, stack, locks, '-reconfigure');
    }
    if (initError !== undefined) {
      removeLocalOverride(stack);
      reporter.stackFinished(stack.name, false, initError);
      reporter.summary(false, 'bootstrap: nothing was applied');
      return 1;
    }
    const applied = await planAndApply(run, stack, locks, values['auto-approve'] === true, ask, reporter, output);
    if (firstRun) removeLocalOverride(stack);
    if (applied === 'failed' || applied === 'refused') return 1;
    if (firstRun && applied === 'applied') {
      const notMoved = await moveStateIntoBucket(run, stack, locks, localFile, true);
      if (notMoved !== undefined) {
        reporter.summary(false, `bootstrap: the bucket exists, but its stack's state is still local (${localShown}): ${notMoved}; run bootstrap again to move it`);
        return 1;
      }
      output.out(`${stack.name}: moved its state into s3://${state.bucket}/${state.key} (the local copy is ${localShown}.migrated: delete it)`);
    }
    await printOutputs(run, output, state);
    reporter.summary(true, applied === 'unchanged' ? 'bootstrap: nothing to do. Next: okta-log-streaming plan' : 'bootstrap: the state bucket exists. Next: okta-log-streaming plan');
    return 0;
  } catch (error) {
    // A first run's local backend must never outlive it: the next run would plan on it silently.
    if (stack !== undefined) removeLocalOverride(stack);
    reporter.summary(false, `bootstrap failed: ${(error as Error).message}`);
    return 1;
  }
}

/** Plans, shows the plan, asks (or --auto-approve) and applies exactly that plan. */
async function planAndApply(
  run: Terraform,
  stack: SynthesizedStack,
  locks: LockOptions,
  autoApprove: boolean,
  ask: Context['ask'],
  reporter: Reporter,
  output: Output,
): Promise<'applied' | 'unchanged' | 'refused' | 'failed'> {
  {
    const plan = await run('plan', '-input=false', '-no-color', '-detailed-exitcode', '-out=tfplan');
    if (plan.status === 1 || plan.status === null) {
      reporter.stackFinished(stack.name, false, failed('plan', plan, stack, locks));
      reporter.summary(false, 'bootstrap: nothing was applied');
      return 'failed';
    }
    // The plan the person approves is the one applied (a saved plan, as terraform apply shows it).
    output.out(plan.stdout.trimEnd());
    if (plan.status === 0) {
      reporter.stackFinished(stack.name, true, 'No changes: the state bucket is there as configured');
      return 'unchanged';
    }
    if (!autoApprove) {
      if (ask === undefined) {
        reporter.stackFinished(stack.name, false, 'not applied: no terminal to ask (CI), and no --auto-approve');
        reporter.summary(false, 'bootstrap: plan shown above, nothing applied; run again with --auto-approve to apply it');
        return 'refused';
      }
      const answer = await ask('Apply this plan? Only "yes" will be accepted: ');
      if (answer.trim() !== 'yes') {
        reporter.stackFinished(stack.name, false, 'not applied: not approved');
        reporter.summary(false, 'bootstrap: nothing applied');
        return 'refused';
      }
    }
    reporter.progress(`${stack.name}: terraform apply of the plan above…`);
    const apply = await run('apply', '-input=false', '-no-color', 'tfplan');
    if (apply.status !== 0) {
      reporter.stackFinished(stack.name, false, failed('apply', apply, stack, locks));
      reporter.summary(false, 'bootstrap: the state bucket may be partly made: read the error, fix it and run bootstrap again');
      return 'failed';
    }
    reporter.stackFinished(stack.name, true, applySummary(apply.stdout));
    return 'applied';
  }
}
