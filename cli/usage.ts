/** A command's usage, from its definition (the same one the parser and docs/cli.md use). */
import { optionLines } from './args';
import type { Command } from './command';
import { TOOL } from './output';

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
