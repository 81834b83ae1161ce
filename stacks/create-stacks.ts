import { App } from 'cdktf';
import { ResolvedConfig } from '../schema/validate';
import { BrontoStack } from './bronto-stack';
import { OktaLogStreamingStack } from './okta-log-streaming-stack';

/** One stack per configured stack entry, by sink type. */
export function createStacks(app: App, config: ResolvedConfig): OktaLogStreamingStack[] {
  return config.stacks.map((stack) => {
    switch (stack.sink.type) {
      case 'bronto':
        return new BrontoStack(app, { ...stack, sink: stack.sink });
    }
  });
}
