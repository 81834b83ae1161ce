import { Construct } from 'constructs';
import { SlashIdSink } from '../modules/slashid-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { SlashIdSinkConfig } from '../schema/sinks/slashid';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';

export const slashIdSink: SinkFactory<SlashIdSinkConfig> = (stack, resourceName, config, context) =>
  new SlashIdSink({
    name: resourceName,
    existingConnectionName: config.adopt?.connection_name,
    existingApiDestinationName: config.adopt?.api_destination_name,
    connectionKmsKeyArn: context.key?.keyArn,
    token: stack.secretVariable(config.token_variable, 'SlashID API token').stringValue,
    body: config.body,
    invocationRateLimitPerSecond: config.invocation_rate_limit_per_second,
  });

/** Okta → partner bus → rule → API destination → SlashID. */
export class SlashIdStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: SlashIdSinkConfig }) {
    super(scope, config);
    this.addSink('SlashId', slashIdSink, config.sink);
  }
}
