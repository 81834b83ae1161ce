/**
 * Upgrades that never surprise state: the committed address manifest is what generation writes
 * today and the rule holds for it; a renamed construct fails the rule, naming the old address, until
 * the resource declares where it came from; a module's renamed resource likewise until its HCL has a
 * moved block; chains of moves resolve. The stacks here are real cdktf stacks, synthesized.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { blockPaths } from '../../cli/hcl/block-paths';
import { renderHcl } from '../../cli/hcl/render';
import { moduleConfig } from '../../cli/modules';
import { buildModule, MODULES } from '../../cli/terraform-modules/definitions';
import { ModuleStack } from '../../cli/terraform-modules/module-stack';
import { MovedBlocks } from '../../modules/moved';
import {
  AddressManifest,
  AddressRuleError,
  addressViolations,
  CurrentAddresses,
  Declared,
  declaredAddresses,
  EMPTY_MANIFEST,
  formatViolations,
  manifestText,
  nextManifestText,
  parseManifest,
  updatedManifest,
} from '../../scripts/addresses';
import { ADDRESS_MANIFEST, addressManifest, currentAddresses, exampleFiles } from '../../scripts/docs/address-manifest';

const root = path.join(__dirname, '..', '..');

/** One stack of one example, as the manifest keys it. */
const asExample = (declared: Declared, example = 'test.yaml', stack = 'test'): CurrentAddresses => ({ examples: { [example]: { [stack]: declared } }, modules: {} });
const asModule = (declared: Declared, name = 'bronto'): CurrentAddresses => ({ examples: {}, modules: { [name]: declared } });
const manifestOf = (current: CurrentAddresses): AddressManifest => updatedManifest(EMPTY_MANIFEST, current);

/** A real stack: a dead-letter queue and (unless left out) its policy under a construct of the given id, in a sink construct. */
function deadLetterStack(id: string, declare?: (parts: { queue: SqsQueue; policy?: SqsQueuePolicy; scope: Construct }) => void, withPolicy = true): Declared {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const scope = new Construct(new Construct(stack, 'Bronto'), id);
  const queue = new SqsQueue(scope, 'Queue', { name: 'okta-bronto-dlq' });
  const policy = withPolicy ? new SqsQueuePolicy(scope, 'Policy', { queueUrl: queue.url, policy: '{}' }) : undefined;
  declare?.({ queue, policy, scope });
  return declaredAddresses(JSON.parse(Testing.synth(stack)));
}
const queueOf = (declared: Declared) => declared.resources.find((x) => x.startsWith('aws_sqs_queue.'))!;
const policyOf = (declared: Declared) => declared.resources.find((x) => x.startsWith('aws_sqs_queue_policy.'))!;

