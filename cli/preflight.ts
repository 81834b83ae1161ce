/**
 * Before Terraform runs: every sensitive variable the synthesized stacks need is set in the
 * environment. Reads <outdir>/variables.json (written by synth); prints each missing one with the
 * stack and sinks that need it, never a value.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { NeededVariable, VARIABLES_FILE } from '../stacks/variables-manifest';

/** The variables the given stacks need, from the synthesized output; none when synth wrote no list. */
export function readNeededVariables(outdir: string, stacks?: readonly string[]): NeededVariable[] {
  const file = path.join(outdir, VARIABLES_FILE);
  if (!fs.existsSync(file)) return [];
  const { variables } = JSON.parse(fs.readFileSync(file, 'utf8')) as { variables: NeededVariable[] };
  return stacks === undefined ? variables : variables.filter((v) => stacks.includes(v.stack));
}

/** The needed variables that are unset or blank in `env`. */
export function missingVariables(needed: readonly NeededVariable[], env: NodeJS.ProcessEnv): NeededVariable[] {
  return needed.filter((v) => (env[v.environment] ?? '').trim() === '');
}

/** True when nothing is missing; else prints every missing variable and returns false. */
export function preflight(outdir: string, env: NodeJS.ProcessEnv, output: Output, stacks?: readonly string[]): boolean {
  const missing = missingVariables(readNeededVariables(outdir, stacks), env);
  if (missing.length === 0) return true;
  output.err(`okta-log-streaming: ${missing.length} secret variable(s) not set; nothing was run:`);
  for (const v of missing) {
    output.err(`  - ${v.environment} (${v.what}) for stack ${v.stack}${v.sinks.length > 0 ? ` (${v.sinks.join(', ')})` : ''}: set it, e.g. from the repository secret ${v.secret}`);
  }
  return false;
}
