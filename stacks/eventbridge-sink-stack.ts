import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventRule } from '../modules/okta-event-rule';
import { OktaEventSource } from '../modules/okta-event-source';
import { OktaLogSink } from '../modules/okta-log-sink';
import { OktaRuleTarget } from '../modules/okta-rule-target';
import { sinkResourceName } from '../schema/names';
import { EventBridgeStackCommon } from '../schema/resolve';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** Makes a sink from its config; secrets become sensitive variables of `stack`. */
export type SinkFactory<C> = (stack: OktaLogStreamingStack, resourceName: string, config: C) => OktaLogSink;

/**
 * Base of the stacks whose sinks live in the user's AWS account: the aws provider (the stream's
 * region, the configured account only), the Okta stream with its partner bus, and one rule per sink.
 */
export abstract class EventBridgeSinkStack extends OktaLogStreamingStack {
  readonly source: OktaEventSource;

  protected constructor(scope: Construct, settings: EventBridgeStackCommon) {
    super(scope, settings);
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
    });
    new TerraformOutput(this, 'okta_log_stream_id', { value: this.source.logStream.stream.id, description: 'Okta log stream id (its import id).' });
    new TerraformOutput(this, 'partner_event_bus_name', { value: this.source.eventBusName });
    new TerraformOutput(this, 'partner_event_bus_arn', { value: this.source.eventBusArn });
  }

  /**
   * Gives a sink its own rule on the partner bus and attaches it. `id` is the construct id (stable,
   * PascalCase); `sinkName` (fan-out only) joins the stack name in resource and output names.
   */
  protected addSink<C>(id: string, factory: SinkFactory<C>, config: C, sinkName?: string): OktaRuleTarget {
    const resourceName = sinkResourceName(this.node.id, sinkName);
    const rule = new OktaEventRule(this, `${id}Rule`, { eventBusName: this.source.eventBusName, ruleName: resourceName });
    const target = new OktaRuleTarget(this, id, { rule, sink: factory(this, resourceName, config), targetId: resourceName });
    const outputPrefix = sinkName === undefined ? '' : `${sinkName.replace(/-/g, '_')}_`;
    new TerraformOutput(this, `${outputPrefix}rule_arn`, { value: rule.ruleArn });
    return target;
  }
}
