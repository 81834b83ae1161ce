import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { OortLogStream } from '../modules/oort-log-stream';
import { StackCommon } from '../schema/resolve';
import { OortSinkConfig } from '../schema/sinks/oort';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** Okta → Oort's AWS account. Only the Okta side: no AWS provider, nothing in the user's account. */
export class OortStack extends OktaLogStreamingStack {
  constructor(scope: Construct, config: StackCommon & { readonly sink: OortSinkConfig }) {
    super(scope, config);
    const oort = new OortLogStream(this, 'Oort', {
      orgName: config.okta.org_name,
      streamName: config.name,
      integrationId: config.sink.integration_id,
      environment: config.sink.environment,
      preventDestroy: config.prevent_destroy,
      existingStreamId: config.adopt?.okta_log_stream_id,
    });
    new TerraformOutput(this, 'okta_log_stream_id', { value: oort.logStream.stream.id, description: 'Okta log stream id (its import id).' });
  }
}
