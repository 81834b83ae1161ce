import {
  CloudwatchEventTarget,
  cloudwatchEventTargetHttpTargetToTerraform,
  cloudwatchEventTargetInputTransformerToTerraform,
} from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { MAX_TARGETS_PER_RULE } from './facts';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from './okta-log-sink';

/** EventBridge's own bounds and defaults for a target's retries. */
export const RETRY_LIMITS = {
  maximumEventAgeSeconds: { min: 60, max: 86400, default: 86400 },
  maximumRetryAttempts: { min: 0, max: 185, default: 185 },
} as const;

export interface TargetDeliveryProps {
  /** How long EventBridge keeps retrying an event, 60-86400 s. @default 86400 */
  readonly maximumEventAgeSeconds?: number;
  /** How often EventBridge retries an event, 0-185. @default 185 */
  readonly maximumRetryAttempts?: number;
  /** KMS key for the dead-letter queue. @default - SQS-managed SSE */
  readonly deadLetterQueueKmsKeyArn?: string;
}

export interface OktaRuleTargetProps {
  readonly rule: OktaEventRule;
  readonly sink: OktaLogSink;
  /** Target id: 1-64 of letters, digits, ".", "-", "_"; unique per rule. Part of the import id. */
  readonly targetId: string;
  /** Dead-letter queue name: 1-80 of letters, digits, "-", "_". @default - "<targetId>-dlq", "." made "-" */
  readonly deadLetterQueueName?: string;
  /** @default - EventBridge's maximum: 24 h, 185 attempts; SQS-managed encryption */
  readonly delivery?: TargetDeliveryProps;
  /** Adopt an existing target with this id on the rule, with an `import` block. @default false */
  readonly importExisting?: boolean;
}

/**
 * Attaches a sink to an Okta rule: binds the sink and creates the target on the rule's partner bus,
 * with a retry policy and a dead-letter queue of its own, so nothing it cannot deliver is lost silently.
 */
export class OktaRuleTarget extends Construct {
  readonly rule: OktaEventRule;
  readonly target: CloudwatchEventTarget;
  readonly deadLetterQueue: DeadLetterQueue;
  /** What the sink's bind returned. */
  readonly sinkTarget: SinkTargetConfig;

  constructor(scope: Construct, id: string, props: OktaRuleTargetProps) {
    super(scope, id);
    this.rule = props.rule;
    const maximumEventAgeSeconds = checkedRetry('maximumEventAgeSeconds', props.delivery?.maximumEventAgeSeconds);
    const maximumRetryAttempts = checkedRetry('maximumRetryAttempts', props.delivery?.maximumRetryAttempts);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      queueName: props.deadLetterQueueName ?? `${props.targetId.replace(/\./g, '-')}-dlq`,
      sourceArn: props.rule.ruleArn,
      kmsKeyArn: props.delivery?.deadLetterQueueKmsKeyArn,
    });
    const config = props.sink.bind(this, props.rule);
    this.sinkTarget = config;
    this.target = new CloudwatchEventTarget(this, 'Target', {
      rule: props.rule.ruleName,
      // Defaults to "default" when unset, where the rule does not exist.
      eventBusName: props.rule.eventBusName,
      targetId: props.targetId,
      arn: config.arn,
      roleArn: config.roleArn,
      httpTarget: config.blockConditions?.httpTarget === undefined ? config.httpTarget : undefined,
      inputPath: config.inputPath,
      inputTransformer: config.blockConditions?.inputTransformer === undefined ? config.inputTransformer : undefined,
      retryPolicy: { maximumEventAgeInSeconds: maximumEventAgeSeconds, maximumRetryAttempts },
      deadLetterConfig: { arn: this.deadLetterQueue.queue.arn },
      // Without the queue policy in place, failed events would not even reach the DLQ.
      dependsOn: [...(config.dependsOn ?? []), this.deadLetterQueue.policy],
    });
    // A block that depends on a module input is a dynamic block: there exactly when its condition holds.
    const conditional: [string, unknown, string | undefined][] = [
      ['input_transformer', cloudwatchEventTargetInputTransformerToTerraform(config.inputTransformer), config.blockConditions?.inputTransformer],
      ['http_target', cloudwatchEventTargetHttpTargetToTerraform(config.httpTarget), config.blockConditions?.httpTarget],
    ];
    for (const [block, content, condition] of conditional) {
      if (condition === undefined || content === undefined) continue;
      this.target.addOverride(`dynamic.${block}`, { for_each: Fn.conditional(condition, [1], []), content });
    }
    if (props.importExisting === true) {
      if (props.rule.importPath === undefined) throw new Error('OktaRuleTarget: an adopted target needs its adopted rule (a target belongs to its rule)');
      // Import id of a target on a custom or partner bus: <bus name>/<rule name>/<target id>.
      this.target.importFrom(`${props.rule.importPath}/${props.targetId}`);
    }
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

/** The provider accepts ages below 60 s that the API then rejects: refuse them here. */
function checkedRetry(name: keyof typeof RETRY_LIMITS, value: number | undefined): number {
  const { min, max, default: fallback } = RETRY_LIMITS[name];
  const checked = value ?? fallback;
  if (!Token.isUnresolved(checked) && (!Number.isInteger(checked) || checked < min || checked > max)) {
    throw new Error(`OktaRuleTarget: ${name} must be a whole number from ${min} to ${max}, got ${checked}`);
  }
  return checked;
}
