/** Property test: generated valid configs (fan-out stacks of every AWS-side sink) synthesize. */
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { DATADOG_SITES } from '../modules/datadog-sink';
import { OKTA_STREAM_REGIONS } from '../modules/facts';
import { formatProblems, validateConfig } from '../schema/validate';
import { createStacks } from '../stacks/create-stacks';
import { undeclaredReferences } from './helpers/synth';

describe('generated configs', () => {
  test('generated valid configs synthesize', () => {
    const orgName = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,5})?$/);
    const sink = fc.oneof(
      fc.record({ type: fc.constant('bronto'), region: fc.constantFrom('eu', 'us'), collection: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}[A-Za-z0-9]$/) }),
      fc.record({ type: fc.constant('datadog'), site: fc.constantFrom(...DATADOG_SITES), body: fc.constantFrom('envelope', 'okta_event') }),
      fc.record({ type: fc.constant('slashid') }),
      fc.record({ type: fc.constant('cloudwatch_logs'), retention_in_days: fc.constantFrom(1, 30, 365, 3653) }),
      fc.record({
        type: fc.constant('https'),
        endpoint: fc.constantFrom('https://intake.example.com/v1', 'https://10.1.2.3:8443/logs'),
        auth: fc.oneof(fc.record({ type: fc.constant('api_key'), header: fc.constantFrom('X-Api-Key', 'Authorization') }), fc.record({ type: fc.constant('basic'), username: fc.constant('okta') })),
      }),
    );
    const stack = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/),
      event_source_name: fc.stringMatching(/^[A-Za-z0-9._]{1,75}$/),
      sinks: fc.array(sink, { minLength: 1, maxLength: 3 }),
      partner_source_wait_seconds: fc.integer({ min: 1, max: 600 }),
    });
    const config = fc.record({
      okta: fc.record({ org_name: orgName }),
      aws: fc.record({ account_id: fc.stringMatching(/^\d{12}$/), region: fc.constantFrom(...OKTA_STREAM_REGIONS) }),
      backend: fc.constant({ type: 'local' }),
      stacks: fc.uniqueArray(stack, { minLength: 1, maxLength: 2, selector: (s) => s.name }),
    });
    fc.assert(
      fc.property(config, (raw) => {
        const stacks = raw.stacks.map((s, i) => ({
          ...s,
          event_source_name: `${s.event_source_name}${i}`.slice(-75),
          sinks: s.sinks.map((sk, j) => ({ ...sk, name: `s${j}` })),
        }));
        const result = validateConfig({ ...raw, stacks });
        if (!result.ok) throw new Error(formatProblems('generated', result.problems));
        const built = createStacks(Testing.app(), result.value);
        expect(built).toHaveLength(stacks.length);
        for (const s of built) {
          // Synthesized as the app would, construct validations included.
          const json = JSON.parse(Testing.synth(s, true));
          expect(Object.keys(json.resource.aws_cloudwatch_event_target)).toHaveLength(stacks.find((x) => x.name === s.node.id)?.sinks.length ?? -1);
          // Stacks skip cdktf's cross-stack wiring (stacks/independent-stack.ts): none may need it.
          expect(undeclaredReferences(json)).toEqual([]);
        }
      }),
      { numRuns: 24 },
    );
  });
});