describe('the committed manifest (docs/addresses.json)', () => {
  // Every example and every module synthesized once, for all the tests below.
  const current = currentAddresses(root);
  const committedText = fs.readFileSync(path.join(root, ADDRESS_MANIFEST), 'utf8');
  const committed = parseManifest(committedText);

  test('is what `okta-log-streaming docs` writes today, and the rule holds for it', () => {
    // Printed as generation prints them: each address, and what to do.
    expect(formatViolations(addressViolations(committed, current))).toBe('');
    expect({ fresh: addressManifest(root, current) === committedText, regenerate: 'okta-log-streaming docs' }).toEqual({ fresh: true, regenerate: 'okta-log-streaming docs' });
  });

  test('records every example\'s every stack and every module, managed resources only, sorted', () => {
    expect(Object.keys(committed.examples)).toEqual(exampleFiles(root));
    expect(Object.keys(committed.modules).sort()).toEqual(MODULES.map((m) => m.name).sort());
    expect(Object.keys(committed.examples['bronto.yaml']).sort()).toEqual(['okta-bronto', 'okta-log-streaming-state']);
    const all = [...Object.values(committed.examples).flatMap((stacks) => Object.values(stacks)), ...Object.values(committed.modules)];
    for (const { resources } of all) {
      expect(resources.length).toBeGreaterThan(0);
      expect([...resources].sort()).toEqual(resources);
      expect(resources.filter((a) => !/^[a-z0-9]+_[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(a))).toEqual([]);
    }
    expect(committed.examples['bronto.yaml']['okta-bronto'].resources).toContain('aws_sqs_queue.Bronto_DeadLetterQueue_AE3E0D2B');
    // A module's data sources (where it is: data.aws_region.current) hold no state.
    expect(committed.modules.bronto.resources).toContain('aws_cloudwatch_event_rule.this');
    expect(committed.modules.bronto.resources.filter((a) => a.startsWith('data.'))).toEqual([]);
  });

  test('generation refuses, naming every violation at once, when the committed manifest holds addresses the configurations lost', () => {
    const tampered = JSON.parse(committedText);
    tampered.examples['bronto.yaml']['okta-bronto'].resources.push('aws_sqs_queue.Bronto_Renamed_0BADF00D');
    tampered.modules.bronto.resources.push('aws_sqs_queue.renamed');
    tampered.examples['gone.yaml'] = { 'okta-gone': { resources: ['aws_sqs_queue.Gone_1234ABCD'] } };
    let error: unknown;
    try {
      nextManifestText(JSON.stringify(tampered), current);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AddressRuleError);
    expect((error as AddressRuleError).violations.map((v) => [v.where, v.address])).toEqual([
      ['examples/bronto.yaml, stack okta-bronto', 'aws_sqs_queue.Bronto_Renamed_0BADF00D'],
      ['examples/gone.yaml, stack okta-gone', undefined],
      ['module bronto (terraform/bronto)', 'aws_sqs_queue.renamed'],
    ]);
    expect((error as Error).message).toMatch(/^3 resource addresses of a shipped release would change in users' state \(docs\/upgrading\.md\); docs\/addresses\.json is unchanged:\n/);
  });
});

describe('a renamed construct (a stack)', () => {
  const before = deadLetterStack('DeadLetterQueue');
  const manifest = manifestOf(asExample(before));
  const [oldQueue, oldPolicy] = [queueOf(before), policyOf(before)];

  test('the manifest holds cdktf\'s hashed addresses', () => {
    expect(manifest.examples['test.yaml'].test.resources).toEqual([oldQueue, oldPolicy].sort());
    expect(oldQueue).toBe('aws_sqs_queue.Bronto_DeadLetterQueue_AE3E0D2B');
  });

  test('fails when the construct id changes: each old address named, with what to do and the new candidates', () => {
    const after = deadLetterStack('Dlq');
    const violations = addressViolations(manifest, asExample(after));
    expect(violations.map((v) => v.address)).toEqual([oldQueue, oldPolicy].sort());
    const queue = violations.find((v) => v.address === oldQueue)!;
    expect(queue.where).toBe('examples/test.yaml, stack test');
    expect(queue.problem).toMatch(/^no longer declared, moved or removed: every state that holds it would destroy it/);
    expect(queue.fix).toContain(`new aws_sqs_queue here: ${queueOf(after)}`);
    expect(queue.fix).toContain(`.moveFromId('${oldQueue}')`);
    expect(queue.fix).toContain('renamedFrom(');
    expect(() => updatedManifest(manifest, asExample(after))).toThrow(AddressRuleError);
  });

  test('passes with moveFromId(<old address>) on each resource at its new place; the manifest remembers where they went', () => {
    const after = deadLetterStack('Dlq', ({ queue, policy }) => {
      queue.moveFromId(oldQueue);
      policy!.moveFromId(oldPolicy);
    });
    expect(after.moved).toHaveLength(2);
    expect(addressViolations(manifest, asExample(after))).toEqual([]);
    const next = updatedManifest(manifest, asExample(after)).examples['test.yaml'].test;
    expect(next.resources).toEqual(after.resources);
    expect(next.moved).toEqual({ [oldQueue]: queueOf(after), [oldPolicy]: policyOf(after) });
    // A later release that drops the moved blocks fails: the manifest still knows the first addresses.
    const dropped = addressViolations(updatedManifest(manifest, asExample(after)), asExample(deadLetterStack('Dlq')));
    expect(dropped.map((v) => v.address)).toEqual([oldQueue, oldPolicy].sort());
  });

  test('a resource removed on purpose passes only with a removed block, which the manifest then records', () => {
    const gone = deadLetterStack('DeadLetterQueue', ({ scope }) => TerraformStack.of(scope).addOverride('removed', [{ from: oldPolicy, lifecycle: { destroy: false } }]), false);
    expect(gone.resources).toEqual([oldQueue]);
    expect(addressViolations(manifest, asExample(gone))).toEqual([]);
    expect(updatedManifest(manifest, asExample(gone)).examples['test.yaml'].test).toEqual({ resources: [oldQueue], removed: [oldPolicy] });
    const silently = deadLetterStack('DeadLetterQueue', undefined, false);
    expect(addressViolations(manifest, asExample(silently)).map((v) => v.address)).toEqual([oldPolicy]);
  });
});

describe('a renamed resource (a module)', () => {
  const definition = MODULES.find((m) => m.name === 'bronto')!;
  const { config } = moduleConfig(definition);

  /** The module as `modules` builds it, with its rule named `rule` (as if resource-names.ts had changed) and extra moved blocks; main.tf rendered and read back as Terraform reads it. */
  async function renamedModule(moves: { from: string; to: string }[]): Promise<Declared> {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'addresses-module-')) });
    try {
      const stack = new ModuleStack(app, definition.name, definition.sinkId);
      buildModule(stack, definition);
      if (moves.length > 0) new MovedBlocks(stack, 'Moved', moves);
      const json = stack.toTerraform();
      const rule = json.resource.aws_cloudwatch_event_rule;
      json.resource.aws_cloudwatch_event_rule = { rule: rule.this };
      const mainTf = renderHcl({ resource: json.resource, ...(json.moved === undefined ? {} : { moved: json.moved }) }, blockPaths(stack));
      const parsed = await parse('main.tf', mainTf);
      return declaredAddresses({ resource: parsed.resource, moved: parsed.moved });
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  }

  const manifest = manifestOf(asModule(declaredAddresses(config)));

  test('fails when a module resource is renamed, naming it, and says to add a moved block to the module', async () => {
    const violations = addressViolations(manifest, asModule(await renamedModule([])));
    expect(violations).toEqual([
      expect.objectContaining({ where: 'module bronto (terraform/bronto)', address: 'aws_cloudwatch_event_rule.this', fix: expect.stringContaining('add `moved { from = aws_cloudwatch_event_rule.this, to = <its new address> }` to the module (new aws_cloudwatch_event_rule here: aws_cloudwatch_event_rule.rule)') }),
    ]);
  });

  test('passes with a moved block in the module\'s main.tf', async () => {
    const renamed = await renamedModule([{ from: 'aws_cloudwatch_event_rule.this', to: 'aws_cloudwatch_event_rule.rule' }]);
    expect(renamed.moved).toEqual([{ from: 'aws_cloudwatch_event_rule.this', to: 'aws_cloudwatch_event_rule.rule' }]);
    expect(addressViolations(manifest, asModule(renamed))).toEqual([]);
    expect(updatedManifest(manifest, asModule(renamed)).modules.bronto.moved).toEqual({ 'aws_cloudwatch_event_rule.this': 'aws_cloudwatch_event_rule.rule' });
  });
});

