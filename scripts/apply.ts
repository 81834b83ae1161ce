/**
 * `npm run apply`: synthesizes, then for each stack in manifest order runs terraform init and
 * apply. Stops at the first stack that fails (exit 1), so a broken stack never leaves later ones
 * half-applied behind it.
 *
 *   npm run apply                 # synthesize, then apply every stack
 *   npm run apply -- --no-synth   # apply what is in cdktf.out/
 */
import type { Output } from '../main';
import { firstError, init, readStacks, synthesizeUnlessAsked, terraformIn } from './terraform';

export function runApply(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): number {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(args, env, output)) return 1;
  try {
    for (const stack of readStacks(outdir)) {
      const run = terraformIn(stack.dir, env);
      const initError = init(run);
      if (initError !== undefined) {
        output.err(`${stack.name}: ${initError}`);
        return 1;
      }
      const apply = run('apply', '-input=false', '-no-color', '-auto-approve');
      if (apply.status !== 0) {
        output.err(`${stack.name}: terraform apply failed: ${firstError(apply.stderr || apply.stdout)}`);
        return 1;
      }
      output.out(`${stack.name}: ${apply.stdout.split('\n').find((l) => l.startsWith('Apply complete!')) ?? 'applied'}`);
    }
    return 0;
  } catch (error) {
    output.err(`okta-log-streaming: apply failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runApply(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) });
}
