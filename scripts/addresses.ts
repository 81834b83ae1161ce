/**
 * Upgrades that never surprise state: every resource address a release shipped — in each example's
 * stacks and in each published module — is still declared, or moved (Terraform `moved` blocks,
 * followed through chains) to one that is, or removed on purpose (a `removed` block). The manifest,
 * docs/addresses.json, records what was shipped and every address ever had; `okta-log-streaming docs`
 * regenerates it (scripts/docs/address-manifest.ts) and refuses, writing nothing, when the rule is
 * broken, so regenerating cannot launder a rename. docs/upgrading.md says why. Pure: Terraform JSON
 * and manifests in, problems out.
 */

/** One Terraform `moved` block. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/** What one stack or module declares about its addresses, from its Terraform JSON. */
export interface Declared {
  /** Managed resources, `type.name` (data sources are not state anyone can lose). */
  readonly resources: readonly string[];
  readonly moved: readonly Move[];
  /** The `from` of each `removed` block. */
  readonly removed: readonly string[];
}

/** What the manifest records of one stack or module. */
export interface Recorded {
  /** Its resource addresses, sorted. */
  readonly resources: readonly string[];
  /** Every address it once had and no longer has → where its moved blocks take it now. */
  readonly moved?: Readonly<Record<string, string>>;
  /** Every address it once had that a `removed` block accounts for. */
  readonly removed?: readonly string[];
}

export interface AddressManifest {
  /** Example file (in examples/) → stack id → its addresses. */
  readonly examples: Readonly<Record<string, Readonly<Record<string, Recorded>>>>;
  /** Module name (terraform/<name>) → its addresses, as the module declares them (a caller's state prefixes `module.<call>.`). */
  readonly modules: Readonly<Record<string, Recorded>>;
}

/** The configurations as they synthesize now, keyed as the manifest is. */
export interface CurrentAddresses {
  readonly examples: Readonly<Record<string, Readonly<Record<string, Declared>>>>;
  readonly modules: Readonly<Record<string, Declared>>;
}

