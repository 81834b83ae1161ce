import { TerraformStack } from 'cdktf';
import { secretVariableUses } from '../schema/cross-check';
import { ResolvedConfig } from '../schema/validate';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** Written beside manifest.json: what the pipeline must provide before Terraform runs. */
export const VARIABLES_FILE = 'variables.json';

export interface NeededVariable {
  readonly stack: string;
  /** The Terraform variable. */
  readonly variable: string;
  /** The environment variable Terraform reads it from. */
  readonly environment: string;
  /** The repository secret the workflows export it from, by convention: the variable's name in upper case. */
  readonly secret: string;
  /** What it carries, e.g. "Bronto API key". */
  readonly what: string;
  /** The sinks that use it, by config path. */
  readonly sinks: readonly string[];
}

/** The sensitive variables each synthesized stack needs at plan/apply, in stack order. */
export function neededVariables(stacks: readonly TerraformStack[], config: ResolvedConfig): NeededVariable[] {
  const uses = secretVariableUses(config.config.stacks);
  return stacks
    .filter((stack): stack is OktaLogStreamingStack => stack instanceof OktaLogStreamingStack)
    .flatMap((stack) =>
      [...stack.secretVariableDescriptions].map(([variable, what]) => ({
        stack: stack.node.id,
        variable,
        environment: `TF_VAR_${variable}`,
        secret: variable.toUpperCase(),
        what,
        sinks: uses.filter((use) => use.stack === stack.node.id && use.variable === variable).map((use) => use.sinkPath),
      })),
    );
}
