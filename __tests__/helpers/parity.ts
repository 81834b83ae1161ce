/**
 * Compares what Terraform evaluated for a module call with what it evaluated for the equivalent
 * stack, under the equivalences Terraform and the AWS provider themselves apply, and nothing more:
 * - an argument set to null is an argument left out (Terraform);
 * - a nested block may be written as an object or a list of one (Terraform JSON), and zero blocks
 *   is no block (a dynamic block whose condition is false);
 * - an empty map or list argument is an absent one (the provider SDK cannot tell them apart);
 * - a JSON document (policy, event pattern, dashboard) is compared as JSON, as the provider
 *   compares it (it suppresses diffs between equivalent documents).
 */
import { Json } from '../../cli/hcl/render';

/** Block paths as `<resource type>.<argument>.<nested argument>`. */
export type BlockPaths = ReadonlySet<string>;

/** Type-level block paths from cdktf's `resource.<type>.<name>.<path>` paths. */
export function typeBlockPaths(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const parts = p.split('.');
    if (parts[0] === 'resource' && parts.length > 3) out.add([parts[1], ...parts.slice(3)].join('.'));
  }
  return out;
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

export function normalize(value: Json | undefined, path: string, blocks: BlockPaths): Json | undefined {
  if (value === null || value === undefined) return undefined;
  const isBlock = blocks.has(path);
  if (isBlock) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) return undefined;
    const items = list.map((item) => normalizeObject(item as { [k: string]: Json }, path, blocks));
    return items.length === 1 ? items[0] : items;
  }
  if (typeof value === 'string') {
    if (/^\s*[[{]/.test(value)) {
      try {
        return sortKeys(JSON.parse(value) as Json);
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalize(v, path, blocks) ?? null);
  if (isObject(value)) {
    if (Object.keys(value).length === 0) return undefined;
    // A map argument: its keys are data, not paths.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, `${path}.*`, blocks) ?? null]));
  }
  return value;
}

function normalizeObject(body: { [k: string]: Json }, path: string, blocks: BlockPaths): Json {
  const out: { [k: string]: Json } = {};
  for (const key of Object.keys(body).sort()) {
    const v = normalize(body[key], `${path}.${key}`, blocks);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A resource's evaluated arguments, normalized. */
export function normalizeResource(type: string, args: Json, blocks: BlockPaths): Json {
  return normalizeObject(args as { [k: string]: Json }, type, blocks);
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

/** Every difference between two normalized values, as `path: stack … ≠ module …`. */
export function differences(stack: Json | undefined, module: Json | undefined, path: string): string[] {
  if (JSON.stringify(stack) === JSON.stringify(module)) return [];
  if (isObject(stack ?? null) && isObject(module ?? null)) {
    const s = stack as { [k: string]: Json };
    const m = module as { [k: string]: Json };
    return [...new Set([...Object.keys(s), ...Object.keys(m)])].sort().flatMap((k) => differences(s[k], m[k], `${path}.${k}`));
  }
  return [`${path}: stack ${JSON.stringify(stack)} ≠ module ${JSON.stringify(module)}`];
}