export interface AddressViolation {
  /** `examples/bronto.yaml, stack okta-bronto` or `module bronto (terraform/bronto)`. */
  readonly where: string;
  /** The address concerned, when the problem is one address. */
  readonly address?: string;
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

export const EMPTY_MANIFEST: AddressManifest = { examples: {}, modules: {} };

/** Terraform JSON (cdktf's cdk.tf.json, a module's JSON) → what it declares. */
export function declaredAddresses(json: { readonly resource?: Record<string, Record<string, unknown>>; readonly moved?: unknown; readonly removed?: unknown }): Declared {
  const blocks = (section: unknown) => (section === undefined ? [] : Array.isArray(section) ? section : [section]) as Record<string, unknown>[];
  const address = (value: unknown) => String(value).replace(/^\$\{([\s\S]*)\}$/, '$1').trim();
  return {
    resources: Object.entries(json.resource ?? {})
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .sort(),
    moved: blocks(json.moved).map((block) => ({ from: address(block.from), to: address(block.to) })),
    removed: blocks(json.removed).map((block) => address(block.from)),
  };
}

interface Unit {
  readonly where: string;
  readonly kind: 'stack' | 'module';
  readonly recorded?: Recorded;
  readonly declared?: Declared;
  /** Where it sits in the manifest. */
  readonly key: readonly [section: 'examples', example: string, stack: string] | readonly [section: 'modules', module: string];
}

function units(manifest: AddressManifest, current: CurrentAddresses): Unit[] {
  const out: Unit[] = [];
  for (const example of sortedUnion(Object.keys(manifest.examples), Object.keys(current.examples))) {
    const recorded = manifest.examples[example] ?? {};
    const declared = current.examples[example] ?? {};
    for (const stack of sortedUnion(Object.keys(recorded), Object.keys(declared))) {
      out.push({ where: `examples/${example}, stack ${stack}`, kind: 'stack', recorded: recorded[stack], declared: declared[stack], key: ['examples', example, stack] });
    }
  }
  for (const name of sortedUnion(Object.keys(manifest.modules), Object.keys(current.modules))) {
    out.push({ where: `module ${name} (terraform/${name})`, kind: 'module', recorded: manifest.modules[name], declared: current.modules[name], key: ['modules', name] });
  }
  return out;
}

type Resolution = { readonly to: string } | { readonly removed: true } | { readonly lost: string } | { readonly cycle: readonly string[] };

/** Where an address of the past is now: declared, removed, or lost (the chain of moves ends nowhere). */
function resolve(address: string, declared: Declared, next: ReadonlyMap<string, string>): Resolution {
  const resources = new Set(declared.resources);
  const removed = new Set(declared.removed);
  const seen: string[] = [];
  let at = address;
  for (;;) {
    if (resources.has(at)) return { to: at };
    if (removed.has(at)) return { removed: true };
    if (seen.includes(at)) return { cycle: [...seen, at] };
    seen.push(at);
    const to = next.get(at);
    if (to === undefined) return { lost: at };
    at = to;
  }
}

/** Every address the manifest says a stack or module once had. */
function known(recorded: Recorded): string[] {
  return sortedUnion(recorded.resources, Object.keys(recorded.moved ?? {}), recorded.removed ?? []);
}

/** What Terraform itself refuses of a configuration's moved and removed blocks (it would fail at plan). */
function blockProblems(unit: Unit, declared: Declared): AddressViolation[] {
  const problems: AddressViolation[] = [];
  const resources = new Set(declared.resources);
  const twice = (values: readonly string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
  for (const from of twice(declared.moved.map((m) => m.from))) {
    problems.push({ where: unit.where, address: from, problem: 'two moved blocks move it (Terraform: "Ambiguous move statements")', fix: 'keep one moved block from it' });
  }
  for (const to of twice(declared.moved.map((m) => m.to))) {
    const froms = declared.moved.filter((m) => m.to === to).map((m) => m.from);
    problems.push({ where: unit.where, address: to, problem: `moved blocks from ${froms.join(' and ')} both end at it (Terraform: "Ambiguous move statements"; each resource can have moved from only one address)`, fix: `chain them instead: from the oldest to the next, each once (${froms.join(' → ')} → ${to})` });
  }
  for (const { from, to } of declared.moved) {
    if (resources.has(from)) problems.push({ where: unit.where, address: from, problem: `it is moved to ${to} but still declared (Terraform: "Moved object still exists")`, fix: 'declare the resource at one address only' });
  }
  for (const from of declared.removed) {
    if (resources.has(from)) problems.push({ where: unit.where, address: from, problem: 'a removed block names it, but it is still declared (Terraform refuses both)', fix: 'drop the removed block, or the resource' });
  }
  return problems;
}

/**
 * The rule. Every address the manifest records for a stack or module (its resources, and every
 * address it ever had) must still be declared there, or be moved — through the configuration's
 * moved blocks, chains followed — to one that is, or be named by a removed block; every stack and
 * module the manifest records must still be synthesized; and the moved and removed blocks must be
 * ones Terraform accepts. Returns every violation, each with what to do. New addresses are fine.
 */
export function addressViolations(manifest: AddressManifest, current: CurrentAddresses): AddressViolation[] {
  const violations: AddressViolation[] = [];
  for (const unit of units(manifest, current)) {
    const { recorded, declared } = unit;
    if (declared === undefined) {
      violations.push({
        where: unit.where,
        problem: unit.kind === 'stack' ? 'it is no longer synthesized (the example file is gone, or its config no longer has this stack)' : 'the module is no longer generated',
        fix:
          unit.kind === 'stack'
            ? `a stack's id is its state's name: if the example changed on purpose, delete this entry from docs/addresses.json in the same commit, where a reviewer sees it`
            : 'removing a module is a major version (docs/upgrading.md): delete its entry from docs/addresses.json in the same commit, where a reviewer sees it',
      });
      continue;
    }
    violations.push(...blockProblems(unit, declared));
    if (recorded === undefined) continue;
    const next = new Map(declared.moved.map((m) => [m.from, m.to]));
    const added = declared.resources.filter((a) => !known(recorded).includes(a));
    for (const address of known(recorded)) {
      const where = resolve(address, declared, next);
      if ('cycle' in where) {
        violations.push({ where: unit.where, address, problem: `its moved blocks go round in a circle (${where.cycle.join(' → ')})`, fix: 'end the chain at the address the resource has now' });
      } else if ('lost' in where) {
        violations.push({ where: unit.where, address, problem: lostProblem(address, where.lost), fix: lostFix(unit, where.lost, added) });
      }
    }
  }
  return violations;
}

function lostProblem(address: string, lost: string): string {
  const via = lost === address ? '' : ` (its moved blocks lead to ${lost}, which is not declared either)`;
  return `no longer declared, moved or removed${via}: every state that holds it would destroy it and create a new one`;
}

function lostFix(unit: Unit, lost: string, added: readonly string[]): string {
  const type = lost.split('.')[0];
  const candidates = added.filter((a) => a.split('.')[0] === type);
  const seen = candidates.length === 0 ? '' : ` (new ${type} here: ${candidates.join(', ')})`;
  if (unit.kind === 'module') {
    return `add \`moved { from = ${lost}, to = <its new address> }\` to the module${seen} (a MovedBlocks in its stack, rendered into main.tf), or a removed block if it is gone on purpose (a major version: docs/upgrading.md)`;
  }
  return (
    `declare where it went${seen}: renamedFrom(<the renamed construct>, '<its former id>') (modules/moved.ts) where that construct is created, ` +
    `or .moveFromId('${lost}') on the resource at its new address; if it is gone on purpose, a removed block (a major version: docs/upgrading.md); ` +
    `if the example's config changed so that it no longer has this resource, delete the address from docs/addresses.json in the same commit`
  );
}

export function formatViolations(violations: readonly AddressViolation[]): string {
  return violations.map((v) => `  ✗ ${v.where}: ${v.address === undefined ? '' : `${v.address}: `}${v.problem}\n    fix: ${v.fix}`).join('\n');
}

/** The rule broken: every violation, and why nothing was written. */
export class AddressRuleError extends Error {
  constructor(readonly violations: readonly AddressViolation[]) {
    super(
      `${violations.length} resource ${violations.length === 1 ? 'address' : 'addresses'} of a shipped release would change in users' state (docs/upgrading.md); ` +
        `docs/addresses.json is unchanged:\n${formatViolations(violations)}`,
    );
    this.name = 'AddressRuleError';
  }
}

/**
 * The manifest after this change: today's addresses, and every address ever had with where it is
 * now (moved) or that it was removed, so a later release cannot drop the moved block a user
 * upgrading across several releases needs. Throws an AddressRuleError when the rule is broken.
 */
export function updatedManifest(manifest: AddressManifest, current: CurrentAddresses): AddressManifest {
  const violations = addressViolations(manifest, current);
  if (violations.length > 0) throw new AddressRuleError(violations);
  const examples: Record<string, Record<string, Recorded>> = {};
  const modules: Record<string, Recorded> = {};
  for (const unit of units(manifest, current)) {
    const declared = unit.declared as Declared;
    const entry = record(unit.recorded, declared);
    if (unit.key[0] === 'examples') (examples[unit.key[1]] ??= {})[unit.key[2]] = entry;
    else modules[unit.key[1]] = entry;
  }
  return { examples, modules };
}

function record(recorded: Recorded | undefined, declared: Declared): Recorded {
  const next = new Map(declared.moved.map((m) => [m.from, m.to]));
  const moved: Record<string, string> = {};
  const removed: string[] = [];
  for (const address of recorded === undefined ? [] : known(recorded)) {
    if (declared.resources.includes(address)) continue;
    const where = resolve(address, declared, next);
    if ('to' in where) moved[address] = where.to;
    else if ('removed' in where) removed.push(address);
  }
  return {
    resources: [...declared.resources].sort(),
    ...(Object.keys(moved).length > 0 ? { moved } : {}),
    ...(removed.length > 0 ? { removed } : {}),
  };
}

const MANIFEST_NOTE =
  'Generated by `okta-log-streaming docs` (scripts/docs/address-manifest.ts): the resource addresses of every example\'s stacks and every module, and every address they ever had. ' +
  'An address never disappears without a moved or removed block: a test holds the configurations to this file, and regenerating refuses when one would (docs/upgrading.md).';

/** The manifest as committed: sorted, two-space JSON, a note first. */
export function manifestText(manifest: AddressManifest): string {
  const sortKeys = <T>(record: Readonly<Record<string, T>>, each: (value: T) => unknown) => Object.fromEntries(Object.keys(record).sort().map((k) => [k, each(record[k])]));
  const entry = (r: Recorded) => ({
    resources: [...r.resources].sort(),
    ...(r.moved === undefined ? {} : { moved: sortKeys(r.moved, (to) => to) }),
    ...(r.removed === undefined ? {} : { removed: [...r.removed].sort() }),
  });
  return `${JSON.stringify({ '//': MANIFEST_NOTE, examples: sortKeys(manifest.examples, (stacks) => sortKeys(stacks, entry)), modules: sortKeys(manifest.modules, entry) }, null, 2)}\n`;
}

/** A committed manifest's text → the manifest; throws on a file that is not one. */
export function parseManifest(text: string): AddressManifest {
  const parsed = JSON.parse(text) as Partial<AddressManifest>;
  const isEntry = (value: unknown): value is Recorded => typeof value === 'object' && value !== null && Array.isArray((value as Recorded).resources);
  const ok =
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof parsed.examples === 'object' &&
    typeof parsed.modules === 'object' &&
    Object.values(parsed.examples ?? {}).every((stacks) => Object.values(stacks).every(isEntry)) &&
    Object.values(parsed.modules ?? {}).every(isEntry);
  if (!ok) throw new Error('docs/addresses.json is not an address manifest ({ examples: { <file>: { <stack>: { resources: [...] } } }, modules: { <name>: { resources: [...] } } })');
  return { examples: parsed.examples ?? {}, modules: parsed.modules ?? {} };
}

/** The manifest to commit, from the committed one (none yet: undefined) and the configurations now. Throws when the rule is broken. */
export function nextManifestText(committed: string | undefined, current: CurrentAddresses): string {
  return manifestText(updatedManifest(committed === undefined ? EMPTY_MANIFEST : parseManifest(committed), current));
}

function sortedUnion(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
