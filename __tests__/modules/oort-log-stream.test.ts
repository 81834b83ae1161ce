import { OORT_ACCOUNTS, OortLogStream } from '../../modules/oort-log-stream';
import { onlyResource, resourcesOf, synthConstructs } from '../helpers/synth';

describe('OortLogStream', () => {
  test.each([
    ['production', '988897525199'],
    ['staging', '909617834444'],
  ] as const)('%s streams to Oort account %s in us-east-2 under the integration id', (environment, account) => {
    const json = synthConstructs((stack) => new OortLogStream(stack, 'Oort', { orgName: 'acme', streamName: 'okta-oort', integrationId: 'abc123', environment }));
    expect(onlyResource(json, 'okta_log_stream').config).toEqual({
      name: 'okta-oort',
      type: 'aws_eventbridge',
      status: 'ACTIVE',
      settings: { account_id: account, region: 'us-east-2', event_source_name: 'abc123' },
      lifecycle: { prevent_destroy: true },
    });
    expect(OORT_ACCOUNTS[environment]).toBe(account);
  });

  test('defaults to production and creates nothing on the AWS side', () => {
    const json = synthConstructs((stack) => new OortLogStream(stack, 'Oort', { orgName: 'acme', streamName: 's', integrationId: 'abc' }));
    expect(Object.keys(json.resource ?? {})).toEqual(['okta_log_stream']);
    expect(onlyResource(json, 'okta_log_stream').config).toMatchObject({ settings: { account_id: '988897525199' } });
    expect(resourcesOf(json, 'aws_cloudwatch_event_bus')).toEqual({});
  });

  test('fails on an integration id with "-", which the okta provider (4.20.0 to 6.x) rejects', () => {
    expect(() => synthConstructs((stack) => new OortLogStream(stack, 'Oort', { orgName: 'acme', streamName: 's', integrationId: 'a-b' }))).toThrow(
      'eventSourceName "a-b" must match',
    );
  });
});
