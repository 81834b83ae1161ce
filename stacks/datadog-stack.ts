import { Construct } from 'constructs';
import { DatadogSink } from '../modules/datadog-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { DatadogSinkConfig } from '../schema/sinks/datadog';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const datadogSink: SinkFactory<DatadogSinkConfig> = (stack, resourceName, config, context) =>
  new DatadogSink({
    name: resourceName,
    existingConnectionName: config.adopt?.connection_name,
    existingApiDestinationName: config.adopt?.api_destination_name,
    connectionKmsKeyArn: context.key?.keyArn,
    site: config.site,
    apiKey: stack.secretVariable(config.api_key_variable, 'Datadog API key').stringValue,
    service: config.service,
    tags: config.tags,
    body: config.body,
    invocationRateLimitPerSecond: config.invocation_rate_limit_per_second,
  });

/** Okta → partner bus → rule → API destination → Datadog log intake. */
export class DatadogStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: DatadogSinkConfig }) {
    super(scope, config);
    this.addSink('Datadog', datadogSink, config.sink);
  }
}
