import { validateConfig } from '../../schema/validate';
import { brontoConfig, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, resourcesOf } from '../helpers/synth';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

const withFilter = (filter: unknown) => {
  const config = brontoConfig();
  config.stacks[0].sink.filter = filter;
  return config;
};

describe('filter config', () => {
  test('compiles into the sink\'s rule pattern', () => {
    const json = synthOnlyStack(withFilter({ include: { severities: ['WARN', 'ERROR'] }, exclude: { event_type_prefix: 'system.agent.' } }));
    expect(JSON.parse(onlyResource(json, 'aws_cloudwatch_event_rule').config.event_pattern as string)).toEqual({
      source: [{ prefix: 'aws.partner/okta.com' }],
      'detail-type': ['SystemLog'],
      detail: { eventType: [{ 'anything-but': { prefix: 'system.agent.' } }, { exists: false }], severity: ['WARN', 'ERROR'] },
    });
  });

  test('accepts prefixes, exact types, severities and outcomes', () => {
    expect(problemsOf(withFilter({ include: { event_type_prefixes: ['user.session.'], outcomes: ['FAILURE'] }, exclude: { severities: ['DEBUG'] } }))).toEqual([]);
    expect(problemsOf(withFilter({ exclude: { event_types: ['user.session.start', 'system.agent.ad.read'] } }))).toEqual([]);
    // Okta's own spelling, upper case kept: EventBridge compares case-sensitively.
    expect(problemsOf(withFilter({ include: { event_type_prefixes: ['user.authentication.auth_via_IDP', 'user.authentication.auth_via_AD_'] } }))).toEqual([]);
    expect(problemsOf(withFilter({ exclude: { event_types: ['user.authentication.auth_via_LDAP_agent', 'user.authentication.auth_via_inbound_SAML'] } }))).toEqual([]);
  });

  test('fails on a severity Okta does not have', () => {
    expectOnlyProblem(withFilter({ include: { severities: ['CRITICAL'] } }), 'stacks[0].sink.filter.include.severities[0]', 'DEBUG, INFO, WARN, ERROR');
  });

  test('fails on an outcome Okta does not have', () => {
    expectOnlyProblem(withFilter({ exclude: { outcomes: ['OK'] } }), 'stacks[0].sink.filter.exclude.outcomes[0]', 'SUCCESS, FAILURE');
  });

  test('fails on an event type that is not lowercase dotted', () => {
    expectOnlyProblem(withFilter({ include: { event_type_prefixes: ['User Session'] } }), 'stacks[0].sink.filter.include.event_type_prefixes[0]', 'Okta event type or prefix');
  });

  test('fails, with the reason, on a filter EventBridge cannot express', () => {
    expectOnlyProblem(
      withFilter({ include: { outcomes: ['FAILURE'] }, exclude: { outcomes: ['DENY'] } }),
      'stacks[0].sink.filter',
      'cannot be expressed as an EventBridge pattern: include and exclude both constrain the outcome',
    );
  });

  test('include.event_types: exact types, alone or beside prefixes (one list of alternatives on the field)', () => {
    const pattern = (filter: unknown) => JSON.parse(onlyResource(synthOnlyStack(withFilter(filter)), 'aws_cloudwatch_event_rule').config.event_pattern as string).detail;
    expect(pattern({ include: { event_types: ['user.session.start', 'user.authentication.auth_via_mfa'] } })).toEqual({ eventType: ['user.session.start', 'user.authentication.auth_via_mfa'] });
    expect(pattern({ include: { event_types: ['user.session.start'], event_type_prefixes: ['user.account.'] } })).toEqual({ eventType: ['user.session.start', { prefix: 'user.account.' }] });
    expect(problemsOf(withFilter({ include: { event_types: ['user.authentication.auth_via_IDP'], severities: ['ERROR'] }, exclude: { outcomes: ['SKIPPED'] } }))).toEqual([]);
  });

  test('fails on include.event_types with an exclusion of event types (one field, two conditions)', () => {
    expectOnlyProblem(
      withFilter({ include: { event_types: ['user.session.start'] }, exclude: { event_type_prefix: 'system.' } }),
      'stacks[0].sink.filter',
      'include and exclude both constrain the event type',
    );
  });

  test('fails on an exact event type ending in "." (no Okta event type does): says it is a prefix', () => {
    expectOnlyProblem(withFilter({ include: { event_types: ['user.session.'] } }), 'stacks[0].sink.filter.include.event_types[0]', 'event_type_prefixes');
    expectOnlyProblem(withFilter({ exclude: { event_types: ['user.session.'] } }), 'stacks[0].sink.filter.exclude.event_types[0]', 'event_type_prefix');
  });

  test('fails on an unknown key, saying where the key belongs when it is a key elsewhere', () => {
    expectOnlyProblem(withFilter({ include: { event_type: ['x'] } }), 'stacks[0].sink.filter.include.event_type', 'unknown key', 'event_type_prefixes');
    expectOnlyProblem(withFilter({ include: { event_type_prefix: 'user.' } }), 'stacks[0].sink.filter.include.event_type_prefix', 'did you mean "event_type_prefixes"', 'stacks[0].sink.filter.exclude');
    expectOnlyProblem(withFilter({ exclude: { event_type_prefixes: ['user.'] } }), 'stacks[0].sink.filter.exclude.event_type_prefixes', 'did you mean "event_type_prefix"', 'stacks[0].sink.filter.include');
  });

  test('fails on a lowercased spelling of a mixed-case Okta event type, naming the real one', () => {
    expectOnlyProblem(
      withFilter({ include: { event_type_prefixes: ['user.authentication.auth_via_idp'] } }),
      'stacks[0].sink.filter.include.event_type_prefixes[0]',
      'Okta writes "user.authentication.auth_via_IDP"',
    );
    expectOnlyProblem(withFilter({ exclude: { event_types: ['user.authentication.auth_via_ad_agent'] } }), 'stacks[0].sink.filter.exclude.event_types[0]', 'auth_via_AD_agent');
    expectOnlyProblem(withFilter({ include: { event_types: ['user.authentication.auth_via_ldap_agent'] } }), 'stacks[0].sink.filter.include.event_types[0]', 'auth_via_LDAP_agent');
  });
});

