/**
 * Terraform evaluates a configuration's expressions offline: every resource and data source becomes a
 * local value holding its arguments, so `terraform apply` on the built-in provider alone computes
 * what each resource would be given — variables, validations, conditionals, functions and dynamic
 * blocks included — without any provider. What only a provider knows (an ARN, an id) is a
 * placeholder string named after the attribute (`<aws_sqs_queue.Q.arn>`); data sources answer with
 * the values the caller gives. Meta-arguments (lifecycle, depends_on, import blocks) are not
 * evaluated by a plan either: they are returned as written, references normalized.
 *
 * Input is Terraform JSON as cdktf writes it (cdk.tf.json) or as @cdktf/hcl2json reads a .tf file
 * (every block a list): the published module is evaluated from its HCL, the stack from its JSON.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expression, Json, renderHcl } from '../../cli/hcl/render';
import { segments } from '../../cli/hcl/template';
import { terraformEnv } from './terraform-fixtures';

type Body = { [key: string]: Json };

/** Arguments that are about the resource, not sent to the provider. */
const META = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

export interface ResourceMeta {
  readonly lifecycle?: Json;
  readonly dependsOn: readonly string[];
  /** `count` as written, when the resource has one. */
  readonly count?: string;
}

export interface Harness {
  /** HCL of the evaluation module. */
  readonly hcl: string;
  /** Per resource address: meta-arguments as written. */
  readonly meta: Readonly<Record<string, ResourceMeta>>;
  /** Import blocks: target address → id. */
  readonly imports: Readonly<Record<string, Json>>;
  /**
   * Nested-block paths (`<type>.<block>.<block>`) the configuration shows by its form: lists of
   * objects and dynamic blocks. (An object may be a block or a map; cdktf's bindings say which.)
   */
  readonly blocks: ReadonlySet<string>;
  /** Paths written as an object-valued argument (a map), in the same form. */
  readonly attributes: ReadonlySet<string>;
}

/** A JSON block: cdktf writes an object, hcl2json a list of objects. */
function one(value: Json): Body {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new Error(`expected one block, got ${value.length}`);
    return value[0] as Body;
  }
  return value as Body;
}

function many(value: Json | undefined): Body[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Body[];
}

const localName = (kind: 'r' | 'd', type: string, name: string) => `${kind}__${type}__${name}`;
const bare = (text: string) => text.replace(/^\$\{([\s\S]*)\}$/, '$1').trim();

/** Builds the evaluation module for one configuration. `data`: attribute values per data source type. */
export interface HarnessOptions {
  /**
   * Resources whose evaluation is not wanted, only what others read of them: their local value holds
   * just the referenced attributes, and they are left out of the result (a smaller, faster plan).
   * @default - every resource evaluated
   */
  readonly onlyReferenced?: (address: string) => boolean;
}

