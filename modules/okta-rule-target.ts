import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MAX_TARGETS_PER_RULE } from './facts';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink } from './okta-log-sink';

export interface OktaRuleTargetProps {
  readonly rule: OktaEventRule;
  readonly sink: OktaLogSink;
  /** Target id: 1-64 of letters, digits, ".", "-", "_"; unique per rule. Part of the import id. */
  readonly targetId: string;
}

/** Attaches a sink to an Okta rule: binds the sink and creates the target on the rule's partner bus. */
export class OktaRuleTarget extends Construct {
  readonly rule: OktaEventRule;
  readonly target: CloudwatchEventTarget;

  constructor(scope: Construct, id: string, props: OktaRuleTargetProps) {
    super(scope, id);
    this.rule = props.rule;
    const config = props.sink.bind(this, props.rule);
    this.target = new CloudwatchEventTarget(this, 'Target', {
      rule: props.rule.ruleName,
      // Defaults to "default" when unset, where the rule does not exist.
      eventBusName: props.rule.eventBusName,
      targetId: props.targetId,
      arn: config.arn,
      roleArn: config.roleArn,
      httpTarget: config.httpTarget,
      inputPath: config.inputPath,
      inputTransformer: config.inputTransformer,
      dependsOn: config.dependsOn === undefined ? undefined : [...config.dependsOn],
    });
    this.node.addValidation({ validate: () => this.checkTargetsPerRule() });
  }

  private checkTargetsPerRule(): string[] {
    const siblings = TerraformStack.of(this)
      .node.findAll()
      .filter((c): c is OktaRuleTarget => c instanceof OktaRuleTarget && c.rule === this.rule);
    // Reported once, by the first target of the rule.
    if (siblings.length <= MAX_TARGETS_PER_RULE || siblings[0] !== this) return [];
    return [
      `rule ${this.rule.node.path} has ${siblings.length} targets; EventBridge allows at most ${MAX_TARGETS_PER_RULE} per rule: give each sink its own rule`,
    ];
  }
}
