import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export interface DeliveryAlarmsProps {
  /** Prefix of the alarm names, e.g. the sink's resource name. */
  readonly alarmNamePrefix: string;
  readonly ruleName: string;
  readonly eventBusName: string;
  readonly deadLetterQueueName: string;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /**
   * Hours without a single matched event before "Okta went quiet" alarms: the usual sign that Okta
   * deactivated the stream. 1-24 (CloudWatch evaluates at most one day).
   * @default 2
   */
  readonly quietHours?: number;
}

const FIVE_MINUTES = 300;

/**
 * The alarms that make a sink's losses loud: failed invocations, events in its dead-letter queue,
 * events that could not even reach the dead-letter queue, and no events at all.
 */
export class DeliveryAlarms extends Construct {
  readonly failedInvocations: CloudwatchMetricAlarm;
  readonly deadLetters: CloudwatchMetricAlarm;
  readonly failedToDeadLetter: CloudwatchMetricAlarm;
  readonly oktaQuiet: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: DeliveryAlarmsProps) {
    super(scope, id);
    const quietHours = props.quietHours ?? 2;
    if (!Token.isUnresolved(quietHours) && (!Number.isInteger(quietHours) || quietHours < 1 || quietHours > 24)) {
      throw new Error(`DeliveryAlarms: quietHours must be a whole number from 1 to 24, got ${quietHours}`);
    }
    const rule = { RuleName: props.ruleName, EventBusName: props.eventBusName };
    const actions = { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    // One is too many, at once. No data means nothing failed (an idle, empty queue stops reporting
    // too): missing data must not alarm.
    const anyInFiveMinutes = {
      period: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      ...actions,
    };

    this.failedInvocations = new CloudwatchMetricAlarm(this, 'FailedInvocations', {
      alarmName: `${props.alarmNamePrefix}-failed-invocations`,
      alarmDescription: `EventBridge failed to deliver Okta events of rule ${props.ruleName}; they are retried, then sent to ${props.deadLetterQueueName}.`,
      namespace: 'AWS/Events',
      metricName: 'FailedInvocations',
      dimensions: rule,
      statistic: 'Sum',
      ...anyInFiveMinutes,
    });
    this.deadLetters = new CloudwatchMetricAlarm(this, 'DeadLetters', {
      alarmName: `${props.alarmNamePrefix}-dead-letters`,
      alarmDescription: `Okta events wait in ${props.deadLetterQueueName}: inspect, fix the sink, replay the window from the archive (docs/operations.md, Runbook).`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: props.deadLetterQueueName },
      statistic: 'Maximum',
      ...anyInFiveMinutes,
    });
    this.failedToDeadLetter = new CloudwatchMetricAlarm(this, 'FailedToDeadLetter', {
      alarmName: `${props.alarmNamePrefix}-failed-to-dead-letter`,
      alarmDescription: `Okta events of rule ${props.ruleName} were lost: they could not be sent to ${props.deadLetterQueueName}. Replay them from the archive.`,
      namespace: 'AWS/Events',
      metricName: 'InvocationsFailedToBeSentToDlq',
      dimensions: rule,
      statistic: 'Sum',
      ...anyInFiveMinutes,
    });
    // MatchedEvents is only reported when events match: here silence is the signal, so missing
    // data alarms.
    this.oktaQuiet = new CloudwatchMetricAlarm(this, 'OktaQuiet', {
      alarmName: `${props.alarmNamePrefix}-okta-quiet`,
      alarmDescription:
        `No Okta event matched rule ${props.ruleName} for ${quietHours} h: Okta has probably deactivated the stream ` +
        '(it does after two failed deliveries). Run the drift check or terraform apply to re-activate it (docs/operations.md, Runbook).',
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensions: rule,
      statistic: 'Sum',
      period: 3600,
      evaluationPeriods: quietHours,
      datapointsToAlarm: quietHours,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      ...actions,
    });
  }
}
