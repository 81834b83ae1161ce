/** What a command is, and what several share: the types, the --config flag, common exit codes. */
import type { Output } from '../main';
import { nonEmpty, Options, Values } from './args';

export interface Context {
  readonly values: Values;
  /** The environment, with --config applied as OKTA_LOG_STREAMING_CONFIG. */
  readonly env: NodeJS.ProcessEnv;
  readonly output: Output;
  /** Asks a person a question on the terminal; undefined when there is none (CI, no TTY). */
  readonly ask?: (question: string) => Promise<string>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** More about what it does, for its help. */
  readonly description: string;
  readonly options: Options;
  readonly exitCodes: readonly (readonly [number, string])[];
  readonly examples: readonly string[];
  run(context: Context): Promise<number>;
}

export const CONFIG: Options = {
  config: {
    type: 'string',
    placeholder: 'FILE',
    parse: nonEmpty,
    default: '$OKTA_LOG_STREAMING_CONFIG; else, outside CI, the shipped example examples/bronto.yaml',
    description: 'The configuration file (YAML or JSON).',
  },
};
export const ERROR = [1, 'an error: something could not be done (the last line says what and where)'] as const;
export const USAGE = [2, 'usage: an unknown command or flag, or a bad value; nothing was run'] as const;

type Runner = (context: Context) => Promise<number>;
/** A command module's runner, loaded when the command runs. */
export const load = (loader: () => Runner): Runner => (context) => loader()(context);

