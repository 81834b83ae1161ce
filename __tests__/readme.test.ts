import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema } from '../schema/json-schema';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** Stack-level overrides are documented as one row each: they take the top-level section's keys. */
const DOCUMENTED_WHOLE = ['stacks[].okta', 'stacks[].aws', 'stacks[].alarms', 'tags'];

/**
 * Every config setting as the README's reference names it: `okta.org_name`, `stacks[].name`,
 * `sink.region` (sink keys relative to the sink).
 */
function configKeys(): string[] {
  const keys: string[] = [];
  const visit = (node: any, at: string): void => {
    for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
      const name = at === '' ? key : `${at}.${key}`;
      if (key === 'sink') {
        keys.push(name);
        for (const option of child.anyOf ?? []) visit(option, 'sink');
      } else if (key === 'sinks') {
        // Fan-out sinks take the sink keys, plus a name.
        keys.push(`${name}[]`, 'sinks[].name');
        for (const option of child.items.anyOf ?? []) visit({ properties: { ...option.properties, name: undefined } }, 'sink');
      } else if (child === undefined) {
        continue;
      } else if (child.items?.properties) {
        keys.push(`${name}[]`);
        visit(child.items, `${name}[]`);
      } else if ((child.properties || child.anyOf) && !DOCUMENTED_WHOLE.includes(name)) {
        visit(child, name);
      } else {
        keys.push(name);
      }
    }
    for (const option of node.anyOf ?? []) visit(option, at);
  };
  visit(configJsonSchema(), '');
  return [...new Set(keys)];
}

describe('README', () => {
  test('the configuration reference names every config key', () => {
    const missing = configKeys().filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  test('the quick start gives the synth and test commands, and .ci/run runs exactly that test command', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm ci && npm test');
    const ci = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci( --no-audit --no-fund)? && npm test$/m);
  });

  test('lists every npm script it documents as a real script', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    const documented = [...readme.matchAll(/`npm run ([a-z:]+)`/g)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});

describe('README Errors section', () => {
  test('shows what synth prints today for examples/bronto.yaml with three mistakes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadConfig, formatProblems } = require('../schema/validate') as typeof import('../schema/validate');
    const text = fs
      .readFileSync(path.join(root, 'examples', 'bronto.yaml'), 'utf8')
      .replace('account_id: "123456789012"', 'account_id: 123456789012')
      .replace('event_source_name: okta_bronto', 'event_source_name: okta-bronto')
      .replace('collection: okta-prod', 'colection: okta-prod');
    const result = loadConfig(text, 'config/prod.yaml');
    const printed = `okta-log-streaming: ${!result.ok && formatProblems('config/prod.yaml', result.problems)}`;
    const section = readme.slice(readme.indexOf('### Errors'));
    const start = section.indexOf('```text\n') + 8;
    const shown = section.slice(start, section.indexOf('\n```', start));
    expect(shown).toBe(printed);
  });
});
