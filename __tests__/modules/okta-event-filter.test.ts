import { compileFilter, filterProblems, MAX_EVENT_PATTERN_LENGTH, OktaEventFilter } from '../../modules/okta-event-filter';
import { matches } from '../helpers/event-pattern';
import { corpus, CorpusEvent, SAMPLE_EVENT } from '../helpers/okta-events';

/** The filter's meaning, written plainly: any include list matches, no exclude list matches. */
function passes(filter: OktaEventFilter, e: CorpusEvent): boolean {
  const inc = filter.include ?? {};
  const exc = filter.exclude ?? {};
  // Exact types and prefixes constrain one field: an event type is kept when it is one of the exact
  // types OR starts with one of the prefixes (one include list).
  const typeLists = [inc.eventTypes?.includes(e.eventType), inc.eventTypePrefixes?.some((p) => e.eventType.startsWith(p))].filter((r) => r !== undefined);
  const includeLists = [
    typeLists.length === 0 ? undefined : typeLists.some(Boolean),
    inc.severities && inc.severities.includes(e.severity),
    inc.outcomes && e.outcome !== null && inc.outcomes.includes(e.outcome),
  ].filter((r) => r !== undefined);
  const included = includeLists.length === 0 || includeLists.some(Boolean);
  const excluded =
    (exc.eventTypes?.includes(e.eventType) ?? false) ||
    (exc.eventTypePrefix !== undefined && e.eventType.startsWith(exc.eventTypePrefix)) ||
    (exc.severities?.includes(e.severity) ?? false) ||
    (e.outcome !== null && (exc.outcomes?.includes(e.outcome) ?? false));
  return included && !excluded;
}

const FILTERS: [string, OktaEventFilter][] = [
  ['no filter', {}],
  ['include event-type prefixes', { include: { eventTypePrefixes: ['user.session.', 'user.authentication.'] } }],
  ['include exact event types', { include: { eventTypes: ['user.session.start', 'user.account.lock'] } }],
  ['include an exact type and a prefix on one field', { include: { eventTypes: ['user.account.lock'], eventTypePrefixes: ['user.session.'] } }],
  ['include the same text as a prefix (matches the longer type too)', { include: { eventTypePrefixes: ['user.account.lock'] } }],
  ['include exact types OR severities ($or), exclude outcomes', { include: { eventTypes: ['user.authentication.auth_via_mfa'], severities: ['ERROR'] }, exclude: { outcomes: ['SKIPPED'] } }],
  ['include severities', { include: { severities: ['WARN', 'ERROR'] } }],
  ['include outcomes', { include: { outcomes: ['FAILURE', 'DENY'] } }],
  ['include prefixes OR outcomes ($or)', { include: { eventTypePrefixes: ['user.account.'], outcomes: ['FAILURE'] } }],
  ['include all three ($or)', { include: { eventTypePrefixes: ['policy.'], severities: ['ERROR'], outcomes: ['DENY'] } }],
  ['exclude exact event types', { exclude: { eventTypes: ['system.agent.ad.read', 'policy.evaluate_sign_on'] } }],
  ['exclude one prefix', { exclude: { eventTypePrefix: 'system.' } }],
  ['exclude severities and outcomes', { exclude: { severities: ['DEBUG'], outcomes: ['SKIPPED'] } }],
  ['include prefixes, exclude severities', { include: { eventTypePrefixes: ['user.'] }, exclude: { severities: ['DEBUG', 'INFO'] } }],
  ['include severities OR outcomes, exclude a prefix', { include: { severities: ['ERROR'], outcomes: ['FAILURE'] }, exclude: { eventTypePrefix: 'system.' } }],
];

