import { AlarmTopic } from '../../modules/alarm-topic';
import { onlyResource, ref, resourcesOf, synthConstructs, testStack } from '../helpers/synth';

describe('AlarmTopic', () => {
  test('a topic, unencrypted by default (CloudWatch cannot publish under alias/aws/sns)', () => {
    const json = synthConstructs((stack) => new AlarmTopic(stack, 'Topic', { topicName: 'okta-alarms' }));
    expect(onlyResource(json, 'aws_sns_topic').config).toEqual({ name: 'okta-alarms' });
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toEqual({});
  });

  test('subscribes every email address and HTTPS endpoint', () => {
    const json = synthConstructs(
      (stack) =>
        new AlarmTopic(stack, 'Topic', {
          topicName: 'okta-alarms',
          emailAddresses: ['secops@acme.example', 'oncall@acme.example'],
          httpsEndpoints: ['https://hooks.example.com/services/T0/B0/x'],
          kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
        }),
    );
    const topic = onlyResource(json, 'aws_sns_topic');
    expect(topic.config.kms_master_key_id).toBe('arn:aws:kms:eu-west-1:123456789012:key/k');
    const subscriptions = Object.values(resourcesOf(json, 'aws_sns_topic_subscription'));
    expect(subscriptions.map(({ protocol, endpoint, topic_arn }) => ({ protocol, endpoint, topic_arn }))).toEqual(expect.arrayContaining([
      { protocol: 'email', endpoint: 'secops@acme.example', topic_arn: ref('aws_sns_topic', topic.id, 'arn') },
      { protocol: 'email', endpoint: 'oncall@acme.example', topic_arn: ref('aws_sns_topic', topic.id, 'arn') },
      { protocol: 'https', endpoint: 'https://hooks.example.com/services/T0/B0/x', topic_arn: ref('aws_sns_topic', topic.id, 'arn') },
    ]));
    expect(subscriptions).toHaveLength(3);
  });

  test('a subscription\'s address is its identity: reordering the list keeps every address', () => {
    const ids = (emails: string[]) =>
      Object.keys(resourcesOf(synthConstructs((stack) => new AlarmTopic(stack, 'T', { topicName: 't', emailAddresses: emails })), 'aws_sns_topic_subscription')).sort();
    expect(ids(['a@x.example', 'b@x.example'])).toEqual(ids(['b@x.example', 'a@x.example']));
  });

  test('fails on a plain-HTTP endpoint', () => {
    expect(() => new AlarmTopic(testStack(), 'T', { topicName: 't', httpsEndpoints: ['http://hooks.example.com'] })).toThrow(
      'endpoint "http://hooks.example.com" must be an https:// URL',
    );
  });
});
