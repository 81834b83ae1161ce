import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';

export interface BusDeadLettersProps {
  /** Queue name, unique per account and region. */
  readonly queueName: string;
  /** ARN of the bus whose dead letters land here. */
  readonly eventBusArn: string;
  /** Alarm name. */
  readonly alarmName: string;
  /** SNS topic the alarm notifies. */
  readonly topicArn: string;
}

/**
 * The partner bus's own dead-letter queue: EventBridge sends it the partner events it cannot
 * process on the bus — under a customer managed key, one disabled, deleted or no longer allowing it
 * (EventBridge User Guide, "Using dead-letter queues to capture encrypted event errors"). Encrypted
 * by SQS, not by that key: the key's failure is what it must survive (events in it stay encrypted
 * under the key). One event in it alarms.
 */
export class BusDeadLetters extends Construct {
  readonly deadLetterQueue: DeadLetterQueue;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: BusDeadLettersProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'Queue', { queueName: props.queueName, sourceArn: props.eventBusArn });
    this.alarm = new CloudwatchMetricAlarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: `Okta events the partner bus could not process (its KMS key?) wait in ${props.queueName}: fix the key, then redrive them.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: this.deadLetterQueue.queue.name },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
