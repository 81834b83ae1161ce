import { CloudWatchLogsStack } from '../../stacks/cloudwatch-logs-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, resourcesOf } from '../helpers/synth';

const stack = (sink: Record<string, unknown>) => withStacks({ name: 'okta-logs', event_source_name: 'okta_logs', sink: { type: 'cloudwatch_logs', ...sink } });

describe('CloudWatchLogsStack', () => {
  test('is the stack class for a cloudwatch_logs sink', () => {
    expect(stacksOf(stack({}))[0]).toBeInstanceOf(CloudWatchLogsStack);
  });

  test('names the group /aws/events/okta/<stack> by default, keeps 365 days, needs no secret and no role', () => {
    const json = synthOnlyStack(stack({}));
    expect(onlyResource(json, 'aws_cloudwatch_log_group').config).toMatchObject({ name: '/aws/events/okta/okta-logs', retention_in_days: 365 });
    expect(onlyResource(json, 'aws_cloudwatch_log_resource_policy').config.policy_name).toBe('okta-log-streaming-okta-logs');
    expect(json.variable).toBeUndefined();
    expect(resourcesOf(json, 'aws_iam_role')).toEqual({});
  });

  test('uses the configured group, retention and KMS key', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const json = synthOnlyStack(stack({ log_group_name: '/okta/prod', retention_in_days: 90, kms_key_arn: kms }));
    expect(onlyResource(json, 'aws_cloudwatch_log_group').config).toMatchObject({ name: '/okta/prod', retention_in_days: 90, kms_key_id: kms });
  });
});
