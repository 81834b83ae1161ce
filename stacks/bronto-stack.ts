import { Construct } from 'constructs';
import { BrontoSink } from '../modules/bronto-sink';
import { sinkResourceName } from '../schema/names';
import { BrontoSinkConfig } from '../schema/sinks/bronto';
import { ResolvedStack } from '../schema/validate';
import { EventBridgeSinkStack } from './eventbridge-sink-stack';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

export type BrontoStackConfig = ResolvedStack & { readonly sink: BrontoSinkConfig };

/** The Bronto sink from its config; the API key is a sensitive variable of `stack`. */
export function brontoSink(stack: OktaLogStreamingStack, resourceName: string, config: BrontoSinkConfig): BrontoSink {
  const apiKey = stack.secretVariable(config.api_key_variable, 'Bronto API key');
  return new BrontoSink({
    name: resourceName,
    region: config.region,
    collection: config.collection,
    dataset: config.dataset,
    apiKey: apiKey.stringValue,
    invocationRateLimitPerSecond: config.invocation_rate_limit_per_second,
  });
}

/** Okta → partner bus → rule → API destination → Bronto. */
export class BrontoStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: BrontoStackConfig) {
    super(scope, config);
    const resourceName = sinkResourceName(config.name);
    this.addSink('Bronto', resourceName, brontoSink(this, resourceName, config.sink));
  }
}
