/**
 * The synth command's definition, apart from the others: the app's own entry (main.ts, and the
 * bundle `npm run synth` runs) parses its flags with it, without loading the other commands.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { Command, CONFIG, ERROR, load, USAGE } from './command';

export const SYNTH: Command = {
  name: 'synth',
  summary: 'Synthesize the configured stacks into cdktf.out/ (Terraform JSON, or native HCL with --hcl).',
  description: 'Validates the configuration as a whole (every problem at once) and writes one directory per stack; nothing is written unless every stack synthesizes. Needs no credentials.',
  options: { ...CONFIG, hcl: { type: 'boolean', description: 'Write native HCL (cdk.tf, terraform fmt) to read or review instead of JSON.' } },
  exitCodes: [[0, 'synthesized'], ERROR, USAGE],
  examples: ['okta-log-streaming synth --config config/prod.yaml', 'okta-log-streaming synth --hcl'],
  run: load(() => require('./synth').runSynth),
};
