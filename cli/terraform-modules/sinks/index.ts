/**
 * Every sink's module form, keyed by the types of the config's registry (schema/sinks/index.ts) and
 * held complete by TypeScript. MODULES (definitions.ts) lists them after the source module, in the
 * registry's order; `modules`, the modules' index README and docs/addresses.json read that.
 */
import { SINK_TYPES, SinkType } from '../../../schema/sinks/index';
import { ModuleDefinition } from '../sink-module';
import { brontoModule } from './bronto';
import { cloudWatchLogsModule } from './cloudwatch-logs';
import { datadogModule } from './datadog';
import { httpsModule } from './https';
import { oortModule } from './oort';
import { s3ArchiveModule } from './s3-archive';
import { slashIdModule } from './slashid';
import { splunkCloudModule } from './splunk-cloud';

export const SINK_MODULES: { readonly [T in SinkType]: ModuleDefinition } = {
  bronto: brontoModule,
  datadog: datadogModule,
  slashid: slashIdModule,
  cloudwatch_logs: cloudWatchLogsModule,
  https: httpsModule,
  s3_archive: s3ArchiveModule,
  oort: oortModule,
  splunk_cloud: splunkCloudModule,
};

export const SINK_MODULE_LIST: readonly ModuleDefinition[] = SINK_TYPES.map((type) => SINK_MODULES[type]);
