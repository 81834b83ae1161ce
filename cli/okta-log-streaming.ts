/**
 * `okta-log-streaming <command> [flags]`: the one command-line tool. Help and usage errors are decided
 * before any command code is loaded, so `--help` and a misspelt flag never run anything: help exits
 * 0, a usage error names the problem with the command's usage and exits 2.
 */
import type { Output } from '../main';
import { closest } from './args';
import type { Context } from './command';
import { COMMANDS } from './commands';
import { toolUsage } from './help';
import { commandLine } from './usage';
import { PREFIX } from './output';
import { packageInfo } from './package-info';

export interface Io {
  /** Asks a person; undefined without a terminal. */
  readonly ask?: (question: string) => Promise<string>;
}

export function version(): string {
  return packageInfo().version;
}

/** Runs the tool; returns the exit code. */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output, io: Io = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const usage = toolUsage();
    if (name === undefined) {
      output.err(`${PREFIX} a command is needed\n\n${usage}`);
      return 2;
    }
    output.out(usage);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    output.out(version());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const suggestion = closest(name, COMMANDS.map((c) => c.name));
    const what = name.startsWith('-') ? `unknown flag ${name}` : `unknown command "${name}"`;
    output.err(`${PREFIX} ${what}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}\n\n${toolUsage()}`);
    return 2;
  }
  const line = commandLine(command, rest, output);
  if ('exit' in line) return line.exit;
  const { values } = line;
  const config = values.config as string | undefined;
  const context: Context = { values, env: config === undefined ? env : { ...env, OKTA_LOG_STREAMING_CONFIG: config }, output, ask: io.ask };
  return command.run(context);
}
