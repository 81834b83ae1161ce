/**
 * Property test: generated invalid configs are each rejected by the app with a message naming the
 * broken path, without a stack trace and without writing anything.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { main } from '../main';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const root = path.join(__dirname, '..');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** Valid starting points: the shipped examples. */
const bases: Json[] = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(fs.readFileSync(path.join(root, 'examples', f), 'utf8')) as Json);

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;
const isObject = (value: Json): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How the validator names a path: `stacks[0].sink.region`. */
const formatPath = (p: Path) => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(file)';

const nodeCache = new WeakMap<object, { path: Path; value: Json }[]>();

/** Every node of a base config with its path; computed once per base. */
function nodes(value: Json): { path: Path; value: Json }[] {
  const key = value as object;
  if (!nodeCache.has(key)) nodeCache.set(key, walk(value));
  return nodeCache.get(key)!;
}

function walk(value: Json, at: Path = []): { path: Path; value: Json }[] {
  const children = Array.isArray(value)
    ? value.flatMap((child, i) => walk(child, [...at, i]))
    : isObject(value)
      ? Object.entries(value).flatMap(([key, child]) => walk(child, [...at, key]))
      : [];
  return [{ path: at, value }, ...children];
}

function getAt(value: Json, p: Path): Json {
  return p.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], value);
}

function setAt(value: Json, p: Path, replacement: Json | undefined): void {
  const parent = getAt(value, p.slice(0, -1)) as Record<string | number, Json>;
  const key = p[p.length - 1];
  if (replacement === undefined) delete parent[key];
  else parent[key] = replacement;
}

interface Mutation {
  readonly kind: string;
  /** The file's text. */
  readonly text: string;
  /** The file's name: config.json for structural mistakes (JSON is a config format too, and cheap), config.yaml for broken YAML. */
  readonly file: string;
  /** The path the rejection must name. */
  readonly expectedPath: string;
}

const toFile = (kind: string, config: Json, expected: Path | string): Mutation => ({
  kind,
  text: JSON.stringify(config),
  file: 'config.json',
  expectedPath: typeof expected === 'string' ? expected : formatPath(expected),
});

const base = fc.constantFrom(...bases);

/** A value of a type the leaf (or section) at that place never accepts. */
function wrongTypeFor(value: Json): fc.Arbitrary<Json> {
  if (typeof value === 'string') return fc.constantFrom<Json>(42, true, null, [], {});
  if (typeof value === 'number') return fc.constantFrom<Json>('12', true, null, [], {});
  if (typeof value === 'boolean') return fc.constantFrom<Json>('true', 1, null, []);
  if (Array.isArray(value)) return fc.constantFrom<Json>('a list', 7, {});
  return fc.constantFrom<Json>('a mapping', 7, [], true);
}

const wrongType = base.chain((config) => {
  const places = nodes(config).filter((n) => n.path.length > 0 && n.path[0] !== 'tags');
  return fc.constantFrom(...places).chain((place) =>
    wrongTypeFor(place.value).map((replacement) => {
      const mutated = clone(config);
      setAt(mutated, place.path, replacement);
      return toFile('wrong type', mutated, place.path);
    }),
  );
});

/** Numeric settings with their allowed ranges. */
const RANGES: Record<string, [number, number]> = {
  partner_source_wait_seconds: [1, 600],
  invocation_rate_limit_per_second: [1, 300],
  maximum_event_age_seconds: [60, 86400],
  maximum_retry_attempts: [0, 185],
  archive_retention_days: [0, 3650],
  okta_quiet_hours: [1, 24],
};

