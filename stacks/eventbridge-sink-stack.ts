import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Lazy, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { BusLogLevel } from '../modules/bus-logging';
import { StackKey } from '../modules/stack-key';
import { OktaRuleTarget } from '../modules/okta-rule-target';
import { DeliveryConfig } from '../schema/delivery';
import { FilterConfig } from '../schema/filter';
import { sinkResourceName } from '../schema/names';
import { EventBridgeStackCommon } from '../schema/resolve';
import { addEventBridgeSource, addSinkPipeline, EventBridgeSource, SinkFactory } from './eventbridge-pipeline';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

export type { SinkFactory } from './eventbridge-pipeline';

/**
 * Base of the stacks whose sinks live in the user's AWS account: the aws provider (the stream's
 * region, the configured account only), the Okta stream with its partner bus and archive, the alarm
 * topic, and per sink a rule, a target with retries and a dead-letter queue, and alarms.
 */
export abstract class EventBridgeSinkStack extends OktaLogStreamingStack {
  readonly eventBridge: EventBridgeSource;
  /** The stack's customer managed key (encryption.kms_key), if any. */
  readonly key?: StackKey;
  /** Where each sink's constructs came from in the stack's config entry (`sink`, `sinks[1]`), by construct id. */
  readonly sinkConfigPaths = new Map<string, string>();
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
    this.key = stackKey(this, settings);
    this.eventBridge = addEventBridgeSource(this, {
      name: settings.name,
      orgName: settings.okta.org_name,
      eventSourceName: settings.event_source_name,
      accountId: settings.aws.account_id,
      region: settings.aws.region,
      waitForPartnerSourceSeconds: settings.partner_source_wait_seconds,
      preventDestroy: settings.prevent_destroy,
      archiveRetentionDays: settings.archive_retention_days,
      alarmEmails: settings.alarms.email,
      alarmHttpsEndpoints: settings.alarms.https,
      alarmTopicKmsKeyArn: settings.alarms.topic_kms_key_arn,
      existingStreamId: settings.adopt?.okta_log_stream_id,
      adoptExistingBus: settings.adopt?.partner_event_bus,
      key: this.key,
      busLogging:
        settings.bus_logging.level === 'off'
          ? undefined
          : { level: settings.bus_logging.level.toUpperCase() as BusLogLevel, includeDetail: settings.bus_logging.include_detail, retentionInDays: settings.bus_logging.retention_in_days },
    });
  }

  /**
   * Gives a sink its own rule on the partner bus, a target with retries and a dead-letter queue, and
   * alarms. `id` is the construct id (stable, PascalCase); `sinkName` (fan-out only) joins the stack
   * name in resource and output names.
   */
  protected addSink<
    C extends { readonly delivery: DeliveryConfig; readonly adopt?: { readonly rule_name?: string; readonly target_id?: string }; readonly filter?: FilterConfig },
  >(id: string, factory: SinkFactory<C>, config: C, sinkName?: string, configPath = 'sink'): OktaRuleTarget {
    // The pipeline's construct ids (stacks/eventbridge-pipeline.ts: <id>Rule, <id>, <id>Alarms).
    for (const owned of [id, `${id}Rule`, `${id}Alarms`]) this.sinkConfigPaths.set(owned, configPath);
    return addSinkPipeline(this, {
      id,
      resourceName: sinkResourceName(this.node.id, sinkName),
      eventBusName: this.eventBridge.source.eventBusName,
      eventBusLiteralName: this.eventBridge.source.logStream.partnerEventSourceName,
      dashboard: this.eventBridge.dashboard,
      context: { accountId: this.settings.aws.account_id, region: this.settings.aws.region, stackName: this.node.id, key: this.key },
      alarmTopicArn: this.eventBridge.alarmTopic.topic.arn,
      oktaQuietHours: this.settings.alarms.okta_quiet_hours,
      factory,
      config,
      outputPrefix: sinkName === undefined ? '' : `${sinkName.replace(/-/g, '_')}_`,
    });
  }
}

/**
 * The stack's key, from `encryption.kms_key`. A given key's policy is the user's: the stack outputs
 * the statements it must hold (once every sink has asked for its own).
 */
function stackKey(stack: EventBridgeSinkStack, settings: EventBridgeStackCommon): StackKey | undefined {
  const choice = settings.kms_key;
  if (choice.kind === 'aws_owned') return undefined;
  const key = new StackKey(stack, 'StackKey', {
    name: settings.name,
    accountId: settings.aws.account_id,
    region: settings.aws.region,
    keyOrAliasArn: choice.kind === 'given' ? choice.arn : undefined,
    preventDestroy: settings.prevent_destroy,
  });
  new TerraformOutput(stack, 'kms_key_arn', { value: key.keyArn, description: 'The customer managed key of the stack\'s events and secrets.' });
  if (choice.kind === 'given') {
    new TerraformOutput(stack, 'kms_key_policy_statements', {
      value: Lazy.stringValue({ produce: () => JSON.stringify(key.statements) }),
      description: 'The statements your key\'s policy must hold for this stack (and the tag EventBridgeApiDestinations = "true" for connections).',
    });
  }
  return key;
}
