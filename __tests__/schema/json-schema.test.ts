import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema, configJsonSchemaText } from '../../schema/json-schema';

const published = path.join(__dirname, '..', '..', 'schema', 'config.schema.json');

describe('config JSON Schema', () => {
  test('the published schema is the one the validator is built from (run `npm run schema` after changing it)', () => {
    expect(fs.readFileSync(published, 'utf8')).toBe(configJsonSchemaText());
  });

  test('rejects unknown keys and carries the rules editors can check', () => {
    const schema = configJsonSchema() as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['okta', 'aws', 'backend', 'stacks']));
    const stack = schema.properties.stacks.items;
    expect(stack.additionalProperties).toBe(false);
    expect(stack.properties.event_source_name.pattern).toBe('^[A-Za-z0-9._]{1,75}$');
    expect(schema.properties.aws.properties.region.enum).toContain('eu-west-1');
    expect(stack.properties.sink.anyOf.map((s: any) => s.properties.type.const)).toEqual([
      'bronto',
      'datadog',
      'slashid',
      'cloudwatch_logs',
      'https',
      's3_archive',
      'oort',
      'splunk_cloud',
    ]);
    expect(stack.properties.sinks.items.anyOf.map((s: any) => s.properties.type.const)).toEqual(['bronto', 'datadog', 'slashid', 'cloudwatch_logs', 'https', 's3_archive']);
  });

  test('documents every field for editor hover', () => {
    const undocumented: string[] = [];
    const visit = (node: any, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
        if (key !== 'type' && child.description === undefined && child.anyOf === undefined) undocumented.push(`${at}.${key}`);
        visit(child, `${at}.${key}`);
      }
      if (node.items) visit(node.items, `${at}[]`);
      for (const option of node.anyOf ?? []) visit(option, at);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${at}.*`);
    };
    visit(configJsonSchema(), '');
    expect(undocumented).toEqual([]);
  });
});