export function harnessModule(config: Body, data: Readonly<Record<string, Body>> = {}, options: HarnessOptions = {}): Harness {
  const resources: [string, string, Body][] = [];
  for (const [type, byName] of Object.entries((config.resource ?? {}) as Body)) {
    for (const [name, body] of Object.entries(one(byName as Json) as Body)) resources.push([type, name, one(body)]);
  }
  const dataSources: [string, string][] = [];
  for (const [type, byName] of Object.entries((config.data ?? {}) as Body)) {
    for (const name of Object.keys(one(byName as Json))) dataSources.push([type, name]);
  }
  // References to rewrite, longest first so `aws_x.a_b` is not read as `aws_x.a`.
  const targets = [
    ...resources.map(([type, name]) => ({ from: `${type}.${name}`, to: `local.${localName('r', type, name)}` })),
    ...dataSources.map(([type, name]) => ({ from: `data.${type}.${name}`, to: `local.${localName('d', type, name)}` })),
  ].sort((a, b) => b.from.length - a.from.length);
  const referencePattern = targets.length === 0 ? undefined : new RegExp(`(?<![\\w.])(${targets.map((t) => escapeRegExp(t.from)).join('|')})(?![\\w-])((?:\\[\\d+\\])?\\.[a-z_0-9]+)?`, 'g');
  const byFrom = new Map(targets.map((t) => [t.from, t.to]));
  /** Attributes referenced but not configured: computed by the provider. */
  const computed = new Map<string, Set<string>>();

  const rewrite = (value: Json): Json => {
    if (typeof value === 'string') {
      return segments(value)
        .map((s) => (s.kind === 'literal' || referencePattern === undefined ? s.text : s.text.replace(referencePattern, (_m, from: string, attr?: string) => {
          if (attr !== undefined) {
            const attribute = attr.replace(/^(\[\d+\])?\./, '');
            if (!computed.has(from)) computed.set(from, new Set());
            computed.get(from)!.add(attribute);
          }
          return `${byFrom.get(from)}${attr ?? ''}`;
        })))
        .join('');
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };

  const meta: Record<string, ResourceMeta> = {};
  const blocks = new Set<string>();
  const attributes = new Set<string>();
  const locals: string[] = [];
  const bodies = new Map<string, Body>();
  for (const [type, name, body] of resources) {
    const address = `${type}.${name}`;
    const args: Body = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === '//' || META.has(key)) continue;
      args[key] = value;
    }
    if (body.for_each !== undefined) throw new Error(`${address}: for_each is not evaluated by this harness`);
    meta[address] = {
      lifecycle: body.lifecycle === undefined ? undefined : normalizeMeta(one(body.lifecycle)),
      dependsOn: many(body.depends_on as Json).map((d) => bare(String(d))).sort(),
      ...(body.count === undefined ? {} : { count: bare(String(body.count)) }),
    };
    bodies.set(address, args);
    collectBlocks(args, type, blocks, attributes);
  }
  // Rewrite everything first: that is what finds the computed attributes.
  const rewritten = new Map([...bodies].map(([address, args]) => [address, rewriteBody(args, rewrite)]));
  const outputs = Object.fromEntries(Object.entries((config.output ?? {}) as Body).map(([name, o]) => [name, rewrite(one(o).value)]));
  const originalLocals = many(config.locals as Json).map((l) => rewrite(l) as Body);
  for (const [type, name, body] of resources) {
    const address = `${type}.${name}`;
    const full = rewritten.get(address)!;
    const referenced = computed.get(address) ?? new Set<string>();
    const args: Body = options.onlyReferenced?.(address) ? Object.fromEntries([...referenced].filter((a) => a in full).map((a) => [a, full[a]])) : full;
    for (const attribute of referenced) {
      if (!(attribute in args)) args[attribute] = `<${address}.${attribute}>`;
    }
    const object = expression(args);
    const count = body.count === undefined ? undefined : expression(rewrite(body.count) as Json);
    locals.push(`${localName('r', type, name)} = ${count === undefined ? object : `[for count_index in range(${count}) : ${object.replace(/\bcount\.index\b/g, 'count_index')}]`}`);
  }
  for (const [type, name] of dataSources) {
    const values = data[type];
    if (values === undefined) throw new Error(`data.${type}.${name}: give the harness its values`);
    locals.push(`${localName('d', type, name)} = ${expression(values)}`);
  }
  for (const l of originalLocals) for (const [k, v] of Object.entries(l)) locals.push(`${k} = ${expression(v)}`);

  const variables = Object.fromEntries(Object.entries((config.variable ?? {}) as Body).map(([name, v]) => [name, one(v)]));
  const resourceEntries = resources
    .filter(([type, name]) => !options.onlyReferenced?.(`${type}.${name}`))
    .map(([type, name]) => `"${type}.${name}" = local.${localName('r', type, name)}`);
  const hcl = [
    Object.keys(variables).length === 0 ? '' : renderHcl({ variable: variables } as Body, new Set()),
    `locals {\n${locals.join('\n')}\n}`,
    `output "harness" {\n  sensitive = true\n  value = {\n    resources = {\n${resourceEntries.join('\n')}\n    }\n    outputs = ${expression(outputs)}\n  }\n}`,
  ].join('\n\n');
  const imports: Record<string, Json> = {};
  for (const block of many(config.import as Json)) imports[bare(String(block.to))] = block.id;
  return { hcl, meta, imports, blocks, attributes };
}

