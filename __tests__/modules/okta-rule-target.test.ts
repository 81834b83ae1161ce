import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventRule } from '../../modules/okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from '../../modules/okta-log-sink';
import { OktaRuleTarget } from '../../modules/okta-rule-target';
import { onlyResource, ref, resourcesOf, synth, synthConstructs, testStack, validationErrors } from '../helpers/synth';

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
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config).toEqual({
      rule: ref('aws_cloudwatch_event_rule', ruleId, 'name'),
      event_bus_name: 'aws.partner/okta.com/acme/okta_x',
      target_id: 'okta-x',
      arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:okta',
      input_path: '$.detail',
    });
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
