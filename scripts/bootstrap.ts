/**
 * `npm run bootstrap`: creates the state bucket, once, before any other stack (backend.bootstrap:
 * true). Synthesizes (unless --no-synth), then init and apply of the okta-log-streaming-state stack
 * alone. Its own state is local, at terraform-state/okta-log-streaming-state.tfstate: keep that file
 * (docs/operations.md, Remote state), or migrate it into the bucket.
 */
import type { Output } from '../main';
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import { applySummary, errorText, indented, init, lockOptions, readStacks, synthesizeUnlessAsked, terraformEnvironment, terraformIn } from './terraform';

export async function runBootstrap(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(args, env, output)) return 1;
  try {
    const stack = readStacks(outdir).find((s) => s.name === STATE_BUCKET_STACK);
    if (stack === undefined) {
      output.err(`okta-log-streaming: no ${STATE_BUCKET_STACK} stack: set backend.bootstrap: true (S3 backend) to have the state bucket created`);
      return 1;
    }
    const run = terraformIn(stack.dir, terraformEnvironment(env));
    const initError = await init(run, stack, lockOptions(args, env));
    if (initError !== undefined) {
      output.err(`${stack.name}: ${indented(initError)}`);
      return 1;
    }
    const apply = await run('apply', '-input=false', '-no-color', '-auto-approve');
    if (apply.status !== 0) {
      output.err(`${stack.name}: terraform apply failed: ${indented(errorText(apply.stderr || apply.stdout))}`);
      return 1;
    }
    output.out(`${stack.name}: ${applySummary(apply.stdout)}`);
    output.out('okta-log-streaming: the state bucket exists; its own state is terraform-state/okta-log-streaming-state.tfstate: keep it safe. Next: npm run plan');
    return 0;
  } catch (error) {
    output.err(`okta-log-streaming: bootstrap failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void runBootstrap(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => (process.exitCode = code));
}
