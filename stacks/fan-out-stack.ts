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
    config.sinks.forEach((sink, index) => this.addFanOutSink(sink, `sinks[${index}]`));
  }

  private addFanOutSink(sink: FanOutSinkConfig, path: string): void {
    const id = fanOutConstructId(sink.name);
    switch (sink.type) {
      case 'bronto':
        return void this.addSink(id, brontoSink, sink, sink.name, path);
      case 'datadog':
        return void this.addSink(id, datadogSink, sink, sink.name, path);
      case 'slashid':
        return void this.addSink(id, slashIdSink, sink, sink.name, path);
      case 'cloudwatch_logs':
        return void this.addSink(id, cloudWatchLogsSink, sink, sink.name, path);
      case 'https':
        return void this.addSink(id, httpsSink, sink, sink.name, path);
      case 's3_archive':
        return void this.addSink(id, s3ArchiveSink, sink, sink.name, path);
    }
  }
}

