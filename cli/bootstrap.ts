/**
 * `okta-log-streaming bootstrap`: creates the state bucket, once, before any other stack
 * (backend.bootstrap: true). Synthesizes (unless --no-synth), then plans the okta-log-streaming-state
 * stack alone and shows the plan; applies that saved plan only after an interactive "yes" or with
 * --auto-approve, as `terraform apply` does. Without a terminal (CI) and without --auto-approve it
 * stops after the plan. Its own state is local, at terraform-state/okta-log-streaming-state.tfstate:
 * keep that file (docs/operations.md, Remote state), or migrate it into the bucket.
 */
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import type { Output } from '../main';
import type { Context } from './command';
import { credentialsPresent } from './credentials';
import { Reporter } from './output';
import { applySummary, failed, init, lockOptions, readStacks, synthesizeUnlessAsked, Terraform, terraformEnvironment, terraformIn } from './terraform';

/**
 * What the person does next with what bootstrap made: the role ARNs to set as repository variables
 * (outputs aws_<role>_role_arn, with ci), and where the stack's own state is and how to keep it.
 */
async function printOutputs(run: Terraform, output: Output): Promise<void> {
  const result = await run('output', '-json', '-no-color');
  const outputs = result.status === 0 ? (JSON.parse(result.stdout || '{}') as Record<string, { value?: unknown }>) : {};
  const roles = Object.entries(outputs).filter(([name]) => /^aws_[a-z]+_role_arn$/.test(name));
  if (roles.length > 0) {
    output.out('Set these repository variables (GitHub: Settings → Secrets and variables → Actions → Variables):');
    for (const [name, { value }] of roles) output.out(`  ${name.toUpperCase()}=${String(value)}`);
  }
  output.out(
    [
      `This stack's own state is local, ${STATE_FILE} (it cannot start in the bucket it creates).`,
      'It holds no secret, only what the bucket and roles are: keep it out of git, and keep a copy beside the other states:',
      `  aws s3 cp ${STATE_FILE} s3://<bucket>/<key_prefix>/${STATE_BUCKET_STACK}.tfstate`,
      'Run bootstrap again from a machine that has the file (or that copy, put back in place) whenever the config\'s stacks or ci change.',
    ].join('\n'),
  );
}

const STATE_FILE = `terraform-state/${STATE_BUCKET_STACK}.tfstate`;

export async function runBootstrap({ values, env, output, ask }: Context): Promise<number> {
  const reporter = new Reporter(output);
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  try {
    const stack = readStacks(outdir).find((s) => s.name === STATE_BUCKET_STACK);
    if (stack === undefined) {
      reporter.summary(false, `bootstrap: no ${STATE_BUCKET_STACK} stack: set backend.bootstrap: true (S3 backend) to have the state bucket created; nothing was run`);
      return 1;
    }
    if (!credentialsPresent([stack], env, values['instance-metadata'] === true, reporter)) return 1;
    const run = terraformIn(stack.dir, terraformEnvironment(env));
    reporter.stackStarted(stack.name, 'terraform init and plan');
    const locks = lockOptions(values.lockfile as string | undefined, env);
    const initError = await init(run, stack, locks);
    if (initError !== undefined) {
      reporter.stackFinished(stack.name, false, initError);
      reporter.summary(false, 'bootstrap: nothing was applied');
      return 1;
    }
    const plan = await run('plan', '-input=false', '-no-color', '-detailed-exitcode', '-out=tfplan');
    if (plan.status === 1 || plan.status === null) {
      reporter.stackFinished(stack.name, false, failed('plan', plan, stack, locks));
      reporter.summary(false, 'bootstrap: nothing was applied');
      return 1;
    }
    // The plan the person approves is the one applied (a saved plan, as terraform apply shows it).
    output.out(plan.stdout.trimEnd());
    if (plan.status === 0) {
      reporter.stackFinished(stack.name, true, 'No changes: the state bucket is there as configured');
      await printOutputs(run, output);
      reporter.summary(true, 'bootstrap: nothing to do. Next: okta-log-streaming plan');
      return 0;
    }
    if (values['auto-approve'] !== true) {
      if (ask === undefined) {
        reporter.stackFinished(stack.name, false, 'not applied: no terminal to ask (CI), and no --auto-approve');
        reporter.summary(false, 'bootstrap: plan shown above, nothing applied; run again with --auto-approve to apply it');
        return 1;
      }
      const answer = await ask('Apply this plan? Only "yes" will be accepted: ');
      if (answer.trim() !== 'yes') {
        reporter.stackFinished(stack.name, false, 'not applied: not approved');
        reporter.summary(false, 'bootstrap: nothing applied');
        return 1;
      }
    }
    reporter.progress(`${stack.name}: terraform apply of the plan above…`);
    const apply = await run('apply', '-input=false', '-no-color', 'tfplan');
    if (apply.status !== 0) {
      reporter.stackFinished(stack.name, false, failed('apply', apply, stack, locks));
      reporter.summary(false, 'bootstrap: the state bucket may be partly made: read the error, fix it and run bootstrap again');
      return 1;
    }
    reporter.stackFinished(stack.name, true, applySummary(apply.stdout));
    await printOutputs(run, output);
    reporter.summary(true, 'bootstrap: the state bucket exists. Next: okta-log-streaming plan');
    return 0;
  } catch (error) {
    reporter.summary(false, `bootstrap failed: ${(error as Error).message}`);
    return 1;
  }
}
