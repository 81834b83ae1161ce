import * as fc from 'fast-check';
import { Testing } from 'cdktf';
import { configNameCollisions, createStacks } from '../../stacks/create-stacks';
import { AWS_RESOURCE_NAMES } from '../../stacks/unique-names';
import { formatProblems, validateConfig } from '../../schema/validate';
import { Problem } from '../../schema/problem';
import { withStacks } from '../helpers/config';

/** The collisions main.ts would report for a config the validator accepts. */
function collisionsOf(raw: Record<string, any>): readonly Problem[] {
  const result = validateConfig(raw);
  if (!result.ok) throw new Error(formatProblems('test config', result.problems));
  return configNameCollisions(createStacks(Testing.app(), result.value), result.value);
}

const bronto = { type: 'bronto', region: 'eu', collection: 'c' };

describe('configNameCollisions', () => {
  test('a fan-out sink and a stack that derive the same names: each name reported with both config paths', () => {
    const problems = collisionsOf(
      withStacks(
        { name: 'okta', event_source_name: 'okta_fan', sinks: [{ name: 'bronto', ...bronto }] },
        { name: 'okta-bronto', okta: { org_name: 'other' }, event_source_name: 'okta_bronto', sink: bronto },
      ),
    );
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['stacks[1].name']));
    const messages = problems.map((p) => p.message).join('\n');
    for (const name of ['EventBridge connection "okta-bronto"', 'EventBridge API destination "okta-bronto"', 'SQS queue "okta-bronto-dlq"', 'CloudWatch alarm "okta-bronto-dead-letters"']) {
      expect(messages).toContain(name);
    }
    for (const message of problems.map((p) => p.message)) {
      expect(message).toMatch(/^stacks\[0\]\.sinks\[0\]\.name and this both name /);
      expect(message).toContain('derived from stack names (a stack with one sink: "<stack>"; a fan-out sink: "<stack>-<sink>")');
    }
    expect(messages).toContain('123456789012 eu-west-1');
  });

  test('two stacks in other regions may share regional names, never an S3 bucket name', () => {
    const archive = (bucket: string) => ({ type: 's3_archive', bucket_name: bucket });
    const apart = withStacks(
      { name: 'okta-a', event_source_name: 'okta_a', sink: { type: 'cloudwatch_logs', log_group_name: '/okta/all' } },
      { name: 'okta-b', event_source_name: 'okta_b', aws: { region: 'us-east-2' }, sink: { type: 'cloudwatch_logs', log_group_name: '/okta/all' } },
    );
    expect(collisionsOf(apart)).toEqual([]);
    const together = withStacks(
      { name: 'okta-a', event_source_name: 'okta_a', sinks: [{ name: 'logs', type: 'cloudwatch_logs', log_group_name: '/okta/all' }, { name: 'raw', ...archive('acme-okta-raw') }] },
      { name: 'okta-b', event_source_name: 'okta_b', aws: { region: 'us-east-2' }, sink: archive('acme-okta-raw') },
    );
    expect(collisionsOf(together)).toEqual([
      { path: 'stacks[1].sink.bucket_name', message: 'stacks[0].sinks[1].bucket_name and this both name a S3 bucket "acme-okta-raw" (unique per AWS partition, aws): change one of them' },
    ]);
  });

  test('two stacks naming one log group in one region', () => {
    const problems = collisionsOf(
      withStacks(
        { name: 'okta-a', event_source_name: 'okta_a', sink: { type: 'cloudwatch_logs', log_group_name: '/okta/all' } },
        { name: 'okta-b', okta: { org_name: 'other' }, event_source_name: 'okta_b', sink: { type: 'cloudwatch_logs', log_group_name: '/okta/all' } },
      ),
    );
    expect(problems).toEqual([
      { path: 'stacks[1].sink.log_group_name', message: 'stacks[0].sink.log_group_name and this both name a CloudWatch Logs log group "/okta/all" (unique per account and region, 123456789012 eu-west-1): change one of them' },
    ]);
  });

  test('an archive bucket named like the state bucket, bootstrapped or not', () => {
    const raw = withStacks({ name: 'okta-a', event_source_name: 'okta_a', sink: { type: 's3_archive', bucket_name: 'acme-okta-log-streaming-tfstate' } });
    const expected = [{ path: 'stacks[0].sink.bucket_name', message: expect.stringContaining('backend.bucket and this both name a S3 bucket "acme-okta-log-streaming-tfstate"') }];
    expect(collisionsOf(raw)).toEqual(expected);
    raw.backend.bootstrap = true;
    expect(collisionsOf(raw)).toEqual(expected);
  });

  test('property: stacks and sinks renamed so their derived names meet are always refused, with both paths', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
    fc.assert(
      fc.property(segment, segment, fc.constantFrom('bronto', 'datadog', 'slashid', 'cloudwatch_logs'), (stack, sink, type) => {
        const sinkConfig = type === 'bronto' ? bronto : type === 'datadog' ? { type, site: 'datadoghq.eu' } : { type };
        const problems = collisionsOf(
          withStacks(
            { name: stack, event_source_name: 'fan', sinks: [{ name: sink, ...sinkConfig }] },
            { name: `${stack}-${sink}`, okta: { org_name: 'other' }, event_source_name: 'single', sink: sinkConfig },
          ),
        );
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.path).toBe('stacks[1].name');
          expect(problem.message).toMatch(/^stacks\[0\]\.sinks\[0\]\.name and this both name /);
        }
      }),
      { numRuns: 15 },
    );
  });

  test('property: a given name reused by another stack is refused, with both paths', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a-z][a-z0-9/_-]{0,20}$/), (group) => {
        const problems = collisionsOf(
          withStacks(
            { name: 'okta-a', event_source_name: 'a', sink: { type: 'cloudwatch_logs', log_group_name: group } },
            { name: 'okta-b', okta: { org_name: 'other' }, event_source_name: 'b', sink: { type: 'cloudwatch_logs', log_group_name: group } },
          ),
        );
        expect(problems).toEqual([{ path: 'stacks[1].sink.log_group_name', message: expect.stringContaining(`stacks[0].sink.log_group_name and this both name a CloudWatch Logs log group "${group}"`) }]);
      }),
      { numRuns: 10 },
    );
  });

  test('every resource type a name rule covers is one the package creates, named or said why not', () => {
    for (const entry of Object.values(AWS_RESOURCE_NAMES)) expect('unnamed' in entry ? entry.unnamed.length : entry.input.length).toBeGreaterThan(0);
  });
});
