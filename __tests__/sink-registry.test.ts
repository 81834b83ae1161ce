/**
 * Every sink has every part: a half-added sink fails here, by name. The registries are typed complete
 * (a missing entry does not compile); this checks what types cannot: that the parts are there and
 * work together, and that the docs page exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { MODULES } from '../cli/terraform-modules/definitions';
import { SINK_MODULES } from '../cli/terraform-modules/sinks/index';
import { fanOutSinkSchema, sinkSchema } from '../schema/config';
import { SINK_TYPES, SINKS } from '../schema/sinks/index';
import { formatProblems, validateConfig } from '../schema/validate';
import { createStacks } from '../stacks/create-stacks';
import { FanOutStack } from '../stacks/fan-out-stack';
import { SINK_STACKS } from '../stacks/sinks';

const root = path.join(__dirname, '..');
const base = { okta: { org_name: 'acme' }, aws: { account_id: '123456789012', region: 'eu-west-1' }, backend: { type: 'local' } };

function stacksOf(stack: Record<string, unknown>) {
  const result = validateConfig({ ...base, stacks: [{ name: 'okta-logs', ...stack }] });
  if (!result.ok) throw new Error(formatProblems('registry test config', result.problems));
  return createStacks(Testing.app(), result.value);
}

describe('the sink registries', () => {
  test('the stacks and the modules list exactly the sinks the config declares', () => {
    expect(Object.keys(SINK_STACKS)).toEqual(SINK_TYPES);
    expect(Object.keys(SINK_MODULES)).toEqual(SINK_TYPES);
    expect(MODULES.slice(1)).toEqual(SINK_TYPES.map((type) => SINK_MODULES[type]));
  });

  describe.each(SINK_TYPES.map((type) => [type] as const))('%s', (type) => {
    const declared = SINKS[type];
    const module = SINK_MODULES[type];

    test('schema: declared under its own type, and the stack schema takes its docs example', () => {
      expect(declared.type).toBe(type);
      expect(declared.schema.safeParse(declared.example).success).toBe(true);
      expect(sinkSchema.safeParse(declared.example).success).toBe(true);
    });

    test(`fan-out: ${declared.kind === 'eventbridge' ? 'a named sink of this type joins a fan-out stack' : 'refused, with a stack of its own'}`, () => {
      expect(fanOutSinkSchema.safeParse({ name: 'one', ...declared.example }).success).toBe(declared.kind === 'eventbridge');
      if (declared.kind === 'eventbridge') {
        const [stack] = stacksOf({ event_source_name: 'okta_logs', sinks: [{ name: 'one', ...declared.example }] });
        expect(stack).toBeInstanceOf(FanOutStack);
      }
    });

    test('factory and stack: its docs example builds a stack of its own class', () => {
      const form = SINK_STACKS[type];
      expect(typeof form.stack).toBe('function');
      if (declared.kind === 'eventbridge') expect('factory' in form && typeof form.factory).toBe('function');
      const [stack] = stacksOf(declared.kind === 'eventbridge' ? { event_source_name: 'okta_logs', sink: declared.example } : { sink: declared.example });
      expect(stack).toBeInstanceOf(form.stack);
    });

    test('module: a Terraform module of its own, published under terraform/, and a stack test', () => {
      expect(module).toBeDefined();
      expect(MODULES).toContain(module);
      expect(module.providers.includes('aws')).toBe(declared.kind === 'eventbridge');
      expect(fs.existsSync(path.join(root, 'terraform', module.name, 'main.tf'))).toBe(true);
      expect(fs.existsSync(path.join(root, '__tests__', 'stacks', `${module.name}-stack.test.ts`))).toBe(true);
    });

    test('docs: its page under docs/sinks/, linked from the sinks index', () => {
      expect(fs.existsSync(path.join(root, 'docs', 'sinks', declared.page))).toBe(true);
      expect(fs.readFileSync(path.join(root, 'docs', 'sinks', 'README.md'), 'utf8')).toContain(`](${declared.page})`);
    });
  });
});
