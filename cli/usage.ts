/** A command's usage, from its definition (the same one the parser and docs/cli.md use). */
import type { Output } from '../main';
import { optionLines, parse, UsageError, Values, wantsHelp } from './args';
import type { Command } from './command';
import { PREFIX, TOOL } from './output';

export function commandUsage(command: Command): string {
  return [
    `Usage: ${TOOL} ${command.name}${Object.keys(command.options).length > 0 ? ' [flags]' : ''}`,
    '',
    command.summary,
    command.description,
    '',
    'Flags:',
    ...optionLines(command.options),
    '',
    'Exit codes:',
    ...command.exitCodes.map(([code, meaning]) => `  ${code}  ${meaning}`),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/**
 * A command's flags, or the exit code when there is nothing to run: help asked (usage on stdout, 0)
 * or a usage error (the problem and usage on stderr, 2).
 */
export function commandLine(command: Command, argv: readonly string[], output: Output): { readonly values: Values } | { readonly exit: number } {
  if (wantsHelp(argv)) {
    output.out(commandUsage(command));
    return { exit: 0 };
  }
  try {
    return { values: parse(argv, command.options) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${PREFIX} ${command.name}: ${error.message}\n\n${commandUsage(command)}`);
    return { exit: 2 };
  }
}
