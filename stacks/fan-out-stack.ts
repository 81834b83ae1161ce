import { Construct } from 'constructs';
import { FanOutSinkConfig } from '../schema/config';
import { fanOutConstructId } from '../schema/names';
import { FanOutStack as FanOutStackConfig } from '../schema/resolve';
import { EventBridgeSinkStack } from './eventbridge-sink-stack';
import { eventBridgeSinkForm } from './sinks';

/** Several sinks on one stream and partner bus, each with its own rule and target. */
export class FanOutStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: Omit<FanOutStackConfig, 'kind'>) {
    super(scope, config);
    config.sinks.forEach((sink, index) => this.addFanOutSink(sink, `sinks[${index}]`));
  }

  private addFanOutSink(sink: FanOutSinkConfig, path: string): void {
    // The factory of its sink type (stacks/sinks.ts), as the type's own stack uses it.
    this.addSink(fanOutConstructId(sink.name), eventBridgeSinkForm<FanOutSinkConfig>(sink.type).factory, sink, sink.name, path);
  }
}

