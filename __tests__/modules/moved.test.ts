/**
 * renamedFrom and MovedBlocks: a renamed construct keeps its resources' state, in every stack it is
 * in (their hashed addresses differ), through chains of renames; the published modules, which name
 * resources from a table, get nothing from it.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModuleStack } from '../../cli/terraform-modules/module-stack';
import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { MovedBlocks, renamedFrom } from '../../modules/moved';
import { addressViolations, CurrentAddresses, Declared, declaredAddresses, EMPTY_MANIFEST, updatedManifest } from '../../scripts/addresses';
import { testStack } from '../helpers/synth';

const asExample = (declared: Declared): CurrentAddresses => ({ examples: { 'test.yaml': { test: declared } }, modules: {} });

/** The project's dead-letter queue (queue and policy) under `sink`, with the given id. */
function deadLetters(sink: string, id: string, previous: string[] = []): Declared {
  const stack = testStack();
  const queue = new DeadLetterQueue(new Construct(stack, sink), id, { queueName: 'okta-bronto-dlq', sourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/bus/okta-bronto' });
  if (previous.length > 0) renamedFrom(queue, ...previous);
  return declaredAddresses(JSON.parse(Testing.synth(stack, true)));
}

describe('renamedFrom', () => {
  test('moves every resource under the construct from the address cdktf gave it under the former id', () => {
    const before = deadLetters('Bronto', 'DeadLetterQueue');
    const after = deadLetters('Bronto', 'Dlq', ['DeadLetterQueue']);
    expect(before.resources).toEqual(['aws_sqs_queue.Bronto_DeadLetterQueue_AE3E0D2B', expect.stringMatching(/^aws_sqs_queue_policy\.Bronto_DeadLetterQueue_Policy_[0-9A-F]{8}$/)]);
    expect([...after.moved].sort((x, y) => (x.from < y.from ? -1 : 1))).toEqual(before.resources.map((from, i) => ({ from, to: after.resources[i] })));
    expect(addressViolations(updatedManifest(EMPTY_MANIFEST, asExample(before)), asExample(after))).toEqual([]);
    // Without it, the rename is caught.
    expect(addressViolations(updatedManifest(EMPTY_MANIFEST, asExample(before)), asExample(deadLetters('Bronto', 'Dlq'))).map((v) => v.address)).toEqual(before.resources);
  });

  test('works out each stack\'s own addresses (a single-sink stack and a fan-out stack place the sink differently)', () => {
    for (const sink of ['Bronto', 'SinkBronto']) {
      const before = deadLetters(sink, 'DeadLetterQueue');
      const after = deadLetters(sink, 'Dlq', ['DeadLetterQueue']);
      expect({ sink, violations: addressViolations(updatedManifest(EMPTY_MANIFEST, asExample(before)), asExample(after)) }).toEqual({ sink, violations: [] });
    }
  });

  test('renamed twice: a chain from the oldest id through the next (one source per address, as Terraform requires), and states from either release resolve', () => {
    const [a, b] = [deadLetters('Bronto', 'A'), deadLetters('Bronto', 'B')];
    const c = deadLetters('Bronto', 'C', ['A', 'B']);
    expect(c.moved).toHaveLength(4);
    expect(new Set(c.moved.map((m) => m.to)).size).toBe(4);
    for (const earlier of [a, b]) expect(addressViolations(updatedManifest(EMPTY_MANIFEST, asExample(earlier)), asExample(c))).toEqual([]);
  });

  test('in a published module nothing moves: its names come from the table by construct path, not from the id\'s hash', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'moved-module-')) });
    try {
      const stack = new ModuleStack(app, 'bronto', 'Bronto');
      const queue = new DeadLetterQueue(new Construct(stack, 'Bronto'), 'DeadLetterQueue', { queueName: 'okta-bronto-dlq', sourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/bus/okta-bronto' });
      renamedFrom(queue, 'Dlq');
      const declared = declaredAddresses(stack.toTerraform());
      expect(declared).toEqual({ resources: ['aws_sqs_queue.dead_letter', 'aws_sqs_queue_policy.dead_letter'], moved: [], removed: [] });
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test('fails when given no former id, the current one, one twice, or a stack', () => {
    const stack = testStack();
    const queue = new DeadLetterQueue(stack, 'Dlq', { queueName: 'q', sourceArn: 'arn:aws:events:eu-west-1:123456789012:rule/bus/r' });
    expect(() => renamedFrom(queue)).toThrow(/give the construct's former ids/);
    expect(() => renamedFrom(queue, 'Dlq')).toThrow(/"Dlq" is its id now/);
    expect(() => renamedFrom(queue, 'A', 'A')).toThrow(/listed twice/);
    expect(() => renamedFrom(stack, 'Old')).toThrow(/a stack's id is its state's name/);
  });
});

describe('MovedBlocks', () => {
  test('writes Terraform moved blocks at the top level of the stack, with a resource\'s own moveFromId', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new MovedBlocks(stack, 'Moved', [{ from: 'aws_sqs_queue.a', to: 'aws_sqs_queue.b' }]);
    new MovedBlocks(stack, 'None', []);
    const json = JSON.parse(Testing.synth(stack));
    expect(json.moved).toEqual([{ from: 'aws_sqs_queue.a', to: 'aws_sqs_queue.b' }]);
  });
});
