/**
 * Parity of the published Terraform modules with the CDKTF stacks, evaluated by Terraform itself.
 *
 * For each sink kind and each option that changes resources, a module call (the published main.tf,
 * read back from HCL) and the equivalent single-sink stack (its cdk.tf.json) are turned into
 * evaluation modules (see ../../helpers/terraform-evaluate.ts) and evaluated by one offline
 * `terraform apply` on the built-in provider. The module's resources must be exactly the stack's
 * sink resources, with equal arguments, meta-arguments and outputs. The module's `event_bus_name`
 * and `alarm_topic_arn` inputs stand for the source's bus and topic, which the stack references.
 * The modules name their resources (`aws_cloudwatch_event_rule.this`), the stacks keep cdktf's hashed
 * names: a module's addresses are mapped to the stack's through the construct path both share.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { TerraformResource, TerraformStack } from 'cdktf';
import { blockPaths } from '../../../cli/hcl/block-paths';
import { Json } from '../../../cli/hcl/render';
import { ALARM_TOPIC, CASES, ParityCase, SECRET } from '../../helpers/parity-cases';
import { moduleConfig, writeModules } from '../../../cli/modules';
import { MODULES } from '../../../cli/terraform-modules/definitions';
import { stacksOf, withStacks } from '../../helpers/config';
import { differences, normalize, normalizeResource, typeBlockPaths } from '../../helpers/parity';
import { synth } from '../../helpers/synth';
import { evaluate, EvaluatedModule, Harness, harnessModule } from '../../helpers/terraform-evaluate';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

const KEY_POLICY_OUTPUT = 'kms_key_policy_statements';

interface KeyStatement {
  readonly Sid: string;
  readonly Principal: unknown;
  readonly Action: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

const SOURCE_MODULE = 'okta-eventbridge-source';

/** The sink module a source case's stack has beside its source. */
function complementSink(c: ParityCase): string {
  if (c.sink.type !== 'cloudwatch_logs') throw new Error(`a source case under a key takes a cloudwatch_logs sink, got ${String(c.sink.type)}`);
  return 'cloudwatch-logs';
}

/** Statements by Sid, each statement's condition values together and sorted (how a key policy holds them). */
function mergedBySid(statements: KeyStatement[]): KeyStatement[] {
  const bySid = new Map<string, KeyStatement>();
  for (const s of statements) {
    const before = bySid.get(s.Sid);
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of [before?.Condition ?? {}, s.Condition ?? {}]) {
      for (const [operator, keys] of Object.entries(c)) {
        for (const [key, value] of Object.entries(keys)) {
          condition[operator] ??= {};
          condition[operator][key] = [...new Set([...(condition[operator][key] ?? []), ...[value].flat()])].sort();
        }
      }
    }
    if (before !== undefined) expect({ sid: s.Sid, principal: s.Principal, action: s.Action }).toEqual({ sid: s.Sid, principal: before.Principal, action: before.Action });
    bySid.set(s.Sid, { ...s, ...(Object.keys(condition).length === 0 ? {} : { Condition: condition }) });
  }
  return [...bySid.values()].sort((a, b) => a.Sid.localeCompare(b.Sid));
}

/** Construct ids of the source (stacks/eventbridge-pipeline.ts addEventBridgeSource): not the sink's. */
const SOURCE_PREFIXES = ['OktaEventSource_', 'Archive_', 'AlarmTopic_', 'Dashboard_', 'BusDeadLetters_', 'StackKey_'];
const isSourceAddress = (address: string) => SOURCE_PREFIXES.some((p) => address.split('.')[1].startsWith(p));

/** The stack's resources the module must have, by the case's kind. */
function expectedAddresses(c: ParityCase, stackAddresses: string[]): string[] {
  switch (c.kind ?? 'sink') {
    case 'sink':
      return stackAddresses.filter((a) => !isSourceAddress(a));
    case 'source':
      return stackAddresses.filter((a) => isSourceAddress(a) && !a.split('.')[1].startsWith('Dashboard_'));
    case 'okta':
      return stackAddresses;
  }
}

/** Resource address → construct path within the stack, for every resource of a synthesized stack. */
function stackAddresses(stack: TerraformStack): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (c instanceof TerraformResource) out.set(`${c.terraformResourceType}.${stack.getLogicalId(c)}`, c.node.path.slice(stack.node.path.length + 1));
  }
  return out;
}

/** Module resource address → the stack's address of the resource at the same construct path. */
function addressMap(module: string, stack: TerraformStack): Map<string, string> {
  const byPath = new Map([...stackAddresses(stack)].map(([address, at]) => [at, address]));
  const definition = MODULES.find((m) => m.name === module)!;
  const map = new Map<string, string>();
  for (const [address, at] of moduleConfig(definition).addresses) {
    if (!address.startsWith('data.') && byPath.has(at)) map.set(address, byPath.get(at)!);
  }
  return map;
}

