/** The splunk-cloud module: the Splunk Cloud stream (stacks/splunk-cloud-stack.ts) with its inputs. */
import { TerraformOutput } from 'cdktf';
import { OktaSplunkLogStream, SPLUNK_TOKEN_PATTERN } from '../../../modules/okta-splunk-log-stream';
import { stackSchema } from '../../../schema/config';
import { splunkCloudSinkShape } from '../../../schema/sinks/splunk-cloud';
import { moduleVariable } from '../module-variable';
import { ModuleDefinition } from '../sink-module';

export const splunkCloudModule: ModuleDefinition = {
  name: 'splunk-cloud',
  title: 'Splunk Cloud stream',
  description: 'An Okta `splunk_cloud_logstreaming` log stream straight to a Splunk Cloud HTTP Event Collector. No AWS resources.',
  providers: ['okta'],
  sinkId: 'SplunkCloud',
  build(stack) {
    const token = stack.secretVariable('splunk_hec_token', 'Splunk HEC token (a UUID)');
    token.addValidation({
      condition: `\${can(regex("${SPLUNK_TOKEN_PATTERN}", var.splunk_hec_token))}`,
      errorMessage: 'Invalid splunk_hec_token: it must be a Splunk HEC token, a UUID such as 12345678-1234-4234-8234-123456789012.',
    });
    const splunk = new OktaSplunkLogStream(stack, 'SplunkCloud', {
      streamName: moduleVariable(stack, 'name', { field: stackSchema.shape.name, description: 'Name of the log stream in Okta.' }).stringValue,
      host: moduleVariable(stack, 'host', { field: splunkCloudSinkShape.host }).stringValue,
      edition: moduleVariable(stack, 'edition', { field: splunkCloudSinkShape.edition }).stringValue as 'aws',
      token: token.stringValue,
      preventDestroy: true,
    });
    new TerraformOutput(stack, 'okta_log_stream_id', { value: splunk.stream.id, description: 'Okta log stream id (its import id).' });
  },
  example: {
    splunk: { source: 'splunk-cloud', name: 'okta-splunk', host: 'acme.splunkcloud.com', edition: 'aws', splunk_hec_token: '${var.splunk_hec_token}' },
  },
  exampleSecrets: ['splunk_hec_token'],
};