describe('a stack\'s filter', () => {
  const keep = { include: { event_types: ['user.session.start', 'user.authentication.auth_via_mfa'] } };
  const own = { include: { severities: ['ERROR'] } };
  const fanOut = (stack: Record<string, unknown>) =>
    withStacks({
      name: 'okta-fan-out',
      event_source_name: 'okta_fan_out',
      ...stack,
      sinks: [
        { name: 'bronto', type: 'bronto', region: 'eu', collection: 'okta-prod' },
        { name: 'datadog', type: 'datadog', site: 'datadoghq.eu', filter: own },
      ],
    });
  const resolved = (raw: unknown) => {
    const result = validateConfig(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value.stacks;
  };

  test('every sink without its own takes it; a sink\'s own filter wins wholly (not merged), in the resolved config', () => {
    const [stack] = resolved(fanOut({ filter: keep }));
    expect(stack.kind === 'fan_out' && stack.sinks.map((s) => [s.name, s.filter])).toEqual([
      ['bronto', keep],
      ['datadog', own],
    ]);
  });

  test('the rules compile the effective filters', () => {
    const stacks = resolved(fanOut({ filter: keep }));
    expect(stacks).toHaveLength(1);
    const patterns = Object.values(resourcesOf(synthOnlyStack(fanOut({ filter: keep })), 'aws_cloudwatch_event_rule')).map((rule) => JSON.parse(rule.event_pattern as string).detail);
    expect(patterns).toEqual([{ eventType: ['user.session.start', 'user.authentication.auth_via_mfa'] }, { severity: ['ERROR'] }]);
  });

  test('a stack with one sink takes it too', () => {
    const config = brontoConfig();
    config.stacks[0].filter = keep;
    const [stack] = resolved(config);
    expect(stack.kind === 'single' && stack.sink.filter).toEqual(keep);
  });

  test('no filter anywhere: the sinks have none', () => {
    const [stack] = resolved(fanOut({}));
    expect(stack.kind === 'fan_out' && stack.sinks.map((s) => s.filter)).toEqual([undefined, own]);
  });

  test('fails on a stack filter EventBridge cannot express, at the stack', () => {
    expectOnlyProblem(fanOut({ filter: { include: { outcomes: ['FAILURE'] }, exclude: { outcomes: ['DENY'] } } }), 'stacks[0].filter', 'include and exclude both constrain the outcome');
  });

  test('fails on a filter for an Okta-only stream (oort, splunk_cloud): there is no rule to filter on', () => {
    const oort = withStacks({ name: 'okta-oort', filter: keep, sink: { type: 'oort', integration_id: 'a1b2c3d4e5f6' } });
    expectOnlyProblem(oort, 'stacks[0].filter', 'oort', 'Okta cannot filter');
    const splunk = withStacks({ name: 'okta-splunk', filter: keep, sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws' } });
    expectOnlyProblem(splunk, 'stacks[0].filter', 'splunk_cloud', 'Okta cannot filter');
    const onSink = withStacks({ name: 'okta-oort', sink: { type: 'oort', integration_id: 'a1b2c3d4e5f6', filter: keep } });
    expectOnlyProblem(onSink, 'stacks[0].sink.filter', 'unknown key', 'Okta cannot filter');
  });
});
