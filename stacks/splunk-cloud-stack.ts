import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { OktaSplunkLogStream, SPLUNK_TOKEN_PATTERN } from '../modules/okta-splunk-log-stream';
import { StackCommon } from '../schema/resolve';
import { SplunkCloudSinkConfig } from '../schema/sinks/splunk-cloud';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** Okta → Splunk Cloud HEC. Only the Okta side: no AWS provider, nothing in the user's account. */
export class SplunkCloudStack extends OktaLogStreamingStack {
  constructor(scope: Construct, config: StackCommon & { readonly sink: SplunkCloudSinkConfig }) {
    super(scope, config);
    const token = this.secretVariable(config.sink.token_variable, 'Splunk HEC token');
    // The provider checks the token shape only at plan; this says which variable is wrong.
    token.addValidation({
      condition: `\${can(regex("${SPLUNK_TOKEN_PATTERN}", var.${config.sink.token_variable}))}`,
      errorMessage: `TF_VAR_${config.sink.token_variable} must be a Splunk HEC token: a UUID such as 12345678-1234-4234-8234-123456789012.`,
    });
    const splunk = new OktaSplunkLogStream(this, 'SplunkCloud', {
      streamName: config.name,
      host: config.sink.host,
      edition: config.sink.edition,
      token: token.stringValue,
      preventDestroy: config.prevent_destroy,
      existingStreamId: config.adopt?.okta_log_stream_id,
    });
    new TerraformOutput(this, 'okta_log_stream_id', { value: splunk.stream.id, description: 'Okta log stream id (its import id).' });
  }
}