/** A module's evaluation or metadata with its resource addresses written as the stack's. */
function asStackAddresses<T>(value: T, map: ReadonlyMap<string, string>): T {
  let text = JSON.stringify(value);
  // Inside a JSON document Terraform encoded, `<` is `\u003c`.
  for (const [from, to] of map) text = text.replace(new RegExp(`(?<=^|[^A-Za-z0-9_.]|\\\\u003c)${from.replace(/\./g, '\\.')}(?![A-Za-z0-9_])`, 'g'), to);
  return JSON.parse(text) as T;
}

/** A module's configuration: every .tf file of its directory (not its examples), read back from HCL. */
async function readModule(dir: string): Promise<Record<string, Json>> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf'));
  const parts = await Promise.all(files.map(async (f) => (await parse(f, fs.readFileSync(path.join(dir, f), 'utf8'))) as Record<string, Json>));
  return Object.assign({}, ...parts) as Record<string, Json>;
}

interface Prepared {
  readonly stackHarness: Harness;
  readonly moduleHarness: Harness;
  readonly blocks: Set<string>;
  readonly topicPlaceholder: string;
  /** The module's addresses → the stack's. */
  readonly addresses: ReadonlyMap<string, string>;
}

let results: Record<string, EvaluatedModule>;
const prepared = new Map<string, Prepared>();
const titles = Object.keys(CASES);

beforeAll(async () => {
  const modulesDir = path.join(workspace, 'modules');
  writeModules(modulesDir);
  const harnesses = new Map<string, Harness>();
  const harnessOf = async (module: string) => {
    if (!harnesses.has(module)) {
      harnesses.set(module, harnessModule(await readModule(path.join(modulesDir, module)), { aws_caller_identity: { account_id: '123456789012' }, aws_region: { region: 'eu-west-1', name: 'eu-west-1' } }));
    }
    return harnesses.get(module)!;
  };
  const calls: Parameters<typeof evaluate>[1] = {};
  for (const [index, title] of titles.entries()) {
    const c = CASES[title];
    await harnessOf(c.module);
    const stackName = `parity-${index}`;
    const eventSource = `parity_${index}`;
    const kind = c.kind ?? 'sink';
    const [stack] = stacksOf(withStacks({ name: stackName, ...(kind === 'okta' ? {} : { event_source_name: eventSource }), ...c.stack, sink: c.sink }));
    const json = synth(stack) as unknown as Record<string, Json>;
    // A sink case compares the sink's resources only: the source's are evaluated just for what the sink reads.
    const stackHarness = harnessModule(json, {}, kind === 'sink' ? { onlyReferenced: isSourceAddress } : {});
    const moduleHarness = harnesses.get(c.module)!;
    const topics = Object.keys(((json.resource as Record<string, Record<string, Json>>).aws_sns_topic ?? {}) as Record<string, Json>);
    prepared.set(title, {
      stackHarness,
      moduleHarness,
      blocks: blocksOf(stack, stackHarness, moduleHarness),
      topicPlaceholder: topics.length === 1 ? `<aws_sns_topic.${topics[0]}.arn>` : ALARM_TOPIC,
      addresses: addressMap(c.module, stack),
    });
    const secrets = Object.entries(c.secrets ?? {});
    calls[`stack_${index}`] = { harness: stackHarness, inputs: Object.fromEntries(secrets.map(([, stackVariable]) => [stackVariable, c.secretValue ?? SECRET])) };
    calls[`module_${index}`] = {
      harness: moduleHarness,
      inputs: {
        name: stackName,
        ...(kind === 'sink' ? { event_bus_name: `aws.partner/okta.com/acme/${eventSource}`, alarm_topic_arn: ALARM_TOPIC } : {}),
        ...(kind === 'source' ? { event_source_name: eventSource } : {}),
        ...c.inputs,
        ...Object.fromEntries(secrets.map(([moduleVariable]) => [moduleVariable, c.secretValue ?? SECRET])),
      },
    };
    // Under a key, the other half of the stack as a module too: what a Terraform user composes.
    const key = c.inputs.encryption_kms_key_arn;
    if (key !== undefined && kind !== 'okta') {
      const alarms = (c.stack?.alarms ?? {}) as Record<string, Json>;
      calls[`complement_${index}`] =
        kind === 'sink'
          ? {
              harness: await harnessOf(SOURCE_MODULE),
              inputs: { name: stackName, okta_org_name: 'acme', event_source_name: eventSource, aws_account_id: '123456789012', aws_region: 'eu-west-1', encryption_kms_key_arn: key, ...(alarms.topic_kms_key_arn === undefined ? {} : { alarm_topic_kms_key_arn: alarms.topic_kms_key_arn }) },
            }
          : { harness: await harnessOf(complementSink(c)), inputs: { name: stackName, event_bus_name: `aws.partner/okta.com/acme/${eventSource}`, alarm_topic_arn: ALARM_TOPIC, encryption_kms_key_arn: key } };
    }
  }
  results = evaluate(path.join(workspace, 'root'), calls);
}, 60_000);

