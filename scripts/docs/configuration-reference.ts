/**
 * docs/configuration.md, generated from the config schema (the same zod schema the validator uses,
 * through its JSON Schema): every key with its type, whether it is required, its default, what it
 * allows and its description; one table per sink type. The Errors example is what the validator
 * prints today for a config with three mistakes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchema } from '../../schema/json-schema';
import { CONDITIONAL_STACK_KEYS } from '../../schema/stack-keys';
import { formatProblems, loadConfig } from '../../schema/validate';

interface Node {
  readonly type?: string | string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: Record<string, Node>;
  readonly required?: readonly string[];
  readonly items?: Node;
  readonly anyOf?: readonly Node[];
  readonly additionalProperties?: Node | boolean;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(node: Node): string {
  if (node.anyOf !== undefined) return [...new Set(node.anyOf.map(typeOf))].join(' or ');
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.type === 'array') return `list of ${node.items === undefined ? 'values' : typeOf(node.items)}`;
  if (node.type === 'object' && node.properties === undefined) return 'map of strings';
  return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'value');
}

function allowed(node: Node): string {
  const parts: string[] = [];
  if (node.enum !== undefined) parts.push(node.enum.map((v) => `\`${String(v)}\``).join(', '));
  if (node.minimum !== undefined || node.maximum !== undefined) parts.push(`${node.minimum ?? '…'}–${node.maximum ?? '…'}`);
  if (node.minItems !== undefined || node.maxItems !== undefined) parts.push(`${node.minItems ?? 0}–${node.maxItems ?? '…'} items`);
  if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  if (node.pattern !== undefined) parts.push(`\`${node.pattern}\``);
  if (node.items !== undefined && node.items.enum !== undefined) parts.push(`each one of ${node.items.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (node.items?.pattern !== undefined) parts.push(`each \`${node.items.pattern}\``);
  return parts.join('; ');
}

interface Row {
  readonly key: string;
  readonly node: Node;
  /** true, false, or the condition under which it is ("for EventBridge stacks …"). */
  readonly required: boolean | string;
}

/** The rows of an object's keys, nested objects flattened with dotted keys (lists of objects as `key[]`). */
function rows(node: Node, at: string, stop: (key: string, node: Node) => boolean = () => false): Row[] {
  const out: Row[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const name = at === '' ? key : `${at}.${key}`;
    const required = (node.required ?? []).includes(key);
    if (stop(name, child)) continue;
    const variants = (child.anyOf ?? []).filter((o) => o.properties !== undefined);
    if (child.properties !== undefined) {
      out.push({ key: name, node: child, required }, ...rows(child, name, stop));
    } else if (variants.length > 0) {
      // One table for the variants (backend s3/cloud, https auth types): each key once, with the variant that takes it.
      out.push({ key: name, node: { ...child, description: child.description ?? variants.map((v) => v.description).filter(Boolean).join(' / ') }, required });
      const seen = new Set<string>();
      for (const variant of variants) {
        const which = variant.properties?.type?.const;
        for (const row of rows(variant, name, stop)) {
          if (seen.has(row.key) && row.key !== `${name}.type`) continue;
          if (row.key === `${name}.type`) {
            if (seen.has(row.key)) continue;
            out.push({ key: row.key, node: { type: 'string', enum: variants.map((v) => v.properties?.type?.const), description: 'Which of the variants below.' }, required: true });
          } else {
            out.push(which === undefined ? row : { ...row, node: { ...row.node, description: `(${name}.type ${String(which)}) ${row.node.description ?? ''}` } });
          }
          seen.add(row.key);
        }
      }
    } else if (child.type === 'array' && child.items?.properties !== undefined) {
      out.push({ key: `${name}[]`, node: child, required }, ...rows(child.items, `${name}[]`, stop));
    } else {
      out.push({ key: name, node: child, required });
    }
  }
  return out;
}

