/** The oort module: the Oort stream (stacks/oort-stack.ts) with its inputs. */
import { TerraformOutput } from 'cdktf';
import { OortLogStream } from '../../../modules/oort-log-stream';
import { stackSchema } from '../../../schema/config';
import { oortSinkShape } from '../../../schema/sinks/oort';
import { moduleVariable } from '../module-variable';
import { ModuleDefinition } from '../sink-module';

export const oortModule: ModuleDefinition = {
  name: 'oort',
  title: 'Oort stream',
  description: 'An Okta `aws_eventbridge` log stream into Oort\'s AWS account (production 988897525199 or staging 909617834444, us-east-2). Nothing in your AWS account.',
  providers: ['okta'],
  sinkId: 'Oort',
  build(stack) {
    const oortStream = new OortLogStream(stack, 'Oort', {
      streamName: moduleVariable(stack, 'name', { field: stackSchema.shape.name, description: 'Name of the log stream in Okta.' }).stringValue,
      integrationId: moduleVariable(stack, 'integration_id', { field: oortSinkShape.integration_id }).stringValue,
      environment: moduleVariable(stack, 'environment', { field: oortSinkShape.environment }).stringValue as 'production',
    });
    new TerraformOutput(stack, 'okta_log_stream_id', { value: oortStream.logStream.stream.id, description: 'Okta log stream id (its import id).' });
  },
  example: { oort: { source: 'oort', name: 'okta-oort', integration_id: 'a1b2c3d4e5f6' } },
  exampleSecrets: [],
};
