import { Construct } from 'constructs';
import { FanOutSinkConfig } from '../schema/config';
import { fanOutConstructId } from '../schema/names';
import { FanOutStack as FanOutStackConfig } from '../schema/resolve';
import { brontoSink } from './bronto-stack';
import { cloudWatchLogsSink } from './cloudwatch-logs-stack';
import { datadogSink } from './datadog-stack';
import { EventBridgeSinkStack } from './eventbridge-sink-stack';
import { httpsSink } from './https-stack';
import { s3ArchiveSink } from './s3-archive-stack';
import { slashIdSink } from './slashid-stack';

/** Several sinks on one stream and partner bus, each with its own rule and target. */
export class FanOutStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: Omit<FanOutStackConfig, 'kind'>) {
    super(scope, config);
    for (const sink of config.sinks) this.addFanOutSink(sink);
  }

  private addFanOutSink(sink: FanOutSinkConfig): void {
    const id = fanOutConstructId(sink.name);
    switch (sink.type) {
      case 'bronto':
        return void this.addSink(id, brontoSink, sink, sink.name);
      case 'datadog':
        return void this.addSink(id, datadogSink, sink, sink.name);
      case 'slashid':
        return void this.addSink(id, slashIdSink, sink, sink.name);
      case 'cloudwatch_logs':
        return void this.addSink(id, cloudWatchLogsSink, sink, sink.name);
      case 'https':
        return void this.addSink(id, httpsSink, sink, sink.name);
      case 's3_archive':
        return void this.addSink(id, s3ArchiveSink, sink, sink.name);
    }
  }
}