describe('compileFilter', () => {
  const events = corpus();

  test('the corpus covers every event type, severity and outcome, with and without a result', () => {
    expect(events).toHaveLength(9 * 4 * 5);
    // An exact type and a prefix of the same text differ on it: user.account.lock.limit.
    expect(events.some((e) => e.eventType !== 'user.account.lock' && e.eventType.startsWith('user.account.lock'))).toBe(true);
    expect(events.some((e) => e.event.detail.outcome.result === undefined)).toBe(true);
  });

  test.each(FILTERS)('%s: the compiled pattern passes exactly the events the filter means', (_name, filter) => {
    const pattern = compileFilter(filter);
    const disagreements = events.filter((e) => matches(pattern, e.event) !== passes(filter, e)).map((e) => `${e.eventType}/${e.severity}/${e.outcome}`);
    expect(disagreements).toEqual([]);
    // Not vacuous: each filter keeps some and (but the first) drops some.
    expect(events.some((e) => passes(filter, e))).toBe(true);
  });

  test('the unfiltered pattern matches the real sample event, and only Okta SystemLog events', () => {
    expect(matches(compileFilter(undefined), SAMPLE_EVENT)).toBe(true);
    expect(matches(compileFilter(undefined), { ...SAMPLE_EVENT, source: 'aws.partner/other.com/x' })).toBe(false);
    expect(matches(compileFilter(undefined), { ...SAMPLE_EVENT, 'detail-type': 'Other' })).toBe(false);
  });

  test('hand-checked cases: a failed SSO passes "failures or admin events", a successful session start does not', () => {
    const filter: OktaEventFilter = { include: { eventTypePrefixes: ['user.session.access_admin'], outcomes: ['FAILURE'] } };
    const event = (eventType: string, result: string) => ({ ...SAMPLE_EVENT, detail: { ...SAMPLE_EVENT.detail, eventType, outcome: { result } } });
    expect(matches(compileFilter(filter), event('user.authentication.sso', 'FAILURE'))).toBe(true);
    expect(matches(compileFilter(filter), event('user.session.access_admin_app', 'SUCCESS'))).toBe(true);
    expect(matches(compileFilter(filter), event('user.session.start', 'SUCCESS'))).toBe(false);
  });

  test('exact types match only themselves; a prefix of the same text also matches every longer type', () => {
    const event = (eventType: string) => ({ ...SAMPLE_EVENT, detail: { ...SAMPLE_EVENT.detail, eventType } });
    const exact = compileFilter({ include: { eventTypes: ['user.session.start', 'user.authentication.auth_via_mfa'] } });
    const prefix = compileFilter({ include: { eventTypePrefixes: ['user.session.start'] } });
    expect(exact).toEqual({
      source: [{ prefix: 'aws.partner/okta.com' }],
      'detail-type': ['SystemLog'],
      detail: { eventType: ['user.session.start', 'user.authentication.auth_via_mfa'] },
    });
    expect(['user.session.start', 'user.session.start.x', 'user.session.started', 'user.authentication.auth_via_mfa'].map((t) => matches(exact, event(t)))).toEqual([true, false, false, true]);
    // A prefix compares characters, not dot-separated segments.
    expect(['user.session.start', 'user.session.start.x', 'user.session.started', 'user.session.end'].map((t) => matches(prefix, event(t)))).toEqual([true, true, true, false]);
  });

  test('exact types and prefixes together are one field\'s alternatives, one list: exact values, then prefixes', () => {
    expect(compileFilter({ include: { eventTypes: ['user.session.start'], eventTypePrefixes: ['user.account.'], outcomes: ['FAILURE'] } })).toEqual({
      source: [{ prefix: 'aws.partner/okta.com' }],
      'detail-type': ['SystemLog'],
      detail: { $or: [{ eventType: ['user.session.start', { prefix: 'user.account.' }] }, { outcome: { result: ['FAILURE'] } }] },
    });
  });

  test('one include list needs no $or; two or more become $or branches inside detail', () => {
    expect(compileFilter({ include: { severities: ['ERROR'] } })).toEqual({
      source: [{ prefix: 'aws.partner/okta.com' }],
      'detail-type': ['SystemLog'],
      detail: { severity: ['ERROR'] },
    });
    expect(compileFilter({ include: { severities: ['ERROR'], outcomes: ['DENY'] }, exclude: { eventTypePrefix: 'system.' } })).toEqual({
      source: [{ prefix: 'aws.partner/okta.com' }],
      'detail-type': ['SystemLog'],
      detail: {
        eventType: [{ 'anything-but': { prefix: 'system.' } }, { exists: false }],
        $or: [{ severity: ['ERROR'] }, { outcome: { result: ['DENY'] } }],
      },
    });
  });
});

describe('the EventBridge matching helper', () => {
  const event = { detail: { eventType: 'user.session.start' } };

  test('an exact value and a prefix in one list are alternatives', () => {
    expect(matches({ detail: { eventType: ['user.session.end', { prefix: 'user.session.' }] } }, event)).toBe(true);
    expect(matches({ detail: { eventType: ['user.session.start', { prefix: 'system.' }] } }, event)).toBe(true);
    expect(matches({ detail: { eventType: ['user.session.end', { prefix: 'system.' }] } }, event)).toBe(false);
  });

  test('fails on a pattern EventBridge refuses: a leaf that is not a list, an empty list, an empty object', () => {
    expect(() => matches({ detail: { eventType: 'user.session.start' } }, event)).toThrow(/list/);
    expect(() => matches({ detail: { eventType: [] } }, event)).toThrow(/empty/);
    expect(() => matches({ detail: {} }, event)).toThrow(/empty/);
  });
});

describe('filterProblems', () => {
  test('accepts every filter above', () => {
    for (const [, filter] of FILTERS) expect(filterProblems(filter)).toEqual([]);
  });

  test('refuses include and exclude on one field: EventBridge cannot AND them', () => {
    expect(filterProblems({ include: { severities: ['ERROR'] }, exclude: { severities: ['DEBUG'] } })).toEqual([
      'include and exclude both constrain the severity: EventBridge cannot AND two conditions on one field; list only what to include there',
    ]);
    expect(filterProblems({ include: { eventTypePrefixes: ['user.'] }, exclude: { eventTypePrefix: 'user.session.' } })[0]).toContain('the event type');
    expect(filterProblems({ include: { eventTypes: ['user.session.start'] }, exclude: { eventTypes: ['user.session.end'] } })[0]).toContain('the event type');
    expect(filterProblems({ include: { eventTypes: ['user.session.start'] }, exclude: { eventTypePrefix: 'system.' } })[0]).toContain('the event type');
  });

  test('refuses exact exclusions and an excluded prefix together', () => {
    expect(filterProblems({ exclude: { eventTypes: ['a.b'], eventTypePrefix: 'c.' } })[0]).toContain('exclude.event_types and exclude.event_type_prefix');
  });

  test('refuses a pattern longer than EventBridge allows', () => {
    const many = Array.from({ length: 200 }, (_v, i) => `user.event_type_number_${i}.`);
    expect(filterProblems({ include: { eventTypePrefixes: many } })).toEqual([expect.stringMatching(new RegExp(`characters; EventBridge allows ${MAX_EVENT_PATTERN_LENGTH}`))]);
    // Exact types count too, alone and beside prefixes.
    const types = many.map((t) => `${t}x`);
    expect(filterProblems({ include: { eventTypes: types } })).toEqual([expect.stringMatching(/characters; EventBridge allows/)]);
    expect(filterProblems({ include: { eventTypes: types.slice(0, 100), eventTypePrefixes: many.slice(0, 100) } })).toEqual([expect.stringMatching(/characters; EventBridge allows/)]);
  });
});
