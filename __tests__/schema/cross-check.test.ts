import { withStacks } from '../helpers/config';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

const bronto = (extra: Record<string, unknown> = {}) => ({ type: 'bronto', region: 'eu', collection: 'c', ...extra });

describe('stack shape', () => {
  test('fails when a stack has both sink and sinks', () => {
    expectOnlyProblem(withStacks({ name: 's', event_source_name: 's', sink: bronto(), sinks: [{ name: 'a', ...bronto() }] }), 'stacks[0]', 'has both sink and sinks');
  });
  test('fails when a stack has neither sink nor sinks', () => {
    expectOnlyProblem(withStacks({ name: 's', event_source_name: 's' }), 'stacks[0]', 'has neither sink nor sinks', 'fan-out');
  });
  test('fails when an EventBridge sink has no event_source_name', () => {
    expectOnlyProblem(withStacks({ name: 's', sink: bronto() }), 'stacks[0].event_source_name', 'missing; required for EventBridge stacks');
  });
  test('fails when a fan-out stack has no event_source_name', () => {
    expectOnlyProblem(withStacks({ name: 's', sinks: [{ name: 'a', ...bronto() }] }), 'stacks[0].event_source_name', 'missing');
  });
});

describe('fan-out', () => {
  const fanOut = (...sinks: Record<string, unknown>[]) => withStacks({ name: 'fan', event_source_name: 'fan', sinks });

  test('accepts every AWS-side sink type in one stack', () => {
    expect(
      problemsOf(
        fanOut(
          { name: 'b', ...bronto() },
          { name: 'd', type: 'datadog', site: 'datadoghq.com' },
          { name: 's', type: 'slashid' },
          { name: 'l', type: 'cloudwatch_logs' },
          { name: 'h', type: 'https', endpoint: 'https://x.example.com', auth: { type: 'basic', username: 'u' } },
        ),
      ),
    ).toEqual([]);
  });
  test.each([
    { type: 'oort', integration_id: 'x' },
    { type: 'splunk_cloud', host: 'a.splunkcloud.com', edition: 'aws' },
  ])('fails on an Okta-only sink in sinks, saying it needs a stack of its own: $type', (sink) => {
    expectOnlyProblem(fanOut({ name: 'o', ...sink }), 'stacks[0].sinks[0].type', 'streams of their own');
  });
  test('fails when two sinks share a name', () => {
    expectOnlyProblem(fanOut({ name: 'a', ...bronto() }, { name: 'a', ...bronto({ collection: 'd' }) }), 'stacks[0].sinks[1].name', 'got "a"', 'unique within a stack', 'sinks[0]');
  });
  test('fails when two sink names would share resource names ("a" owns "ARule")', () => {
    expectOnlyProblem(fanOut({ name: 'a', ...bronto() }, { name: 'a-rule', ...bronto({ collection: 'd' }) }), 'stacks[0].sinks[1].name', 'clashes with sinks[0]', 'SinkARule');
  });
  test('fails when a sink has no name', () => {
    expectOnlyProblem(fanOut(bronto()), 'stacks[0].sinks[0].name', 'missing');
  });
  test.each(['Bronto', 'b_1', 'x'.repeat(24)])('fails on sink name %s', (name) => {
    expect(problemsOf(fanOut({ name, ...bronto() })).map((p) => p.path)).toEqual(['stacks[0].sinks[0].name']);
  });
  test('fails on an empty sinks list', () => {
    expectOnlyProblem(fanOut(), 'stacks[0].sinks', 'at least one sink');
  });
  test('one variable may feed two sinks of one vendor', () => {
    expect(problemsOf(fanOut({ name: 'a', ...bronto() }, { name: 'b', ...bronto({ collection: 'd' }) }))).toEqual([]);
  });
  test('fails when one variable is named for two vendors\' secrets', () => {
    expectOnlyProblem(
      fanOut({ name: 'a', ...bronto({ api_key_variable: 'key' }) }, { name: 'd', type: 'datadog', site: 'datadoghq.com', api_key_variable: 'key' }),
      'stacks[0].sinks[1].api_key_variable',
      'got "key"',
      'stacks[0].sinks[0].api_key_variable names that variable for another secret',
    );
  });
  test('fails when an https auth secret reuses another vendor\'s variable', () => {
    expectOnlyProblem(
      fanOut({ name: 'a', ...bronto() }, { name: 'h', type: 'https', endpoint: 'https://x.example.com', auth: { type: 'api_key', header: 'k', value_variable: 'bronto_api_key' } }),
      'stacks[0].sinks[1].auth.value_variable',
      'names that variable for another secret',
    );
  });
  test('fails when stacks name one variable for two kinds of secret (one pipeline environment feeds them all)', () => {
    expectOnlyProblem(
      withStacks(
        { name: 'okta-a', event_source_name: 'a', sink: bronto({ api_key_variable: 'vendor_key' }) },
        { name: 'okta-b', okta: { org_name: 'other' }, event_source_name: 'b', sink: { type: 'slashid', token_variable: 'vendor_key' } },
      ),
      'stacks[1].sink.token_variable',
      'got "vendor_key"; stacks[0].sink.api_key_variable names that variable for another secret',
    );
    expect(
      problemsOf(withStacks({ name: 'okta-a', event_source_name: 'a', sink: bronto() }, { name: 'okta-b', okta: { org_name: 'other' }, event_source_name: 'b', sink: bronto() })),
    ).toEqual([]);
  });
});

describe('streams per Okta org', () => {
  const stream = (name: string, extra: Record<string, unknown> = {}) => ({ name, event_source_name: name.replace(/-/g, '_'), sink: bronto(), ...extra });

  test('counts Oort and Splunk streams too, and suggests fan-out', () => {
    const oort = { name: 'oort', sink: { type: 'oort', integration_id: 'x1' } };
    const splunk = { name: 'splunk', sink: { type: 'splunk_cloud', host: 'a.splunkcloud.com', edition: 'aws' } };
    expectOnlyProblem(
      withStacks(stream('one'), oort, splunk),
      'stacks',
      'acme.okta.com would get 3 log streams (stacks one, oort, splunk)',
      'at most 2 per org',
      "one stack's sinks list (fan-out",
    );
  });
  test('a fan-out stack is one stream however many sinks it has', () => {
    const fan = { name: 'fan', event_source_name: 'fan', sinks: ['a', 'b', 'c', 'd'].map((name) => ({ name, ...bronto() })) };
    expect(problemsOf(withStacks(fan, stream('two')))).toEqual([]);
  });
  test('two Oort stacks of one org may not share an integration id', () => {
    const oort = (name: string) => ({ name, sink: { type: 'oort', integration_id: 'same' } });
    expectOnlyProblem(withStacks(oort('a'), oort('b')), 'stacks[1].sink.integration_id', 'unique per Okta org');
  });
});
