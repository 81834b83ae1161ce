import { NAME_RULES, nameProblem, partnerEventSourceName, sinkResourceName } from '../../schema/names';
import { STACK_NAME_MAX_LENGTH } from '../../schema/rules';

describe('names', () => {
  test('the partner event source name is aws.partner/okta.com/<org>/<source>', () => {
    expect(partnerEventSourceName('acme', 'okta_bronto')).toBe('aws.partner/okta.com/acme/okta_bronto');
  });

  test('a sink resource name is the stack name, plus the sink name when given', () => {
    expect(sinkResourceName('okta-logs')).toBe('okta-logs');
    expect(sinkResourceName('okta-logs', 'bronto')).toBe('okta-logs-bronto');
  });

  test('the longest stack name the schema allows yields names every EventBridge rule accepts', () => {
    const name = sinkResourceName('a'.repeat(STACK_NAME_MAX_LENGTH));
    for (const rule of [NAME_RULES.rule, NAME_RULES.connection, NAME_RULES.apiDestination, NAME_RULES.targetId]) {
      expect(nameProblem(name, rule)).toBeUndefined();
    }
  });

  test('the longest org and event source names still make a valid partner bus name', () => {
    expect(nameProblem(partnerEventSourceName('o'.repeat(63), 's'.repeat(75)), NAME_RULES.partnerEventBus)).toBeUndefined();
  });

  test('fails a name over the length limit, saying by how much', () => {
    expect(nameProblem('r'.repeat(65), NAME_RULES.rule)).toBe(`derived EventBridge rule name "${'r'.repeat(65)}" is 65 characters; AWS allows at most 64`);
  });

  test('fails a name with a character AWS rejects, listing the allowed ones', () => {
    expect(nameProblem('okta/bronto', NAME_RULES.connection)).toContain('allowed: letters, digits, ".", "-", "_"');
  });

  test('fails a partner bus name that is not under aws.partner/okta.com', () => {
    expect(nameProblem('aws.partner/other.com/acme/x', NAME_RULES.partnerEventBus)).toContain('characters AWS does not allow');
  });
});