function table(entries: readonly Row[]): string {
  const lines = ['| key | type | required | default | allowed | description |', '|---|---|---|---|---|---|'];
  for (const { key, node, required } of entries) {
    const fallback = node.default === undefined ? '' : `\`${JSON.stringify(node.default)}\``;
    lines.push(`| \`${key}\` | ${cell(typeOf(node))} | ${typeof required === 'string' ? cell(required) : required ? 'yes' : 'no'} | ${cell(fallback)} | ${cell(allowed(node))} | ${cell(node.description ?? '')} |`);
  }
  return lines.join('\n');
}

/** What the validator prints for examples/bronto.yaml with three mistakes (the docs show it, a test holds it). */
export function errorsExample(root: string): string {
  const text = fs
    .readFileSync(path.join(root, 'examples', 'bronto.yaml'), 'utf8')
    .replace('account_id: "123456789012"', 'account_id: 123456789012')
    .replace('event_source_name: okta_bronto', 'event_source_name: okta-bronto')
    .replace('collection: okta-prod', 'colection: okta-prod');
  const result = loadConfig(text, 'config/prod.yaml');
  return `okta-log-streaming: ${!result.ok && formatProblems('config/prod.yaml', result.problems)}`;
}

export function configurationReference(root: string): string {
  const schema = configJsonSchema() as Node;
  const stacks = schema.properties!.stacks;
  const stack = stacks.items!;
  const sinkOptions = stack.properties!.sink.anyOf ?? [];
  const topLevel = rows(schema, '', (key) => key === 'stacks');
  // A key required only for some stacks says for which, from the declaration the validator enforces.
  const conditions = new Map(CONDITIONAL_STACK_KEYS.map((rule) => [`stacks[].${rule.key}`, `for ${rule.requiredFor}`]));
  const stackRows = rows(stack, 'stacks[]', (key) => key === 'stacks[].sink' || key === 'stacks[].sinks').map((row) => ({ ...row, required: conditions.get(row.key) ?? row.required }));
  const sinkSections = sinkOptions.map((option) => {
    const type = String(option.properties!.type.const);
    return [`### \`${type}\``, '', option.description ?? '', '', table(rows(option, 'sink').filter((r) => r.key !== 'sink.type'))].join('\n');
  });
  return `${[
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run docs` from the config schema (schema/config.ts); a test fails when this file is stale. -->',
    '',
    'One file per environment, YAML or JSON, named by `OKTA_LOG_STREAMING_CONFIG` (default `examples/bronto.yaml`);',
    '`npm run synth` writes the stacks to `CDKTF_OUTDIR` (default `cdktf.out`). The file never holds a secret: a sink',
    'names the sensitive Terraform variable (`TF_VAR_<name>`) that carries its secret. Editors complete and check it with',
    '`schema/config.schema.json` (the first line of every example points at it).',
    '',
    '## Top level',
    '',
    table(topLevel),
    '',
    '## Stacks',
    '',
    'Each entry of `stacks` is one stack and one Okta log stream: give `sink` (one sink, by type) or `sinks` (fan-out:',
    'several sinks of the types behind EventBridge, each with a `name`, on one stream).',
    '',
    table(stackRows),
    '| `stacks[].sink` | object | one of | | | The stack\'s one sink, by `type`: see [Sinks](#sinks). |',
    '| `stacks[].sinks[]` | list of objects | one of | | 1–100 items | Fan-out: several sinks, each with a `name` (kebab-case) and the keys of its type below. |',
    '',
    '## Sinks',
    '',
    'Keys of `stacks[].sink` (and of each `stacks[].sinks[]` entry, which also takes `name`), by `type`. Each sink\'s page',
    'under [sinks/](sinks/README.md) says what it creates and why.',
    '',
    sinkSections.join('\n\n'),
    '',
    '## Errors',
    '',
    'Every problem at once, each with its path, what was given and what is allowed (a secret is described, never',
    'printed); nothing is written. `examples/bronto.yaml` with three mistakes prints:',
    '',
    '```text',
    errorsExample(root),
    '```',
  ].join('\n')}\n`;
}