const outOfRange = base.chain((config) => {
  // Where each ranged setting may go: on every stack, sink, delivery and the alarms section.
  const stacks = (config as { stacks: Json[] }).stacks;
  const places: Path[] = [['alarms', 'okta_quiet_hours']];
  stacks.forEach((stack, i) => {
    if (!isObject(stack)) return;
    const sinks: Path[] = isObject(stack.sink) ? [['stacks', i, 'sink']] : Array.isArray(stack.sinks) ? stack.sinks.map((_s, j) => ['stacks', i, 'sinks', j]) : [];
    const okta = isObject(stack.sink) && ['oort', 'splunk_cloud'].includes(stack.sink.type as string);
    if (!okta) places.push(['stacks', i, 'partner_source_wait_seconds'], ['stacks', i, 'archive_retention_days']);
    for (const sink of okta ? [] : sinks) {
      const type = (getAt(config, sink) as { type: string }).type;
      if (type !== 'cloudwatch_logs') places.push([...sink, 'invocation_rate_limit_per_second']);
      places.push([...sink, 'delivery', 'maximum_event_age_seconds'], [...sink, 'delivery', 'maximum_retry_attempts']);
    }
  });
  return fc.constantFrom(...places).chain((place) => {
    const [min, max] = RANGES[place[place.length - 1] as string];
    return fc
      .oneof(fc.integer({ min: -1_000_000, max: min - 1 }), fc.integer({ min: max + 1, max: 10_000_000 }), fc.double({ min: min + 0.01, max: max - 0.01, noInteger: true }))
      .map((value) => {
        const mutated = clone(config);
        if (place[place.length - 2] === 'delivery') {
          const sink = getAt(mutated, place.slice(0, -2)) as Record<string, Json>;
          sink.delivery = isObject(sink.delivery) ? sink.delivery : {};
        }
        if (place[0] === 'alarms' && !isObject((mutated as Record<string, Json>).alarms)) (mutated as Record<string, Json>).alarms = {};
        setAt(mutated, place, value);
        return toFile('out of range', mutated, place);
      });
  });
});

/** Values that break the name and id rules of design.md §3. */
const BAD_VALUES: Record<string, fc.Arbitrary<Json>> = {
  event_source_name: fc.oneof(
    fc.stringMatching(/^[a-z]{1,10}-[a-z]{1,10}$/),
    fc.constantFrom('okta logs', 'okta/logs', '', 'x'.repeat(76)),
  ),
  name: fc.oneof(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), fc.constantFrom('okta_logs', '-okta', 'okta-', 'a'.repeat(41))),
  org_name: fc.constantFrom('Acme', 'acme.okta.com', '-acme', 'ac me', 'x'.repeat(64)),
  account_id: fc.oneof(fc.stringMatching(/^\d{1,11}$/), fc.stringMatching(/^\d{13,15}$/), fc.constantFrom('12345678901a')),
  region: fc.constantFrom('eu-south-1', 'me-central-1', 'us-gov-west-1', 'EU-WEST-1', 'mars-1'),
};

const badName = base.chain((config) => {
  const places = nodes(config).filter((n) => {
    const key = n.path[n.path.length - 1];
    // `name` of stacks only: sink names are covered by their own rules.
    return typeof key === 'string' && key in BAD_VALUES && typeof n.value === 'string' && (key !== 'name' || n.path.length === 3);
  });
  return fc.constantFrom(...places).chain((place) =>
    BAD_VALUES[place.path[place.path.length - 1] as string].map((value) => {
      const mutated = clone(config);
      setAt(mutated, place.path, value);
      return toFile('bad name', mutated, place.path);
    }),
  );
});

/** Built once: fast-check compiles a stringMatching regex each time one is made. */
const strangeKey = fc.oneof(fc.stringMatching(/^x_[a-z0-9_]{1,12}$/), fc.constantFrom('__proto__', 'constructor', 'api_key', 'Name', 'event-source-name'));

const unknownKey = base.chain((config) => {
  const objects = nodes(config).filter((n) => isObject(n.value) && n.path[0] !== 'tags' && !(n.path.includes('headers') || n.path.includes('query_parameters') || n.path.includes('body_parameters')));
  return fc
    .tuple(fc.constantFrom(...objects), strangeKey)
    .filter(([place, key]) => !Object.prototype.hasOwnProperty.call(place.value, key))
    .map(([place, key]) => {
      const mutated = clone(config);
      const target = getAt(mutated, place.path) as Record<string, Json>;
      Object.defineProperty(target, key, { value: 'surprise', enumerable: true, configurable: true, writable: true });
      return toFile('unknown key', mutated, [...place.path, key]);
    });
});

