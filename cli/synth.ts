/** `okta-log-streaming synth [--hcl]`: the app (main.ts), writing Terraform JSON or native HCL. */
import type { Context } from './command';

export async function runSynth({ values, env, output }: Context): Promise<number> {
  // Loaded here: help and usage errors never load cdktf and the providers.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (values.hcl === true) return (require('./synth-hcl') as typeof import('./synth-hcl')).synthHcl(env, output);
  return (require('../main') as typeof import('../main')).main(env, output);
  /* eslint-enable @typescript-eslint/no-require-imports */
}
