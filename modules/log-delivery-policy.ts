import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';

const ID = 'LogDeliveryPolicy';

/**
 * The CloudWatch Logs resource policy that lets EventBridge write to the stack's log groups — one per
 * stack, listing exactly its groups, because a region allows only 10 such policies. The console
 * creates it silently; Terraform must.
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
  private readonly logGroupArns: string[] = [];

  private constructor(scope: TerraformStack, id: string, nameStem: string) {
    super(scope, id);
    this.policy = new CloudwatchLogResourcePolicy(this, 'Policy', {
      policyName: `okta-log-streaming-${nameStem}`,
      policyDocument: Lazy.stringValue({
        produce: () =>
          policyDocument({
            Sid: 'EventBridgeWritesOktaEvents',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            // The streams of these groups and nothing else.
            Resource: this.logGroupArns.map((arn) => `${arn}:*`),
          }),
      }),
    });
  }

  /** Allows delivery to one more log group (its ARN, without the `:*` suffix). */
  allow(logGroupArn: string): void {
    this.logGroupArns.push(logGroupArn);
  }
}
