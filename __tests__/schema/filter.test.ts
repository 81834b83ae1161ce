import { brontoConfig, synthOnlyStack } from '../helpers/config';
import { onlyResource } from '../helpers/synth';
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

  test('fails on an unknown key', () => {
    expectOnlyProblem(withFilter({ include: { event_types: ['x'] } }), 'stacks[0].sink.filter.include.event_types', 'unknown key', 'event_type_prefixes');
  });

  test('fails on a lowercased spelling of a mixed-case Okta event type, naming the real one', () => {
    expectOnlyProblem(
      withFilter({ include: { event_type_prefixes: ['user.authentication.auth_via_idp'] } }),
      'stacks[0].sink.filter.include.event_type_prefixes[0]',
      'Okta writes "user.authentication.auth_via_IDP"',
    );
    expectOnlyProblem(withFilter({ exclude: { event_types: ['user.authentication.auth_via_ad_agent'] } }), 'stacks[0].sink.filter.exclude.event_types[0]', 'auth_via_AD_agent');
  });
});
