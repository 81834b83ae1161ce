/** The cloudwatch-logs module: the CloudWatch Logs sink (stacks/cloudwatch-logs-stack.ts) with its inputs. */
import { Fn } from 'cdktf';
import { optionalReference } from '../../../modules/optional-reference';
import { cloudWatchLogsSinkShape } from '../../../schema/sinks/cloudwatch-logs';
import { cloudWatchLogsSink } from '../../../stacks/cloudwatch-logs-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

export const cloudWatchLogsModule = sinkModule({
  name: 'cloudwatch-logs',
  title: 'CloudWatch Logs sink',
  description: 'Okta events to a CloudWatch Logs group, with a log resource policy for that group only (no role).',
  id: 'CloudWatchLogs',
  factory: cloudWatchLogsSink,
  config: (stack, name) => ({
    type: 'cloudwatch_logs' as const,
    // Terraform picks the default: the name is an input too.
    log_group_name: Fn.coalesce([
      moduleVariable(stack, 'log_group_name', {
        field: cloudWatchLogsSinkShape.log_group_name,
        description: 'Log group name. Default "/aws/events/okta/<name>".',
        default: null,
      }).stringValue,
      // join, not a template: the name is also read inside other functions (the key policy
      // statement), where cdktf cannot nest a template.
      Fn.join('', ['/aws/events/okta/', name]),
    ]) as string,
    retention_in_days: moduleVariable(stack, 'retention_in_days', { field: cloudWatchLogsSinkShape.retention_in_days }).numberValue as 365,
    kms_key_arn: optionalReference(moduleVariable(stack, 'kms_key_arn', { field: cloudWatchLogsSinkShape.kms_key_arn, default: null }).stringValue),
    body: moduleVariable(stack, 'body', { field: cloudWatchLogsSinkShape.body }).stringValue as 'envelope',
  }),
  exampleInputs: { retention_in_days: 365 },
  exampleSecrets: [],
});
