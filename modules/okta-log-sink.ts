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
  /** The sink's own metrics, for the stack's dashboard. @default - none */
  readonly metrics?: readonly DashboardMetric[];
  /**
   * Terraform conditions under which `inputTransformer` and `httpTarget` exist: in module form a
   * block may depend on an input, so it becomes a dynamic block. @default - the block is there when given
   */
  readonly blockConditions?: { readonly inputTransformer?: string; readonly httpTarget?: string };
}

/** A CloudWatch metric to graph. */
export interface DashboardMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: 'Sum' | 'Average' | 'Maximum';
  readonly label: string;
  /** @default 300 */
  readonly periodSeconds?: number;
}

/**
 * What a sink sends: the whole EventBridge envelope, the Okta LogEvent alone (its `detail`), or a
 * Splunk HTTP Event Collector event wrapping it.
 */
export type SinkBody = 'envelope' | 'okta_event' | 'splunk_hec';

/** EventBridge input transformer limits (the AWS provider checks the first and the second). */
export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_TEMPLATE_LENGTH = 8192;

/**
 * A Splunk HEC event. No `time`: HEC takes only epoch seconds there and EventBridge cannot convert
 * Okta's ISO `published`; the OktaIM2:log sourcetype takes the event time from `published`.
 */
export const SPLUNK_HEC_TRANSFORMER = inputTransformer({ event: '$.detail' }, '{"event": <event>, "sourcetype": "OktaIM2:log", "source": "okta"}');

/** An input transformer, checked against EventBridge's limits. */
export function inputTransformer(inputPaths: Record<string, string>, inputTemplate: string): CloudwatchEventTargetInputTransformer {
  const paths = Object.keys(inputPaths);
  if (paths.length > MAX_INPUT_PATHS) throw new Error(`input transformer: ${paths.length} input paths; EventBridge allows ${MAX_INPUT_PATHS}`);
  if (paths.some((p) => p.startsWith('AWS'))) throw new Error('input transformer: input path names may not start with "AWS" (reserved)');
  if (inputTemplate.length > MAX_INPUT_TEMPLATE_LENGTH) throw new Error(`input transformer: the template is ${inputTemplate.length} characters; EventBridge allows ${MAX_INPUT_TEMPLATE_LENGTH}`);
  return { inputPaths, inputTemplate };
}

/** The target's input settings for a body choice; a reference (module input) is decided by Terraform. */
export function payloadFor(body: SinkBody): Pick<SinkTargetConfig, 'inputPath' | 'inputTransformer' | 'blockConditions'> {
  if (Token.isUnresolved(body)) {
    return {
      inputPath: Fn.conditional(Op.eq(body, 'okta_event'), '$.detail', null) as string,
      inputTransformer: SPLUNK_HEC_TRANSFORMER,
      blockConditions: { inputTransformer: Token.asString(Op.eq(body, 'splunk_hec')) },
    };
  }
  if (body === 'okta_event') return { inputPath: '$.detail' };
  if (body === 'splunk_hec') return { inputTransformer: SPLUNK_HEC_TRANSFORMER };
  return {};
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
