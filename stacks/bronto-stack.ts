import { Construct } from 'constructs';
import { BrontoSink } from '../modules/bronto-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { BrontoSinkConfig } from '../schema/sinks/bronto';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const brontoSink: SinkFactory<BrontoSinkConfig> = (stack, resourceName, config, context) =>
  new BrontoSink({
    name: resourceName,
    existingConnectionName: config.adopt?.connection_name,
    existingApiDestinationName: config.adopt?.api_destination_name,
    connectionKmsKeyArn: context.key?.keyArn,
    region: config.region,
    collection: config.collection,
    dataset: config.dataset,
    apiKey: stack.secretVariable(config.api_key_variable, 'Bronto API key').stringValue,
    invocationRateLimitPerSecond: config.invocation_rate_limit_per_second,
  });

/** Okta → partner bus → rule → API destination → Bronto. */
export class BrontoStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: BrontoSinkConfig }) {
    super(scope, config);
    this.addSink('Bronto', brontoSink, config.sink);
  }
}