function collectBlocks(body: Body, path: string, blocks: Set<string>, attributes: Set<string>): void {
  for (const [key, value] of Object.entries(body)) {
    if (key === 'dynamic') {
      for (const dynamics of many(value)) {
        for (const [label, spec] of Object.entries(dynamics)) {
          blocks.add(`${path}.${label}`);
          collectBlocks(one(one(spec as Json).content as Json), `${path}.${label}`, blocks, attributes);
        }
      }
    } else if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      blocks.add(`${path}.${key}`);
      for (const item of value) collectBlocks(item as Body, `${path}.${key}`, blocks, attributes);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      attributes.add(`${path}.${key}`);
    }
  }
}

/** Dynamic blocks become lists: what Terraform makes of them is the list of their contents. */
function rewriteBody(args: Body, rewrite: (value: Json) => Json): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === 'dynamic') continue;
    out[key] = isBlockList(value) ? (many(value).map((b) => rewriteBody(b, rewrite)) as Json) : rewrite(value);
  }
  for (const dynamics of many(args.dynamic as Json)) {
    for (const [label, spec] of Object.entries(dynamics)) {
      const { for_each: forEach, iterator, content } = one(spec as Json);
      const name = iterator === undefined ? label : bare(String(iterator));
      const inner = rewriteBody(one(content as Json), rewrite);
      const generated = `\${[for ${name} in [for k, v in ${bare(String(rewrite(forEach as Json)))} : { key = k, value = v }] : ${expression(inner)}]}`;
      if (out[label] !== undefined) throw new Error(`both a static and a dynamic "${label}" block: not evaluated by this harness`);
      out[label] = generated;
    }
  }
  return out;
}

/** A nested block that itself holds dynamic blocks must be rewritten block-wise. */
function isBlockList(value: Json): boolean {
  return many(value).some((b) => b !== null && typeof b === 'object' && !Array.isArray(b) && 'dynamic' in b);
}

function normalizeMeta(value: Json): Json {
  if (typeof value === 'string') return bare(value);
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'object' && value[0] !== null && !Array.isArray(value[0]) ? normalizeMeta(value[0]) : value.map(normalizeMeta);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeMeta(v)]));
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface EvaluatedModule {
  readonly resources: Record<string, Json>;
  readonly outputs: Record<string, Json>;
}

/**
 * Writes each harness as a local module, calls each with its inputs from one root module and lets
 * terraform plan it (no provider: only local values), returning every module's evaluation.
 */
export function evaluate(workdir: string, calls: Record<string, { harness: Harness; inputs: Record<string, Json> }>): Record<string, EvaluatedModule> {
  const root: string[] = [];
  for (const [name, { harness, inputs }] of Object.entries(calls)) {
    const dir = path.join(workdir, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), harness.hcl);
    const args = Object.entries(inputs).map(([k, v]) => `  ${k} = ${expression(v)}`);
    root.push(`module "${name}" {\n  source = "./${name}"\n${args.join('\n')}\n}\n\noutput "${name}" {\n  sensitive = true\n  value = module.${name}.harness\n}`);
  }
  fs.writeFileSync(path.join(workdir, 'main.tf'), root.join('\n\n'));
  const run = (...args: string[]) => {
    const result = spawnSync('terraform', [...args, '-no-color'], { cwd: workdir, env: { ...terraformEnv, TF_CLI_CONFIG_FILE: path.join(workdir, 'none.tfrc') }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${result.stderr || result.stdout}`);
    return result.stdout;
  };
  fs.writeFileSync(path.join(workdir, 'none.tfrc'), '');
  run('init', '-input=false');
  // A plan evaluates every output (there are no resources to apply); its JSON holds their values.
  run('plan', '-input=false', '-lock=false', '-refresh=false', '-out=evaluation.tfplan');
  const plan = JSON.parse(run('show', '-json', 'evaluation.tfplan')) as { planned_values: { outputs: Record<string, { value: EvaluatedModule }> } };
  return Object.fromEntries(Object.entries(plan.planned_values.outputs).map(([name, o]) => [name, o.value]));
}
