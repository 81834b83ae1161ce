/** The datadog module: the Datadog sink (stacks/datadog-stack.ts) with its inputs. */
import { datadogSinkShape } from '../../../schema/sinks/datadog';
import { datadogSink } from '../../../stacks/datadog-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

export const datadogModule = sinkModule({
  name: 'datadog',
  title: 'Datadog sink',
  description: 'Okta events to Datadog\'s log intake (`https://http-intake.logs.<site>/api/v2/logs`, `ddsource=okta`).',
  id: 'Datadog',
  factory: datadogSink,
  config: (stack) => ({
    type: 'datadog' as const,
    site: moduleVariable(stack, 'site', { field: datadogSinkShape.site }).stringValue as 'datadoghq.com',
    api_key_variable: 'datadog_api_key',
    service: moduleVariable(stack, 'service', { field: datadogSinkShape.service, default: null }).stringValue,
    tags: moduleVariable(stack, 'tags', { field: datadogSinkShape.tags, default: [] }).listValue,
    body: moduleVariable(stack, 'body', { field: datadogSinkShape.body }).stringValue as 'okta_event',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: datadogSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: { site: 'datadoghq.eu', datadog_api_key: '${var.datadog_api_key}' },
  exampleSecrets: ['datadog_api_key'],
});
