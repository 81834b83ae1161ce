import { Construct } from 'constructs';
import { CloudWatchLogsSink } from '../modules/cloudwatch-logs-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { CloudWatchLogsSinkConfig } from '../schema/sinks/cloudwatch-logs';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const cloudWatchLogsSink: SinkFactory<CloudWatchLogsSinkConfig> = (_stack, resourceName, config, context) =>
  new CloudWatchLogsSink({
    logGroupName: config.log_group_name ?? `/aws/events/okta/${resourceName}`,
    retentionInDays: config.retention_in_days,
    kmsKeyArn: config.kms_key_arn,
    body: config.body,
    importExistingLogGroup: config.adopt?.log_group === true,
    deliveryPolicyNameStem: context.stackName,
  });

/** Okta → partner bus → rule → CloudWatch Logs group. */
export class CloudWatchLogsStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: CloudWatchLogsSinkConfig }) {
    super(scope, config);
    this.addSink('CloudWatchLogs', cloudWatchLogsSink, config.sink);
  }
}
