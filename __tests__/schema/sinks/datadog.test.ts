import { DATADOG_SITES } from '../../../modules/datadog-sink';
import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>) => withStacks({ name: 'okta-dd', event_source_name: 'okta_dd', sink: { type: 'datadog', site: 'datadoghq.com', ...sink } });

describe('datadog sink config', () => {
  test('defaults: the Okta event, TF_VAR_datadog_api_key, 300 per second', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({
      sink: { type: 'datadog', site: 'datadoghq.com', api_key_variable: 'datadog_api_key', body: 'okta_event', invocation_rate_limit_per_second: 300 },
    });
  });
  test.each(DATADOG_SITES)('accepts site %s', (site) => expect(problemsOf(withSink({ site }))).toEqual([]));
  test('fails on a site Datadog does not have, listing the sites', () => {
    expectOnlyProblem(withSink({ site: 'datadoghq.de' }), 'stacks[0].sink.site', 'got "datadoghq.de"', 'us5.datadoghq.com');
  });
  test('fails when the site is missing', () => {
    expectOnlyProblem(withSink({ site: undefined }), 'stacks[0].sink.site', 'missing');
  });
  test('accepts tags and a service', () => {
    expect(problemsOf(withSink({ tags: ['env:prod', 'team:security', 'okta'], service: 'okta' }))).toEqual([]);
  });
  test.each(['Env:prod', 'env prod', 'a,b'])('fails on tag %p', (tag) => {
    expectOnlyProblem(withSink({ tags: [tag] }), 'stacks[0].sink.tags[0]', 'Datadog tag');
  });
  test('fails on a body other than envelope or okta_event', () => {
    expectOnlyProblem(withSink({ body: 'detail' }), 'stacks[0].sink.body', '"envelope"', '"okta_event"');
  });
});
