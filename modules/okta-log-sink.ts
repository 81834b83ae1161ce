import { CloudwatchEventTargetHttpTarget, CloudwatchEventTargetInputTransformer } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Fn, ITerraformDependable, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventRule } from './okta-event-rule';

/** What a sink's target on the rule is made of. The bus, rule, target id and delivery settings come from `OktaRuleTarget`. */
export interface SinkTargetConfig {
  /** ARN the target delivers to (API destination, log group, Firehose stream …). */
  readonly arn: string;
  /** Role EventBridge assumes to deliver, where the target type needs one. */
  readonly roleArn?: string;
  readonly httpTarget?: CloudwatchEventTargetHttpTarget;
  /** JSONPath of the part of the event to send, e.g. `$.detail`. Default: the whole EventBridge envelope. */
  readonly inputPath?: string;
  readonly inputTransformer?: CloudwatchEventTargetInputTransformer;
  /** What must exist before the target delivers (a permission policy), so the first events are not refused. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** What a sink sends: the whole EventBridge envelope, or the Okta LogEvent alone (its `detail`). */
export type SinkBody = 'envelope' | 'okta_event';

/** The target's input_path for a body choice; a reference (module input) is decided by Terraform. */
export function inputPathFor(body: SinkBody): string | undefined {
  if (Token.isUnresolved(body)) return Fn.conditional(Op.eq(body, 'okta_event'), '$.detail', null) as string;
  return body === 'okta_event' ? '$.detail' : undefined;
}

/**
 * The sink contract, in the spirit of CDK's `IRuleTarget`: a sink binds to a rule on the partner bus,
 * creates under `scope` everything it needs to receive that rule's events (its own IAM, scoped to
 * exact ARNs, its destination …) and returns what its target is made of. Adding a sink never changes
 * the stream, the bus or the rule.
 */
export interface OktaLogSink {
  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig;
}
