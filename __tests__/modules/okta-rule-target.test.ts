import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from '../../modules/okta-log-sink';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, parsePolicy, ref, resourcesOf, synth, synthConstructs, testStack, validationErrors } from '../helpers/synth';

/** A sink as a later issue would write one: it reports its scope and returns a fixed target. */
class RecordingSink implements OktaLogSink {
  boundScope?: Construct;
  boundRule?: OktaEventRule;
  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    this.boundScope = scope;
    this.boundRule = rule;
    return { arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:okta', inputPath: '$.detail' };
  }
}

describe('OktaRuleTarget', () => {
  test('binds the sink to the rule and puts its target on the rule and the rule\'s bus', () => {
    const sink = new RecordingSink();
    let rule: OktaEventRule | undefined;
    const json = synthConstructs((stack) => {
      rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
      new OktaRuleTarget(stack, 'Target', { rule, sink, targetId: 'okta-x' });
    });
    expect(sink.boundRule).toBe(rule);
    expect(sink.boundScope).toBeInstanceOf(OktaRuleTarget);
    const ruleId = onlyResource(json, 'aws_cloudwatch_event_rule').id;
    const queue = onlyResource(json, 'aws_sqs_queue');
    const queuePolicy = onlyResource(json, 'aws_sqs_queue_policy');
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).toEqual({
      rule: ref('aws_cloudwatch_event_rule', ruleId, 'name'),
      event_bus_name: 'aws.partner/okta.com/acme/okta_x',
      target_id: 'okta-x',
      arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:okta',
      input_path: '$.detail',
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 185 },
      dead_letter_config: { arn: ref('aws_sqs_queue', queue.id, 'arn') },
      depends_on: [`aws_sqs_queue_policy.${queuePolicy.id}`],
    });
  });

  describe('dead-letter queue', () => {
    const json = synthConstructs((stack) => {
      const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
      new OktaRuleTarget(stack, 'Target', { rule, sink: new RecordingSink(), targetId: 'okta.x' });
    });
    const queue = onlyResource(json, 'aws_sqs_queue');
    const rule = onlyResource(json, 'aws_cloudwatch_event_rule');

    test('is a standard queue, SQS-encrypted, keeping messages 14 days, named after the target', () => {
      expect(queue.config).toEqual({ name: 'okta-x-dlq', message_retention_seconds: 1209600, sqs_managed_sse_enabled: true });
    });

    test('only EventBridge, for this rule, may send to it', () => {
      const policy = onlyResource(json, 'aws_sqs_queue_policy').config;
      expect(policy.queue_url).toBe(ref('aws_sqs_queue', queue.id, 'url'));
      expect(parsePolicy(policy.policy).Statement).toEqual([
        {
          Sid: 'EventBridgeDeadLetters',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['sqs:SendMessage'],
          Resource: [ref('aws_sqs_queue', queue.id, 'arn')],
          Condition: { ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', rule.id, 'arn') } },
        },
      ]);
    });

    test('uses a KMS key and the retries configured', () => {
      const kms = 'arn:aws:kms:eu-west-1:123456789012:key/abcd';
      const custom = synthConstructs((stack) => {
        const r = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
        const delivery = { maximumEventAgeSeconds: 3600, maximumRetryAttempts: 10, deadLetterQueueKmsKeyArn: kms };
        new OktaRuleTarget(stack, 'Target', { rule: r, sink: new RecordingSink(), targetId: 't', deadLetterQueueName: 'custom-dlq', delivery });
      });
      expect(onlyResource(custom, 'aws_sqs_queue').config).toEqual({ name: 'custom-dlq', message_retention_seconds: 1209600, kms_master_key_id: kms });
      expect(onlyResource(custom, 'aws_cloudwatch_event_target').config.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 10 });
    });
  });

  test.each([
    [{ maximumEventAgeSeconds: 59 }, 'maximumEventAgeSeconds must be a whole number from 60 to 86400, got 59'],
    [{ maximumEventAgeSeconds: 86401 }, 'maximumEventAgeSeconds must be a whole number from 60 to 86400, got 86401'],
    [{ maximumRetryAttempts: -1 }, 'maximumRetryAttempts must be a whole number from 0 to 185, got -1'],
    [{ maximumRetryAttempts: 186 }, 'maximumRetryAttempts must be a whole number from 0 to 185, got 186'],
  ])('fails on retries outside what the API accepts: %p', (delivery, message) => {
    const stack = testStack();
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
    expect(() => new OktaRuleTarget(stack, 'Target', { rule, sink: new RecordingSink(), targetId: 't', delivery })).toThrow(message);
  });

  function stackWithTargets(count: number): TerraformStack {
    const stack = testStack();
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/okta_x', ruleName: 'okta-x' });
    for (let i = 0; i < count; i++) new OktaRuleTarget(stack, `Target${i}`, { rule, sink: new RecordingSink(), targetId: `t${i}` });
    return stack;
  }

  test('accepts five targets on one rule', () => {
    expect(Object.keys(resourcesOf(synth(stackWithTargets(5)), 'aws_cloudwatch_event_target'))).toHaveLength(5);
  });

  test('fails when a rule gets a sixth target, once, naming the rule', () => {
    const errors = validationErrors(stackWithTargets(6));
    expect(errors).toEqual(['rule test/Rule has 6 targets; EventBridge allows at most 5 per rule: give each sink its own rule']);
  });
});

describe('adopting a rule and target', () => {
  test('imports the rule as <bus>/<rule> and the target as <bus>/<rule>/<target id>', () => {
    const json = synthConstructs((stack) => {
      const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/x', ruleName: 'console-rule', importFromBus: 'aws.partner/okta.com/acme/x' });
      new OktaRuleTarget(stack, 'Target', { rule, sink: new RecordingSink(), targetId: 'console-target', importExisting: true });
    }) as { import?: { id: string }[] };
    expect(json.import?.map((i) => i.id)).toEqual(['aws.partner/okta.com/acme/x/console-rule', 'aws.partner/okta.com/acme/x/console-rule/console-target']);
  });

  test('fails when the bus name is a reference: an import id must be known before the plan', () => {
    const stack = testStack();
    const bus = new TerraformVariable(stack, 'bus', { type: 'string' });
    expect(() => new OktaEventRule(stack, 'Rule', { eventBusName: 'b', ruleName: 'r', importFromBus: bus.stringValue })).toThrow('importing needs the bus and rule names as literals');
  });

  test('fails when a target is adopted on a rule that was not', () => {
    const stack = testStack();
    const rule = new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/acme/x', ruleName: 'r' });
    expect(() => new OktaRuleTarget(stack, 'Target', { rule, sink: new RecordingSink(), targetId: 't', importExisting: true })).toThrow('an adopted target needs its adopted rule');
  });
});
