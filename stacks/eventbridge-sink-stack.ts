import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTopic } from '../modules/alarm-topic';
import { DeliveryAlarms } from '../modules/delivery-alarms';
import { OktaEventArchive } from '../modules/okta-event-archive';
import { OktaEventRule } from '../modules/okta-event-rule';
import { OktaEventSource } from '../modules/okta-event-source';
import { OktaLogSink } from '../modules/okta-log-sink';
import { OktaRuleTarget } from '../modules/okta-rule-target';
import { DeliveryConfig } from '../schema/delivery';
import { alarmTopicName, archiveName, deadLetterQueueName, sinkResourceName } from '../schema/names';
import { EventBridgeStackCommon } from '../schema/resolve';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** Makes a sink from its config; secrets become sensitive variables of `stack`. */
export type SinkFactory<C> = (stack: OktaLogStreamingStack, resourceName: string, config: C) => OktaLogSink;

/**
 * Base of the stacks whose sinks live in the user's AWS account: the aws provider (the stream's
 * region, the configured account only), the Okta stream with its partner bus and archive, the alarm
 * topic, and per sink a rule, a target with retries and a dead-letter queue, and alarms.
 */
export abstract class EventBridgeSinkStack extends OktaLogStreamingStack {
  readonly source: OktaEventSource;
  readonly archive: OktaEventArchive;
  readonly alarmTopic: AlarmTopic;
  private readonly settings: EventBridgeStackCommon;

  protected constructor(scope: Construct, settings: EventBridgeStackCommon) {
    super(scope, settings);
    this.settings = settings;
    new AwsProvider(this, 'aws', {
      region: settings.aws.region,
      // Refuses to plan with credentials for another account: the stream would point elsewhere.
      allowedAccountIds: [settings.aws.account_id],
      defaultTags: [{ tags: { ...settings.tags, ManagedBy: 'okta-log-streaming', OktaLogStreamingStack: settings.name } }],
    });
    new TimeProvider(this, 'time');

    this.source = new OktaEventSource(this, 'OktaEventSource', {
      orgName: settings.okta.org_name,
      streamName: settings.name,
      eventSourceName: settings.event_source_name,
      accountId: settings.aws.account_id,
      region: settings.aws.region,
      waitForPartnerSourceSeconds: settings.partner_source_wait_seconds,
      preventDestroy: settings.prevent_destroy,
    });
    this.archive = new OktaEventArchive(this, 'Archive', {
      archiveName: archiveName(settings.name),
      eventBusArn: this.source.eventBusArn,
      retentionDays: settings.archive_retention_days,
    });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      topicName: alarmTopicName(settings.name),
      emailAddresses: settings.alarms.email,
      httpsEndpoints: settings.alarms.https,
      kmsKeyArn: settings.alarms.topic_kms_key_arn,
    });
    new TerraformOutput(this, 'okta_log_stream_id', { value: this.source.logStream.stream.id, description: 'Okta log stream id (its import id).' });
    new TerraformOutput(this, 'partner_event_bus_name', { value: this.source.eventBusName });
    new TerraformOutput(this, 'partner_event_bus_arn', { value: this.source.eventBusArn });
    new TerraformOutput(this, 'archive_arn', { value: this.archive.archive.arn, description: 'Archive to replay events from.' });
    new TerraformOutput(this, 'alarm_topic_arn', { value: this.alarmTopic.topic.arn });
  }

  /**
   * Gives a sink its own rule on the partner bus, a target with retries and a dead-letter queue, and
   * alarms. `id` is the construct id (stable, PascalCase); `sinkName` (fan-out only) joins the stack
   * name in resource and output names.
   */
  protected addSink<C extends { readonly delivery: DeliveryConfig }>(id: string, factory: SinkFactory<C>, config: C, sinkName?: string): OktaRuleTarget {
    const resourceName = sinkResourceName(this.node.id, sinkName);
    const rule = new OktaEventRule(this, `${id}Rule`, { eventBusName: this.source.eventBusName, ruleName: resourceName });
    const target = new OktaRuleTarget(this, id, {
      rule,
      sink: factory(this, resourceName, config),
      targetId: resourceName,
      deadLetterQueueName: deadLetterQueueName(resourceName),
      delivery: {
        maximumEventAgeSeconds: config.delivery.maximum_event_age_seconds,
        maximumRetryAttempts: config.delivery.maximum_retry_attempts,
        deadLetterQueueKmsKeyArn: config.delivery.dead_letter_queue_kms_key_arn,
      },
    });
    new DeliveryAlarms(this, `${id}Alarms`, {
      alarmNamePrefix: resourceName,
      ruleName: rule.ruleName,
      eventBusName: this.source.eventBusName,
      deadLetterQueueName: target.deadLetterQueue.queue.name,
      topicArn: this.alarmTopic.topic.arn,
      quietHours: this.settings.alarms.okta_quiet_hours,
    });
    const outputPrefix = sinkName === undefined ? '' : `${sinkName.replace(/-/g, '_')}_`;
    new TerraformOutput(this, `${outputPrefix}rule_arn`, { value: rule.ruleArn });
    new TerraformOutput(this, `${outputPrefix}dead_letter_queue_url`, { value: target.deadLetterQueue.queue.url });
    return target;
  }
}
