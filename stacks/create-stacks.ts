import { App, TerraformStack } from 'cdktf';
import { ResolvedConfig } from '../schema/validate';
import { ResolvedStack } from '../schema/resolve';
import { BrontoStack } from './bronto-stack';
import { CloudWatchLogsStack } from './cloudwatch-logs-stack';
import { DatadogStack } from './datadog-stack';
import { FanOutStack } from './fan-out-stack';
import { HttpsStack } from './https-stack';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';
import { OortStack } from './oort-stack';
import { S3ArchiveStack } from './s3-archive-stack';
import { SlashIdStack } from './slashid-stack';
import { SplunkCloudStack } from './splunk-cloud-stack';
import { StateBucketStack } from './state-bucket-stack';

/** One stack per configured stack entry: the fan-out stack, or the stack class of its sink. */
export function createStacks(app: App, config: ResolvedConfig): TerraformStack[] {
  const stacks: TerraformStack[] = config.stacks.map((stack) => createStack(app, stack));
  const { backend, aws, tags, versions } = config.config;
  if (backend.type === 's3' && backend.bootstrap) stacks.push(new StateBucketStack(app, { backend, aws, tags, versions }));
  return stacks;
}

function createStack(app: App, stack: ResolvedStack): OktaLogStreamingStack {
  if (stack.kind === 'fan_out') return new FanOutStack(app, stack);
  if (stack.kind === 'okta_only') {
    const { sink } = stack;
    return sink.type === 'oort' ? new OortStack(app, { ...stack, sink }) : new SplunkCloudStack(app, { ...stack, sink });
  }
  const { sink } = stack;
  switch (sink.type) {
    case 'bronto':
      return new BrontoStack(app, { ...stack, sink });
    case 'datadog':
      return new DatadogStack(app, { ...stack, sink });
    case 'slashid':
      return new SlashIdStack(app, { ...stack, sink });
    case 'cloudwatch_logs':
      return new CloudWatchLogsStack(app, { ...stack, sink });
    case 'https':
      return new HttpsStack(app, { ...stack, sink });
    case 's3_archive':
      return new S3ArchiveStack(app, { ...stack, sink });
  }
}
