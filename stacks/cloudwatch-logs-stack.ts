import { Construct } from 'constructs';
import { CloudWatchLogsSink } from '../modules/cloudwatch-logs-sink';
import { logGroupGrant } from '../modules/key-grants';
import { moreSpecificKey } from '../modules/stack-key';
import { EventBridgeStackCommon } from '../schema/resolve';
import { CloudWatchLogsSinkConfig } from '../schema/sinks/cloudwatch-logs';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const cloudWatchLogsSink: SinkFactory<CloudWatchLogsSinkConfig> = (_stack, resourceName, config, context) => {
  const logGroupName = config.log_group_name ?? `/aws/events/okta/${resourceName}`;
  // The sink's own key wins over the stack's; the stack's key policy then lets CloudWatch Logs use it for this group.
  context.key?.allowUnlessOwnKey(config.kms_key_arn, logGroupGrant(context.region, context.key.arn('logs', `log-group:${logGroupName}`)));
  return new CloudWatchLogsSink({
    logGroupName,
    retentionInDays: config.retention_in_days,
    kmsKeyArn: moreSpecificKey(config.kms_key_arn, context.key?.keyArn),
    body: config.body,
    importExistingLogGroup: config.adopt?.log_group === true,
    deliveryPolicyNameStem: context.stackName,
  });
};

/** Okta → partner bus → rule → CloudWatch Logs group. */
export class CloudWatchLogsStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: CloudWatchLogsSinkConfig }) {
    super(scope, config);
    this.addSink('CloudWatchLogs', cloudWatchLogsSink, config.sink);
  }
}
