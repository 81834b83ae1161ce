/**
 * The parts every EventBridge stack is made of, as functions that add constructs to a scope: the
 * stacks call them with values from config, the Terraform modules with variable references. Same
 * construct ids either way, so addresses stay stable.
 */
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTopic } from '../modules/alarm-topic';
import { DeliveryAlarms } from '../modules/delivery-alarms';
import { OktaDashboard } from '../modules/okta-dashboard';
import { OktaEventArchive } from '../modules/okta-event-archive';
import { isFilterReference, OktaEventFilterReference } from '../modules/okta-event-filter';
import { OktaEventRule } from '../modules/okta-event-rule';
import { OktaEventSource } from '../modules/okta-event-source';
import { OktaLogSink } from '../modules/okta-log-sink';
import { OktaRuleTarget } from '../modules/okta-rule-target';
import { DeliveryConfig } from '../schema/delivery';
import { FilterConfig, toFilter } from '../schema/filter';
import { alarmTopicName, archiveName, busDeadLetterAlarmName, busDeadLetterQueueName, deadLetterQueueName } from '../schema/names';
import { BusDeadLetters } from '../modules/bus-dead-letters';
import { partnerEventSourceName } from '../modules/facts';
import { BusLogging, BusLogLevel } from '../modules/bus-logging';
import { alarmTopicGrant, archiveGrant, busLogGrants, deadLetterGrant, eventBusGrants, logGroupGrant } from '../modules/key-grants';
import { moreSpecificKey, StackKey } from '../modules/stack-key';

/** Whatever declares a stack's (or module's) sensitive variables. */
export interface SecretVariables {
  secretVariable(name: string, description: string): TerraformVariable;
}

/** Where a sink is deployed, for the sinks whose policies or names depend on it. */
export interface SinkContext {
  readonly accountId: string;
  readonly region: string;
  /** The stack's name (a module's name input): the stem of names a stack has once, per account and region. */
  readonly stackName: string;
  /** The stack's customer managed key, for what the sink keeps events or secrets in. @default - none */
  readonly key?: StackKey;
}

/** Makes a sink from its config; secrets become sensitive variables. */
export type SinkFactory<C> = (secrets: SecretVariables, resourceName: string, config: C, context: SinkContext) => OktaLogSink;

export interface EventBridgeSourceSettings {
  /** Stem of the stream, archive and topic names. */
  readonly name: string;
  readonly orgName: string;
  readonly eventSourceName: string;
  readonly accountId: string;
  readonly region: string;
  readonly waitForPartnerSourceSeconds: number;
  readonly preventDestroy: boolean;
  readonly archiveRetentionDays: number;
  readonly alarmEmails?: readonly string[];
  readonly alarmHttpsEndpoints?: readonly string[];
  readonly alarmTopicKmsKeyArn?: string;
  /** A console-created stream to adopt. */
  readonly existingStreamId?: string;
  /** Adopt the console-created partner bus. */
  readonly adoptExistingBus?: boolean;
  /** A dashboard graphs the sinks added here; a module without sinks has none. @default true */
  readonly dashboard?: boolean;
  /** The stack's customer managed key: bus (with a dead-letter queue), archive, alarm topic. @default - none */
  readonly key?: StackKey;
  /** The partner bus's own log. @default - none */
  readonly busLogging?: { readonly level: BusLogLevel; readonly includeDetail: boolean; readonly retentionInDays: number };
}

export interface EventBridgeSource {
  readonly source: OktaEventSource;
  readonly archive: OktaEventArchive;
  readonly alarmTopic: AlarmTopic;
  readonly dashboard?: OktaDashboard;
}

/** The stream, its partner bus and archive, and the alarm topic, with their outputs. */
export function addEventBridgeSource(scope: Construct, settings: EventBridgeSourceSettings): EventBridgeSource {
  const { key } = settings;
  const busName = partnerEventSourceName(settings.orgName, settings.eventSourceName);
  // From names, not references: the key policy must not wait for the resources that wait for it.
  const busArn = `arn:aws:events:${settings.region}:${settings.accountId}:event-bus/${busName}`;
  const alarmTopic = new AlarmTopic(scope, 'AlarmTopic', {
    topicName: alarmTopicName(settings.name),
    emailAddresses: settings.alarmEmails,
    httpsEndpoints: settings.alarmHttpsEndpoints,
    kmsKeyArn: moreSpecificKey(settings.alarmTopicKmsKeyArn, key?.keyArn),
  });
  if (key !== undefined) {
    for (const grant of eventBusGrants(busArn)) key.allow(grant);
    key.allow(archiveGrant(busArn));
    key.allowUnlessOwnKey(settings.alarmTopicKmsKeyArn, alarmTopicGrant(settings.accountId, `arn:aws:cloudwatch:${settings.region}:${settings.accountId}:alarm:${settings.name}-*`));
  }
  const busDeadLetters = new BusDeadLetters(scope, 'BusDeadLetters', {
    queueName: busDeadLetterQueueName(settings.name),
    eventBusArn: busArn,
    alarmName: busDeadLetterAlarmName(settings.name),
    topicArn: alarmTopic.topic.arn,
  });
  const source = new OktaEventSource(scope, 'OktaEventSource', {
    orgName: settings.orgName,
    streamName: settings.name,
    eventSourceName: settings.eventSourceName,
    accountId: settings.accountId,
    region: settings.region,
    waitForPartnerSourceSeconds: settings.waitForPartnerSourceSeconds,
    preventDestroy: settings.preventDestroy,
    existingStreamId: settings.existingStreamId,
    adoptExistingBus: settings.adoptExistingBus,
    kmsKeyArn: key?.keyArn,
    deadLetterQueueArn: busDeadLetters.deadLetterQueue.queue.arn,
    deadLetterQueuePolicy: busDeadLetters.deadLetterQueue.policy,
    logConfig: settings.busLogging,
  });
  if (settings.busLogging !== undefined) {
    new BusLogging(scope, 'BusLogging', {
      name: settings.name,
      accountId: settings.accountId,
      eventBusArn: source.eventBusArn,
      level: settings.busLogging.level,
      retentionInDays: settings.busLogging.retentionInDays,
      kmsKeyArn: key?.keyArn,
    });
    if (key !== undefined) {
      for (const grant of busLogGrants(settings.region, settings.accountId)) key.allow(grant);
      key.allow(logGroupGrant(settings.region, key.arn('logs', `log-group:${BusLogging.logGroupName(settings.name)}`)));
    }
  }
  const archive = new OktaEventArchive(scope, 'Archive', {
    archiveName: archiveName(settings.name),
    eventBusArn: source.eventBusArn,
    retentionDays: settings.archiveRetentionDays,
    kmsKeyArn: key?.keyArn,
  });
  const dashboard = settings.dashboard === false ? undefined : new OktaDashboard(scope, 'Dashboard', { dashboardName: settings.name, region: settings.region });
  new TerraformOutput(scope, 'okta_log_stream_id', { value: source.logStream.stream.id, description: 'Okta log stream id (its import id).' });
  new TerraformOutput(scope, 'partner_event_bus_name', { value: source.eventBusName, description: 'Partner event bus the sinks\' rules listen on.' });
  new TerraformOutput(scope, 'partner_event_bus_arn', { value: source.eventBusArn, description: 'ARN of the partner event bus.' });
  new TerraformOutput(scope, 'archive_arn', { value: archive.archive.arn, description: 'Archive to replay events from.' });
  new TerraformOutput(scope, 'alarm_topic_arn', { value: alarmTopic.topic.arn, description: 'SNS topic the alarms notify.' });
  return { source, archive, alarmTopic, dashboard };
}

