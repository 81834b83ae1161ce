import { CloudWatchLogsSink, CloudWatchLogsSinkProps, LOG_RETENTION_DAYS } from '../../modules/cloudwatch-logs-sink';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, parsePolicy, ref, resourcesOf, synthConstructs, TerraformJson } from '../helpers/synth';

function synthLogs(...sinks: CloudWatchLogsSinkProps[]): TerraformJson {
  return synthConstructs((stack) => {
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_logs', ruleName: 'okta-logs' });
    sinks.forEach((props, i) => new OktaRuleTarget(stack, `Logs${i}`, { rule, sink: new CloudWatchLogsSink(props), targetId: `t${i}` }));
  });
}

describe('CloudWatchLogsSink', () => {
  const json = synthLogs({ logGroupName: '/aws/events/okta/prod' });
  const group = onlyResource(json, 'aws_cloudwatch_log_group');
  const policy = onlyResource(json, 'aws_cloudwatch_log_resource_policy');
  const target = onlyResource(json, 'aws_cloudwatch_event_target');

  test('creates the log group with 365 days retention by default', () => {
    expect(group.config).toMatchObject({ name: '/aws/events/okta/prod', retention_in_days: 365 });
    expect(group.config).not.toHaveProperty('kms_key_id');
  });

  test('lets EventBridge, and nothing else, create streams and put events on that group only', () => {
    expect(parsePolicy(policy.config.policy_document).Statement).toEqual([
      {
        Sid: 'EventBridgeWritesOktaEvents',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${ref('aws_cloudwatch_log_group', group.id, 'arn')}:*`],
      },
    ]);
  });

  test('the target writes to the group without a role, once the policy exists', () => {
    expect(target.config).toMatchObject({
      arn: ref('aws_cloudwatch_log_group', group.id, 'arn'),
      depends_on: expect.arrayContaining([`aws_cloudwatch_log_resource_policy.${policy.id}`]),
    });
    expect(target.config).not.toHaveProperty('role_arn');
    expect(resourcesOf(json, 'aws_iam_role')).toEqual({});
  });

  test('several groups in one stack share one resource policy (a region allows ten)', () => {
    const two = synthLogs({ logGroupName: '/a' }, { logGroupName: '/b' });
    const groups = Object.keys(resourcesOf(two, 'aws_cloudwatch_log_group'));
    expect(groups).toHaveLength(2);
    const shared = onlyResource(two, 'aws_cloudwatch_log_resource_policy');
    expect(parsePolicy(shared.config.policy_document).Statement[0].Resource).toEqual(groups.map((id) => `${ref('aws_cloudwatch_log_group', id, 'arn')}:*`));
  });

  test('uses the retention, KMS key and body configured', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/abcd';
    const custom = synthLogs({ logGroupName: '/x', retentionInDays: 731, kmsKeyArn: kms, body: 'okta_event' });
    expect(onlyResource(custom, 'aws_cloudwatch_log_group').config).toMatchObject({ retention_in_days: 731, kms_key_id: kms });
    expect(onlyResource(custom, 'aws_cloudwatch_event_target').config.input_path).toBe('$.detail');
  });

  test.each([0, 2, 366, 3650])('fails on a retention CloudWatch does not accept: %d', (days) => {
    expect(() => new CloudWatchLogsSink({ logGroupName: '/x', retentionInDays: days })).toThrow(`retentionInDays ${days} must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  });

  test('fails on a log group name with characters CloudWatch rejects', () => {
    expect(() => new CloudWatchLogsSink({ logGroupName: 'okta logs' })).toThrow('logGroupName "okta logs" must be 1-512 of letters');
  });
});