describe('chains of moves', () => {
  const [a, b] = [deadLetterStack('A'), deadLetterStack('B')];
  /** Renamed twice, A then B, now C: each resource moved from its B address, and blocks of their own saying A went to B (unless left out). */
  const atC = (earlier = true) =>
    deadLetterStack('C', ({ queue, policy, scope }) => {
      queue.moveFromId(queueOf(b));
      policy!.moveFromId(policyOf(b));
      if (earlier) new MovedBlocks(scope, 'Earlier', [{ from: queueOf(a), to: queueOf(b) }, { from: policyOf(a), to: policyOf(b) }]);
    });
  const c = atC();

  test('resolve: a state from either earlier release finds each resource at its address now', () => {
    expect(c.moved).toEqual(expect.arrayContaining([{ from: queueOf(a), to: queueOf(b) }, { from: queueOf(b), to: queueOf(c) }]));
    expect(addressViolations(manifestOf(asExample(a)), asExample(c))).toEqual([]);
    expect(addressViolations(manifestOf(asExample(b)), asExample(c))).toEqual([]);
    expect(updatedManifest(manifestOf(asExample(a)), asExample(c)).examples['test.yaml'].test.moved).toEqual({ [queueOf(a)]: queueOf(c), [policyOf(a)]: policyOf(c) });
    // Without the first link, a state from A has nowhere to go.
    expect(addressViolations(manifestOf(asExample(a)), asExample(atC(false))).map((v) => v.address)).toEqual([policyOf(a), queueOf(a)].sort());
  });

  test('the manifest keeps the chain across releases: after A → B, a release at C that drops the A → B blocks fails', () => {
    const release2 = deadLetterStack('B', ({ queue, policy }) => {
      queue.moveFromId(queueOf(a));
      policy!.moveFromId(policyOf(a));
    });
    const manifest2 = updatedManifest(manifestOf(asExample(a)), asExample(release2));
    expect(manifest2.examples['test.yaml'].test).toEqual({ resources: b.resources, moved: { [queueOf(a)]: queueOf(b), [policyOf(a)]: policyOf(b) } });
    expect(addressViolations(manifest2, asExample(atC(false))).map((v) => v.address)).toEqual([policyOf(a), queueOf(a)].sort());
    expect(addressViolations(manifest2, asExample(c))).toEqual([]);
  });

  test('fails when moved blocks are ones Terraform refuses: two to one address, a circle, a moved address still declared', () => {
    const declared: Declared = { resources: ['aws_sqs_queue.c'], moved: [{ from: 'aws_sqs_queue.a', to: 'aws_sqs_queue.c' }, { from: 'aws_sqs_queue.b', to: 'aws_sqs_queue.c' }], removed: [] };
    expect(addressViolations(EMPTY_MANIFEST, asExample(declared))).toEqual([expect.objectContaining({ address: 'aws_sqs_queue.c', problem: expect.stringContaining('Ambiguous move statements') })]);
    const circle: Declared = { resources: ['aws_sqs_queue.c'], moved: [{ from: 'aws_sqs_queue.a', to: 'aws_sqs_queue.b' }, { from: 'aws_sqs_queue.b', to: 'aws_sqs_queue.a' }], removed: [] };
    const recorded = manifestOf(asExample({ resources: ['aws_sqs_queue.a'], moved: [], removed: [] }));
    expect(addressViolations(recorded, asExample(circle))).toEqual([expect.objectContaining({ address: 'aws_sqs_queue.a', problem: expect.stringContaining('aws_sqs_queue.a → aws_sqs_queue.b → aws_sqs_queue.a') })]);
    const stillThere: Declared = { resources: ['aws_sqs_queue.a', 'aws_sqs_queue.b'], moved: [{ from: 'aws_sqs_queue.a', to: 'aws_sqs_queue.b' }], removed: [] };
    expect(addressViolations(EMPTY_MANIFEST, asExample(stillThere))).toEqual([expect.objectContaining({ address: 'aws_sqs_queue.a', problem: expect.stringContaining('Moved object still exists') })]);
  });
});

test('the manifest text is stable: sorted keys, a note first, what parseManifest reads back', () => {
  const manifest = manifestOf({ examples: { 'b.yaml': { s: { resources: ['aws_x.b', 'aws_x.a'], moved: [], removed: [] } }, 'a.yaml': { s: { resources: ['aws_x.a'], moved: [], removed: [] } } }, modules: {} });
  const text = manifestText(manifest);
  expect(Object.keys(JSON.parse(text))).toEqual(['//', 'examples', 'modules']);
  expect(Object.keys(JSON.parse(text).examples)).toEqual(['a.yaml', 'b.yaml']);
  expect(parseManifest(text).examples['b.yaml'].s.resources).toEqual(['aws_x.a', 'aws_x.b']);
  expect(manifestText(parseManifest(text))).toBe(text);
  expect(() => parseManifest('{"examples": {"a.yaml": {"s": {}}}, "modules": {}}')).toThrow(/not an address manifest/);
});
