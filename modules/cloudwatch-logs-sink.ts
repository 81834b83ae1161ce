import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LogDeliveryPolicy } from './log-delivery-policy';
import { OktaLogSink, payloadFor, SinkTargetConfig } from './okta-log-sink';

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export interface CloudWatchLogsSinkProps {
  /** Log group name, in the bus's region. */
  readonly logGroupName: string;
  /** One of the retention periods CloudWatch accepts. @default 365 */
  readonly retentionInDays?: number;
  /** KMS key ARN to encrypt the group with (its key policy must allow CloudWatch Logs). @default - CloudWatch-managed encryption */
  readonly kmsKeyArn?: string;
  /** What is written. @default "envelope" */
  readonly body?: 'okta_event' | 'envelope';
  /** Adopt the existing log group of that name with an `import` block. @default false */
  readonly importExistingLogGroup?: boolean;
  /**
   * Stem of the log resource policy's name when this sink creates it (the first CloudWatch Logs sink
   * of a stack does): unique per account and region. @default - the stack's construct id
   */
  readonly deliveryPolicyNameStem?: string;
}

/**
 * Okta events to a CloudWatch Logs group. No role: EventBridge writes under the stack's log resource
 * policy, which this sink extends to its group only.
 */
export class CloudWatchLogsSink implements OktaLogSink {
  private readonly props: CloudWatchLogsSinkProps;

  constructor(props: CloudWatchLogsSinkProps) {
    if (!Token.isUnresolved(props.logGroupName) && !LOG_GROUP_NAME_PATTERN.test(props.logGroupName)) {
      throw new Error(`CloudWatchLogsSink: logGroupName "${props.logGroupName}" must be 1-512 of letters, digits and . - _ / #`);
    }
    const retention = props.retentionInDays ?? 365;
    if (!Token.isUnresolved(retention) && !(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
      throw new Error(`CloudWatchLogsSink: retentionInDays ${retention} must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    this.props = props;
  }

  bind(scope: Construct): SinkTargetConfig {
    const group = new CloudwatchLogGroup(scope, 'LogGroup', {
      name: this.props.logGroupName,
      retentionInDays: this.props.retentionInDays ?? 365,
      kmsKeyId: this.props.kmsKeyArn,
    });
    if (this.props.importExistingLogGroup === true) group.importFrom(this.props.logGroupName);
    const delivery = LogDeliveryPolicy.of(scope, this.props.deliveryPolicyNameStem);
    delivery.allow(group.arn);
    return { arn: group.arn, ...payloadFor(this.props.body ?? 'envelope'), dependsOn: [delivery.policy] };
  }
}