/** Every nested-block path any stack of the cases writes (cdktf's bindings know the provider schema). */
const stackBlocks = new Set<string>();

function blocksOf(stack: TerraformStack, ...harnesses: Harness[]): Set<string> {
  for (const p of typeBlockPaths(blockPaths(stack))) stackBlocks.add(p);
  return new Set([...typeBlockPaths(blockPaths(stack)), ...harnesses.flatMap((h) => [...h.blocks])]);
}

/** A resource with a count is a list of instances: none is no resource, one is the resource. */
function instances(resources: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [address, value] of Object.entries(resources)) {
    if (!Array.isArray(value)) out[address] = value;
    else if (value.length === 1) out[address] = value[0];
    else if (value.length > 1) throw new Error(`${address}: ${value.length} instances`);
  }
  return out;
}

describe.each(titles.map((title, index) => [title, index] as const))('%s', (title, index) => {
  const evaluated = () => {
    const { topicPlaceholder, addresses } = prepared.get(title)!;
    // The module's alarm topic input stands for the stack's topic.
    const module = asStackAddresses(JSON.parse(JSON.stringify(results[`module_${index}`]).split(ALARM_TOPIC).join(topicPlaceholder)) as EvaluatedModule, addresses);
    return { stack: { ...results[`stack_${index}`], resources: instances(results[`stack_${index}`].resources) }, module: { ...module, resources: instances(module.resources) } };
  };

  test('the module creates exactly the stack\'s resources', () => {
    const { stack, module } = evaluated();
    expect(Object.keys(module.resources).sort()).toEqual(expectedAddresses(CASES[title], Object.keys(stack.resources)).sort());
  });

  test('every argument evaluates to the stack\'s value', () => {
    const { stack, module } = evaluated();
    const { blocks } = prepared.get(title)!;
    const diffs = Object.keys(module.resources).flatMap((address) =>
      differences(normalizeResource(address.split('.')[0], stack.resources[address] ?? null, blocks), normalizeResource(address.split('.')[0], module.resources[address], blocks), address),
    );
    expect(diffs).toEqual([]);
  });

  test('what the stack writes as a nested block the module\'s HCL writes as a block too, never as a map argument', () => {
    const { moduleHarness } = prepared.get(title)!;
    expect([...moduleHarness.attributes].filter((p) => stackBlocks.has(p))).toEqual([]);
  });

  test('lifecycle and depends_on are the stack\'s; outputs evaluate alike', () => {
    const { stack, module } = evaluated();
    const { stackHarness, moduleHarness, blocks, addresses } = prepared.get(title)!;
    const moduleMeta = asStackAddresses(moduleHarness.meta, addresses);
    for (const address of Object.keys(module.resources)) {
      // count is how the module makes a resource optional; the instances were compared above.
      const { lifecycle, dependsOn } = moduleMeta[address];
      expect({ address, lifecycle, dependsOn }).toEqual({ address, lifecycle: stackHarness.meta[address].lifecycle, dependsOn: stackHarness.meta[address].dependsOn });
    }
    for (const [name, value] of Object.entries(module.outputs)) {
      if (name === KEY_POLICY_OUTPUT) continue;
      expect({ name, value: normalize(value, 'output', blocks) }).toEqual({ name, value: normalize(stack.outputs[name], 'output', blocks) });
    }
  });

  test('under a key, the module and the other half of the stack as a module ask the key policy for exactly the stack\'s statements', () => {
    const { stack, module } = evaluated();
    const statements = (...texts: (Json | undefined)[]) => mergedBySid(texts.flatMap((text) => (typeof text === 'string' ? (JSON.parse(text) as KeyStatement[]) : [])));
    const complement = results[`complement_${index}`];
    expect((module.outputs[KEY_POLICY_OUTPUT] ?? null) === null).toBe(stack.outputs[KEY_POLICY_OUTPUT] === undefined);
    expect(statements(module.outputs[KEY_POLICY_OUTPUT], complement?.outputs[KEY_POLICY_OUTPUT])).toEqual(statements(stack.outputs[KEY_POLICY_OUTPUT]));
  });
});
