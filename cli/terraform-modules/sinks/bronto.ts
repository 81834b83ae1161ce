/** The bronto module: the Bronto sink (stacks/bronto-stack.ts) with its inputs. */
import { brontoSinkShape } from '../../../schema/sinks/bronto';
import { brontoSink } from '../../../stacks/bronto-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

export const brontoModule = sinkModule({
  name: 'bronto',
  title: 'Bronto sink',
  description: 'Okta events to Bronto\'s HTTP ingestion (`https://ingestion.<eu|us>.bronto.io`, no path) through an EventBridge API destination.',
  id: 'Bronto',
  factory: brontoSink,
  config: (stack) => ({
    type: 'bronto' as const,
    region: moduleVariable(stack, 'bronto_region', { field: brontoSinkShape.region }).stringValue as 'eu',
    collection: moduleVariable(stack, 'collection', { field: brontoSinkShape.collection }).stringValue,
    dataset: moduleVariable(stack, 'dataset', { field: brontoSinkShape.dataset }).stringValue,
    api_key_variable: 'bronto_api_key',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: brontoSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: {
    bronto_region: 'eu',
    collection: 'okta-prod',
    bronto_api_key: '${var.bronto_api_key}',
    // Only sign-ins and MFA, without the debug noise: the rule's pattern, compiled by Terraform.
    filter: { include: { event_type_prefixes: ['user.session.', 'user.authentication.'] }, exclude: { severities: ['DEBUG'] } },
  },
  exampleSecrets: ['bronto_api_key'],
});
