import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement } from './iam-policy';

const ID = 'LogDeliveryPolicy';

/**
 * The CloudWatch Logs resource policy that lets EventBridge write to the stack's log groups — one per
 * stack, listing exactly its groups, because a region allows only 10 such policies. The console
 * creates it silently; Terraform must. Each service gets only its own groups: EventBridge the sink
 * groups (rule targets), the log delivery service the bus-log group, and that only for this
 * account's delivery sources of the bus (CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs":
 * aws:SourceAccount and aws:SourceArn; the aws provider's cloudwatch_event_bus logging example names
 * the delivery sources themselves).
 */
export class LogDeliveryPolicy extends Construct {
  /**
   * The stack's policy, created on first use. Its name is unique per account and region (creating it
   * is an unconditional PutResourcePolicy that overwrites a namesake): `okta-log-streaming-<stem>`,
   * the stem being the stack's name, or in module form the instance's name input.
   */
  static of(scope: Construct, nameStem?: string): LogDeliveryPolicy {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    return existing instanceof LogDeliveryPolicy ? existing : new LogDeliveryPolicy(stack, ID, nameStem ?? stack.node.id);
  }

  readonly policy: CloudwatchLogResourcePolicy;
  private readonly eventGroupArns: string[] = [];
  private readonly deliveries: { readonly logGroupArn: string; readonly sourceArns: readonly string[]; readonly accountId: string }[] = [];

  private constructor(scope: TerraformStack, id: string, nameStem: string) {
    super(scope, id);
    this.policy = new CloudwatchLogResourcePolicy(this, 'Policy', {
      policyName: `okta-log-streaming-${nameStem}`,
      policyDocument: Lazy.stringValue({ produce: () => policyDocument(...this.statements()) }),
    });
  }

  /** Lets EventBridge deliver a rule target's events to one more log group (its ARN, without `:*`). */
  allow(logGroupArn: string): void {
    this.eventGroupArns.push(logGroupArn);
  }

  /** Lets the log delivery service write one group for the given delivery sources of this account. */
  allowLogDelivery(logGroupArn: string, sourceArns: readonly string[], accountId: string): void {
    this.deliveries.push({ logGroupArn, sourceArns, accountId });
  }

  private statements(): PolicyStatement[] {
    const write = ['logs:CreateLogStream', 'logs:PutLogEvents'];
    return [
      ...(this.eventGroupArns.length === 0
        ? []
        : [{ Sid: 'EventBridgeWritesOktaEvents', Effect: 'Allow' as const, Principal: { Service: 'events.amazonaws.com' }, Action: write, Resource: this.eventGroupArns.map((arn) => `${arn}:*`) }]),
      ...this.deliveries.map((d, index) => ({
        Sid: `LogDeliveryWritesTheBusLog${index === 0 ? '' : index + 1}`,
        Effect: 'Allow' as const,
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: write,
        Resource: [`${d.logGroupArn}:log-stream:*`],
        Condition: { StringEquals: { 'aws:SourceAccount': d.accountId }, ArnLike: { 'aws:SourceArn': [...d.sourceArns] } },
      })),
    ];
  }
}
