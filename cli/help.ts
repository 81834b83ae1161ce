/** The tool's usage, from the command definitions (the same ones the parser and docs/cli.md use). */
import { COMMANDS } from './commands';
import { TOOL } from './output';

export function toolUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${TOOL} <command> [flags]`,
    '',
    'Okta System Log streaming as code: synthesize, plan, apply and watch the stacks of a config.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Flags:',
    '  -h, --help     Show this help, or a command\'s (<command> --help), and do nothing else.',
    '      --version  Print the version.',
    '',
    'Exit codes: 0 success, 1 error, 2 usage (drift and doctor: 2 also means drift / degraded).',
    `Example: ${TOOL} plan --config config/prod.yaml`,
  ].join('\n');
}
