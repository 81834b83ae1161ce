/**
 * The published Terraform modules, built from the same constructs and stack parts as the CDKTF
 * stacks. Fan-out in Terraform is composition: one `okta-eventbridge-source` module (stream, partner
 * bus, archive, alarm topic) and one sink module per sink, attached to its bus. The source module is
 * here; each sink's module is in sinks/<sink>.ts, listed by sinks/index.ts.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { z } from 'zod';
import { optionalReference } from '../../modules/optional-reference';
import { alarmsSchema } from '../../schema/alarms';
import { awsSchema, oktaSchema, stackSchema } from '../../schema/config';
import { addEventBridgeSource } from '../../stacks/eventbridge-pipeline';
import { ModuleStack } from './module-stack';
import { moduleVariable } from './module-variable';
import { keyPolicyOutput, ModuleDefinition, moduleKey, NOT_AWS_MANAGED_KEY, ProviderName, SOURCE_MODULE, SOURCE_MODULE_CALL } from './sink-module';
import { SINK_MODULE_LIST } from './sinks/index';

export type { ModuleDefinition, ProviderName };
export { NOT_AWS_MANAGED_KEY };

function addProviders(stack: ModuleStack, providers: readonly ProviderName[]): void {
  if (providers.includes('aws')) new AwsProvider(stack, 'aws', {});
  if (providers.includes('okta')) new OktaProvider(stack, 'okta', {});
  if (providers.includes('time')) new TimeProvider(stack, 'time');
}

const sourceModule: ModuleDefinition = {
  name: SOURCE_MODULE,
  title: 'Okta EventBridge source',
  description:
    'The Okta `aws_eventbridge` log stream (ACTIVE, prevent_destroy), a wait for Okta\'s asynchronous partner source, the partner event bus, ' +
    'an archive of every event for replay, and the SNS topic the sink modules\' alarms notify. Attach one sink module per sink to its bus: ' +
    'that is fan-out (Okta allows two streams per org).',
  providers: ['aws', 'okta', 'time'],
  build(stack) {
    const v = (name: string, field: z.ZodType, description?: string) => moduleVariable(stack, name, { field, description });
    const name = v('name', stackSchema.shape.name, 'Stem of the stream, archive and alarm topic names (kebab-case, at most 40 characters).').stringValue;
    const accountId = v('aws_account_id', awsSchema.shape.account_id, 'AWS account id (12 digits) that receives the Okta partner event source: the account of the aws provider you pass in.').stringValue;
    const region = v('aws_region', awsSchema.shape.region, 'Region of the aws provider you pass in; Okta must stream there.').stringValue;
    const key = moduleKey(stack, name, accountId, region);
    addEventBridgeSource(stack, {
      name,
      orgName: v('okta_org_name', oktaSchema.shape.org_name, 'Okta org name: the "acme" of acme.okta.com, as the okta provider you pass in has it. Part of the partner event source name.').stringValue,
      eventSourceName: v('event_source_name', stackSchema.shape.event_source_name).stringValue,
      accountId,
      region,
      key,
      waitForPartnerSourceSeconds: moduleVariable(stack, 'partner_source_wait_seconds', { field: stackSchema.shape.partner_source_wait_seconds, default: 60 }).numberValue,
      // Terraform allows no variable in lifecycle: the module always protects stream and bus.
      preventDestroy: true,
      archiveRetentionDays: moduleVariable(stack, 'archive_retention_days', { field: stackSchema.shape.archive_retention_days, default: 30 }).numberValue,
      alarmTopicKmsKeyArn: optionalReference(moduleVariable(stack, 'alarm_topic_kms_key_arn', { field: alarmsSchema.shape.topic_kms_key_arn, default: null, refinements: [NOT_AWS_MANAGED_KEY] }).stringValue),
      // The sinks live in other modules: nothing to graph here.
      dashboard: false,
    });
    keyPolicyOutput(stack, key);
  },
  example: {
    okta_source: SOURCE_MODULE_CALL,
    bronto: {
      source: 'bronto',
      name: 'okta-logs-bronto',
      event_bus_name: '${module.okta_source.partner_event_bus_name}',
      alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
      bronto_region: 'eu',
      collection: 'okta-prod',
      bronto_api_key: '${var.bronto_api_key}',
    },
    cloudwatch_logs: {
      source: 'cloudwatch-logs',
      name: 'okta-logs-archive',
      event_bus_name: '${module.okta_source.partner_event_bus_name}',
      alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
    },
  },
  exampleSecrets: ['bronto_api_key'],
};

export const MODULES: readonly ModuleDefinition[] = [sourceModule, ...SINK_MODULE_LIST];

export function buildModule(stack: ModuleStack, definition: ModuleDefinition): void {
  addProviders(stack, definition.providers);
  definition.build(stack);
}
