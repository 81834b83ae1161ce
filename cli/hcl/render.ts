/**
 * Native HCL from a stack's Terraform JSON. cdktf 0.21's own renderer quotes references in
 * depends_on, provider and lifecycle.ignore_changes ("Quoted references are deprecated"), renders
 * precondition as an argument, leaves quotes unescaped in strings that carry references (invalid HCL
 * for every IAM policy here) and ignores overrides' types. This renderer works from the JSON (which
 * has the overrides right) and takes only one fact from cdktf: which attributes are blocks.
 */
import { stringExpression, escapeLiteral } from './template';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { [key: string]: Json };

/** Blocks every Terraform configuration has, whatever the provider schemas say. */
const META_BLOCKS = new Set(['lifecycle', 'precondition', 'postcondition', 'validation', 'provisioner', 'connection']);
/** Arguments whose values are references or keywords, never strings. */
const BARE_REFERENCE_LISTS = new Set(['depends_on', 'ignore_changes', 'replace_triggered_by']);
const ORDER = ['terraform', 'provider', 'variable', 'locals', 'module', 'data', 'resource', 'output', 'import', 'moved', 'removed'];

export function renderHcl(config: Body, blocks: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const section of [...ORDER, ...Object.keys(config).filter((k) => !ORDER.includes(k) && k !== '//')]) {
    const value = config[section];
    if (value === undefined) continue;
    out.push(...renderSection(section, value, blocks));
  }
  return `${out.join('\n\n')}\n`;
}

function renderSection(section: string, value: Json, blocks: ReadonlySet<string>): string[] {
  const body = value as Body;
  switch (section) {
    case 'terraform':
      return [block('terraform', [], terraformBody(body))];
    case 'provider':
      return Object.entries(body).flatMap(([name, configs]) =>
        (configs as Body[]).map((c) => block('provider', [name], renderBody(c, `provider.${name}`, blocks, 'provider'))),
      );
    case 'module':
    case 'variable':
    case 'output':
      return Object.entries(body).map(([name, c]) => block(section, [name], renderBody(c as Body, `${section}.${name}`, blocks, section)));
    case 'locals':
      return [block('locals', [], renderBody(body, 'locals', blocks, 'locals'))];
    case 'resource':
    case 'data':
      return Object.entries(body).flatMap(([type, byName]) =>
        Object.entries(byName as Body).map(([name, c]) => block(section, [type, name], renderBody(c as Body, `${section}.${type}.${name}`, blocks, 'resource'))),
      );
    case 'import':
    case 'moved':
    case 'removed':
      return (Array.isArray(value) ? value : [value]).map((c) => block(section, [], renderBody(c as Body, section, blocks, section)));
    default:
      throw new Error(`renderHcl: no rendering for top-level "${section}"`);
  }
}

function terraformBody(body: Body): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'required_providers') {
      lines.push(block('required_providers', [], Object.entries(value as Body).map(([name, req]) => `${name} = ${expression(req)}`)));
    } else if (key === 'backend') {
      for (const [type, settings] of Object.entries(value as Body)) lines.push(block('backend', [type], attributes(settings as Body)));
    } else if (key === 'cloud') {
      const { workspaces, ...rest } = value as Body;
      lines.push(block('cloud', [], [...attributes(rest), ...(workspaces === undefined ? [] : [block('workspaces', [], attributes(workspaces as Body))])]));
    } else {
      lines.push(`${key} = ${expression(value)}`);
    }
  }
  return lines;
}

function attributes(body: Body): string[] {
  return Object.entries(body).map(([key, value]) => `${key} = ${expression(value)}`);
}

function renderBody(body: Body, path: string, blocks: ReadonlySet<string>, context: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === undefined) continue;
    const childPath = `${path}.${key}`;
    if (key === 'dynamic' && context !== 'variable') {
      // dynamic "<label>" { for_each, iterator, content { … } }: content is the block's own body.
      for (const [label, spec] of Object.entries(value as Body)) {
        const { for_each: forEach, iterator, content } = spec as Body;
        const head = [`for_each = ${expression(forEach)}`, ...(iterator === undefined ? [] : [`iterator = ${bare(iterator as string)}`])];
        lines.push(block('dynamic', [label], [...head, block('content', [], renderBody(content as Body, `${path}.${label}`, blocks, 'content'))]));
      }
    } else if (BARE_REFERENCE_LISTS.has(key)) {
      // `ignore_changes = all` is a keyword, not a list.
      lines.push(`${key} = ${Array.isArray(value) ? `[${(value as string[]).map(bare).join(', ')}]` : bare(value as string)}`);
    } else if ((key === 'provider' && context !== 'provider') || ((key === 'to' || key === 'from') && (context === 'import' || context === 'moved' || context === 'removed'))) {
      lines.push(`${key} = ${bare(value as string)}`);
    } else if (key === 'providers' && context === 'module') {
      lines.push(`providers = {\n${Object.entries(value as Body).map(([k, v]) => `${k} = ${bare(v as string)}`).join('\n')}\n}`);
    } else if (key === 'type' && context === 'variable') {
      lines.push(`type = ${bare(value as string)}`);
    } else if (blocks.has(childPath) || META_BLOCKS.has(key) || (context === 'content' && isBlockList(value))) {
      for (const item of Array.isArray(value) ? value : [value]) {
        lines.push(block(key, [], renderBody(item as Body, childPath, blocks, key === 'lifecycle' ? 'lifecycle' : context === 'content' ? 'content' : 'block')));
      }
    } else {
      lines.push(`${key} = ${expression(value)}`);
    }
  }
  return lines;
}

/**
 * Inside a dynamic block's content the bindings cannot say what is a block: there, nested blocks
 * are written as lists of objects (maps stay objects).
 */
function isBlockList(value: Json): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/** A reference or keyword written as a string in JSON: `"aws_x.y"` or `"${aws_x.y}"` → `aws_x.y`. */
function bare(value: string): string {
  const unwrapped = /^\$\{([\s\S]*)\}$/.exec(value);
  return (unwrapped ? unwrapped[1] : value).trim();
}

/** A Terraform JSON value as the equivalent HCL expression. */
export function expression(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringExpression(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => `${expression(v)},`).join('\n')}\n]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${objectKey(k)} = ${expression(v)}`).join('\n')}\n}`;
}

function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `"${escapeLiteral(key)}"`;
}

function block(type: string, labels: string[], lines: string[]): string {
  const head = [type, ...labels.map((l) => `"${escapeLiteral(l)}"`)].join(' ');
  return lines.length === 0 ? `${head} {}` : `${head} {\n${indent(lines.join('\n'))}\n}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
