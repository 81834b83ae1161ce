import { OortStack } from '../../stacks/oort-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, ref } from '../helpers/synth';

const config = withStacks({ name: 'okta-oort', sink: { type: 'oort', integration_id: 'abc123' } });

describe('OortStack', () => {
  const json = synthOnlyStack(config);

  test('is the stack class for an oort sink', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(OortStack);
  });

  test('streams to Oort production in us-east-2 under the integration id', () => {
    expect(onlyResource(json, 'okta_log_stream').config).toMatchObject({
      type: 'aws_eventbridge',
      status: 'ACTIVE',
      settings: { account_id: '988897525199', region: 'us-east-2', event_source_name: 'abc123' },
    });
  });

  test('has no AWS side: only the okta provider, one resource, no variables', () => {
    expect(Object.keys(json.provider ?? {})).toEqual(['okta']);
    expect(Object.keys(json.resource ?? {})).toEqual(['okta_log_stream']);
    expect(json.variable).toBeUndefined();
  });

  test('outputs the stream id', () => {
    expect(json.output?.okta_log_stream_id).toMatchObject({ value: ref('okta_log_stream', onlyResource(json, 'okta_log_stream').id, 'id') });
  });

  test('keeps state in S3 like every stack', () => {
    expect(json.terraform?.backend).toMatchObject({ s3: { key: 'okta-log-streaming/test/okta-oort.tfstate', use_lockfile: true } });
  });
});