const missingField = base.chain((config) => {
  const required: Path[] = [['okta', 'org_name'], ['aws', 'account_id'], ['aws', 'region'], ['backend', 'type']];
  (config as { stacks: Json[] }).stacks.forEach((stack, i) => {
    required.push(['stacks', i, 'name']);
    if (isObject(stack) && isObject(stack.sink)) required.push(['stacks', i, 'sink', 'type']);
    if (isObject(stack) && stack.event_source_name !== undefined) required.push(['stacks', i, 'event_source_name']);
  });
  return fc.constantFrom(...required).map((place) => {
    const mutated = clone(config);
    setAt(mutated, place, undefined);
    return toFile('missing field', mutated, place);
  });
});

const duplicateStackName = base
  .filter((config) => (config as { stacks: Json[] }).stacks.length >= 2)
  .map((config) => {
    const mutated = clone(config) as { stacks: { name: string }[] };
    mutated.stacks[1].name = mutated.stacks[0].name;
    return toFile('duplicate stack name', mutated as unknown as Json, ['stacks', 1, 'name']);
  });

const thirdStream = fc.tuple(base, fc.integer({ min: 3, max: 6 })).map(([config, streams]) => {
  const mutated = clone(config) as { stacks: Json[] };
  const org = (mutated as unknown as { okta: { org_name: string } }).okta.org_name;
  mutated.stacks = Array.from({ length: streams }, (_v, i) => ({
    name: `stream-${i}`,
    event_source_name: `stream_${i}`,
    okta: { org_name: org },
    sink: { type: 'slashid' },
  }));
  return toFile('third stream', mutated as unknown as Json, 'stacks');
});

const FILE_POSITION = '<file>:<line>:<column>';

const malformedYaml = fc
  .tuple(base, fc.constantFrom('\nbroken: [unclosed\n', '\nokta: {}\n', '\na: b: c\n', '\n  - orphan: [\n', '\n"unterminated: x\n'), fc.nat())
  .map(([config, corruption, at]) => {
    const lines = stringify(config).split('\n');
    const cut = at % lines.length;
    // Appended at a line boundary, each corruption is a YAML error whatever precedes it.
    const text = corruption.startsWith('\nokta') ? stringify(config) + corruption.slice(1) : [...lines.slice(0, cut), corruption.trim(), ...lines.slice(cut)].join('\n');
    // Parse errors are placed by file, line and column.
    return { kind: 'malformed YAML', text, file: 'config.yaml', expectedPath: FILE_POSITION } as Mutation;
  });

const invalidConfig = fc.oneof(wrongType, outOfRange, badName, unknownKey, missingField, duplicateStackName, thirdStream, malformedYaml);

let counter = 0;

describe('hostile input', () => {
  test('every generated invalid config is rejected: its path named, no stack trace, nothing written', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(invalidConfig, (mutation) => {
        const dir = path.join(workspace, `case-${counter++}`);
        fs.mkdirSync(dir);
        const file = path.join(dir, mutation.file);
        fs.writeFileSync(file, mutation.text);
        const lines: string[] = [];
        const code = main({ OKTA_LOG_STREAMING_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
        const output = lines.join('\n');
        seen.set(mutation.kind, (seen.get(mutation.kind) ?? 0) + 1);
        const named = output
          .split('\n')
          .some((line) => (mutation.expectedPath === FILE_POSITION ? line.startsWith(`  - ${file}:`) && /^ {2}- \S+:\d+:\d+: /.test(line) : line.startsWith(`  - ${mutation.expectedPath}: `)));
        const verdict = { code, named, trace: /^\s+at /m.test(output), written: fs.readdirSync(dir) };
        const expected = { code: 1, named: true, trace: false, written: [mutation.file] };
        if (JSON.stringify(verdict) !== JSON.stringify(expected)) {
          throw new Error(`${mutation.kind} at ${mutation.expectedPath}: ${JSON.stringify(verdict)}\n${output}\n---\n${mutation.text}`);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 1000 },
    );
    // Every kind of mistake was generated.
    expect([...seen.keys()].sort()).toEqual(
      ['bad name', 'duplicate stack name', 'malformed YAML', 'missing field', 'out of range', 'third stream', 'unknown key', 'wrong type'].sort(),
    );
  });
});
