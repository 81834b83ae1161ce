import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LogDeliveryPolicy } from './log-delivery-policy';

/** EventBridge's bus log levels, each logging more than the one before (EventBridge User Guide, "Logging event buses"). */
export const BUS_LOG_LEVELS = ['ERROR', 'INFO', 'TRACE'] as const;
export type BusLogLevel = (typeof BUS_LOG_LEVELS)[number];

/** The vended log types a level delivers: a level needs its own and every lower level's delivery source. */
const LOG_TYPES: Record<BusLogLevel, readonly string[]> = {
  ERROR: ['ERROR_LOGS'],
  INFO: ['ERROR_LOGS', 'INFO_LOGS'],
  TRACE: ['ERROR_LOGS', 'INFO_LOGS', 'TRACE_LOGS'],
};

export interface BusLoggingProps {
  /** Stem of the log group, delivery source and destination names: unique per account and region (the stack's name). */
  readonly name: string;
  /** The account of the bus: only its delivery sources may write the group. */
  readonly accountId: string;
  /** ARN of the bus (a reference: the delivery sources need the bus to exist). */
  readonly eventBusArn: string;
  readonly level: BusLogLevel;
  /** @default 30 */
  readonly retentionInDays?: number;
  /** Customer managed key for the log group; its policy must let CloudWatch Logs use it. @default - CloudWatch-managed */
  readonly kmsKeyArn?: string;
}

/**
 * A partner bus's own log in CloudWatch Logs: EventBridge logs events from partner sources and
 * what became of them — at ERROR, each failed target invocation with the target, the HTTP status
 * and the error message (EventBridge User Guide, "Logging event buses" and its log schema). The bus
 * itself carries `log_config`; this is the vended-logs delivery: a log group, a delivery source per
 * log type, one destination and a delivery per source (made one after the other), and the stack's
 * log resource policy extended to the group.
 */
export class BusLogging extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  static logGroupName(name: string): string {
    return `/aws/vendedlogs/events/event-bus/${name}`;
  }

  constructor(scope: Construct, id: string, props: BusLoggingProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', { name: BusLogging.logGroupName(props.name), retentionInDays: props.retentionInDays ?? 30, kmsKeyId: props.kmsKeyArn });
    const policy = LogDeliveryPolicy.of(scope, props.name);
    const destination = new CloudwatchLogDeliveryDestination(this, 'Destination', {
      name: `${props.name}-bus-logs`,
      deliveryDestinationConfiguration: [{ destinationResourceArn: this.logGroup.arn }],
      dependsOn: [policy.policy],
    });
    let previous: ITerraformDependable | undefined;
    const sourceArns: string[] = [];
    for (const logType of LOG_TYPES[props.level]) {
      const source = new CloudwatchLogDeliverySource(this, `Source_${logType}`, {
        name: `${props.name}-bus-${logType.toLowerCase().replace('_logs', '')}-logs`,
        logType,
        resourceArn: props.eventBusArn,
      });
      sourceArns.push(source.arn);
      // CloudWatch Logs refuses concurrent delivery changes for one destination: one at a time.
      previous = new CloudwatchLogDelivery(this, `Delivery_${logType}`, {
        deliverySourceName: source.name,
        deliveryDestinationArn: destination.arn,
        ...(previous === undefined ? {} : { dependsOn: [previous] }),
      });
    }
    policy.allowLogDelivery(this.logGroup.arn, sourceArns, props.accountId);
  }
}