export interface SinkPipelineSettings<C> {
  /** Construct id: stable, PascalCase. */
  readonly id: string;
  /** Names the rule, target, DLQ, alarms and the sink's own resources. */
  readonly resourceName: string;
  readonly eventBusName: string;
  readonly alarmTopicArn: string;
  readonly oktaQuietHours: number;
  readonly factory: SinkFactory<C>;
  readonly config: C;
  /** Prefix of output names, for several sinks in one stack. */
  readonly outputPrefix?: string;
  /** The bus name as a literal, for import ids of adopted rules and targets. */
  readonly eventBusLiteralName?: string;
  /** The stack's dashboard, which graphs the sink. @default - none (modules) */
  readonly dashboard?: OktaDashboard;
  /** Account, region and stack name, for sinks whose policies or names depend on them. */
  readonly context: SinkContext;
}

/** A sink on the partner bus: its rule, target with retries and DLQ, alarms, and outputs. */
export function addSinkPipeline<
  C extends {
    readonly delivery: DeliveryConfig;
    readonly adopt?: { readonly rule_name?: string; readonly target_id?: string };
    readonly filter?: FilterConfig | OktaEventFilterReference;
  },
>(
  scope: Construct & SecretVariables,
  settings: SinkPipelineSettings<C>,
): OktaRuleTarget {
  const { id, resourceName, config } = settings;
  // Adopted console resources keep their names; everything new is named after the sink.
  const ruleName = config.adopt?.rule_name ?? resourceName;
  const rule = new OktaEventRule(scope, `${id}Rule`, {
    eventBusName: settings.eventBusName,
    ruleName,
    importFromBus: config.adopt?.rule_name === undefined ? undefined : settings.eventBusLiteralName,
    filter: config.filter === undefined || isFilterReference(config.filter) ? config.filter : toFilter(config.filter),
  });
  const { key } = settings.context;
  // The sink's own DLQ key wins over the stack's.
  const deadLetterKey = moreSpecificKey(config.delivery.dead_letter_queue_kms_key_arn, key?.keyArn);
  key?.allowUnlessOwnKey(config.delivery.dead_letter_queue_kms_key_arn, deadLetterGrant());
  const target = new OktaRuleTarget(scope, id, {
    rule,
    sink: settings.factory(scope, resourceName, config, settings.context),
    targetId: config.adopt?.target_id ?? resourceName,
    importExisting: config.adopt?.target_id !== undefined,
    deadLetterQueueName: deadLetterQueueName(resourceName),
    delivery: {
      maximumEventAgeSeconds: config.delivery.maximum_event_age_seconds,
      maximumRetryAttempts: config.delivery.maximum_retry_attempts,
      deadLetterQueueKmsKeyArn: deadLetterKey,
    },
  });
  new DeliveryAlarms(scope, `${id}Alarms`, {
    alarmNamePrefix: resourceName,
    ruleName: rule.ruleName,
    eventBusName: settings.eventBusName,
    deadLetterQueueName: target.deadLetterQueue.queue.name,
    topicArn: settings.alarmTopicArn,
    quietHours: settings.oktaQuietHours,
  });
  settings.dashboard?.addSink({
    label: resourceName,
    ruleName: rule.ruleName,
    eventBusName: settings.eventBusName,
    deadLetterQueueName: target.deadLetterQueue.queue.name,
    metrics: target.sinkTarget.metrics,
  });
  const prefix = settings.outputPrefix ?? '';
  new TerraformOutput(scope, `${prefix}rule_arn`, { value: rule.ruleArn, description: 'ARN of the sink\'s rule (rule/<bus>/<rule>).' });
  new TerraformOutput(scope, `${prefix}dead_letter_queue_url`, { value: target.deadLetterQueue.queue.url, description: 'Dead-letter queue of the sink\'s target.' });
  return target;
}
