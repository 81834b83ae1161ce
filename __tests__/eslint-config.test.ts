import * as path from 'path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..');
// The project's config, loaded as ESLint would load it (ESLint's own loader needs ESM support Jest lacks).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require('../eslint.config.cjs') });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** A provider package name, spelt out only here, where the lint rule is fed what it must refuse. */
const provider = (name: string) => `@cdktf/provider-${name}`;

describe('eslint config', () => {
  test.each([
    `import { AwsProvider } from '${provider('aws')}';`,
    `import * as okta from '${provider('okta')}';`,
    `import { sleep } from '${provider('time')}/lib';`,
  ])('fails on a provider root import: %s', async (line) => {
    const messages = await messagesFor(`${line}\nexport const x = 1;\n`, 'stacks/example.ts');
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*Root imports of provider packages/)]));
  });

  test('fails on a provider root require', async () => {
    const messages = await messagesFor(`export const aws = require('${provider('aws')}');\n`, 'bench/example.js');
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: Root requires of provider packages/)]));
  });

  test('accepts a deep import', async () => {
    const code = "import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';\nexport { CloudwatchEventRule };\n";
    expect(await messagesFor(code, 'modules/example.ts')).toEqual([]);
  });

  test.each(['modules/example.ts', 'stacks/example.ts', 'schema/example.ts'])('fails when %s reads the environment', async (file) => {
    const messages = await messagesFor('export const region = process.env.AWS_REGION;\n', file);
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-properties: .*Only main.ts reads the environment/)]);
  });

  test('lets main.ts read the environment', async () => {
    expect(await messagesFor('export const config = process.env.OKTA_LOG_STREAMING_CONFIG;\n', 'main.ts')).toEqual([]);
  });
});
