/**
 * What every sink module shares: the definition of a published module, and a sink module built from
 * a sink's factory and its inputs (its own rule, target with retries and dead-letter queue, alarms,
 * the module's key). Each sink's module form is in cli/terraform-modules/sinks/<sink>.ts.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Fn, Lazy, Op, TerraformOutput, Token } from 'cdktf';
import { z } from 'zod';
import { optionalReference } from '../../modules/optional-reference';
import { StackKey } from '../../modules/stack-key';
import { alarmsSchema } from '../../schema/alarms';
import { stackSchema } from '../../schema/config';
import { AWS_MANAGED_ALIAS_PATTERN, DeliveryConfig, deliveryShape, kmsKeyArn } from '../../schema/delivery';
import { NAME_RULES } from '../../schema/names';
import { ProviderName } from '../../schema/provider-versions';
import { addSinkPipeline, SinkContext, SinkFactory } from '../../stacks/eventbridge-pipeline';
import { filterVariable } from './filter-variable';
import { ModuleStack } from './module-stack';
import { moduleVariable } from './module-variable';

export type { ProviderName };

export interface ModuleDefinition {
  /** Directory name under dist/terraform-modules/. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly providers: readonly ProviderName[];
  /** Construct id of the module's sink, as in its stack (RESOURCE_NAMES's `{sink}`). @default - none: the source module */
  readonly sinkId?: string;
  build(stack: ModuleStack): void;
  /** The example root module's module blocks (beside provider blocks), in Terraform JSON; each `source` is a module's name. */
  readonly example: Record<string, Record<string, unknown>>;
  /** Sensitive root variables the example passes on. */
  readonly exampleSecrets: readonly string[];
}

export const SOURCE_MODULE = 'okta-eventbridge-source';
/** How every example calls the source module: the call sink modules attach to. */
export const SOURCE_MODULE_CALL = {
  source: SOURCE_MODULE,
  name: 'okta-logs',
  okta_org_name: 'acme',
  event_source_name: 'okta_logs',
  aws_account_id: '123456789012',
  aws_region: 'eu-west-1',
} as const;

const eventBusName = z
  .string()
  .max(NAME_RULES.partnerEventBus.maxLength, { error: `must be at most ${NAME_RULES.partnerEventBus.maxLength} characters` })
  .regex(NAME_RULES.partnerEventBus.pattern, { error: 'must be a partner event bus name, aws.partner/okta.com/<org>/<event source name>: the partner_event_bus_name output of the okta-eventbridge-source module' })
  .describe('Name of the partner event bus to attach to: the partner_event_bus_name output of the okta-eventbridge-source module.');
const snsTopicArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { error: 'must be an SNS topic ARN, e.g. "arn:aws:sns:eu-west-1:123456789012:okta-logs-alarms": the alarm_topic_arn output of the okta-eventbridge-source module' })
  .describe('SNS topic the alarms notify: the alarm_topic_arn output of the okta-eventbridge-source module.');

export interface SinkModuleSpec<C extends { readonly delivery: DeliveryConfig }> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Construct id, as in the stacks. */
  readonly id: string;
  readonly factory: SinkFactory<C>;
  /** The sink's own inputs, as the sink config its factory takes (without delivery and filter); `name` is the name input. */
  config(stack: ModuleStack, name: string): Omit<C, 'delivery' | 'filter'>;
  readonly exampleInputs: Record<string, unknown>;
  readonly exampleSecrets: readonly string[];
}

/** SQS and SNS take alias ARNs, but an AWS managed key's policy cannot let the service use it. */
export const NOT_AWS_MANAGED_KEY = { test: `!can(regex(${JSON.stringify(AWS_MANAGED_ALIAS_PATTERN.source)}, value))`, allowed: 'must not be an AWS managed key (alias/aws/…), whose key policy cannot let the service use it' };

/**
 * The module's `encryption_kms_key_arn`: the stack's `encryption.kms_key` with a given key (a key
 * ARN; modules create no key). Null: each service's own encryption.
 */
export function moduleKey(stack: ModuleStack, name: string, accountId: string, region: string): StackKey {
  const arn = moduleVariable(stack, 'encryption_kms_key_arn', {
    field: kmsKeyArn(
      'Customer managed key ARN for everything this module creates that holds Okta events or secrets; a resource\'s own key input wins. ' +
        'Its policy must hold the statements of the kms_key_policy_statements output, and connections need the key tag EventBridgeApiDestinations = "true". Default: each service\'s own encryption.',
    ),
    default: null,
  }).stringValue;
  return new StackKey(stack, 'StackKey', { name, accountId, region, keyOrAliasArn: optionalReference(arn) });
}

/** What the given key's policy must hold, once the module's resources asked for it; null without a key. */
export function keyPolicyOutput(stack: ModuleStack, key: StackKey): void {
  new TerraformOutput(stack, 'kms_key_policy_statements', {
    value: Lazy.anyValue({ produce: () => Fn.conditional(Op.eq(key.keyArn, Token.nullValue()), Token.nullValue(), Fn.jsonencode(key.statementsExpression())) }),
    description: 'The statements the encryption key\'s policy must hold for this module (null without encryption_kms_key_arn).',
  });
}

/**
 * Where a module instance is: its name input stands for the stack's name; account and region come
 * from the aws provider passed in.
 */
function moduleContext(stack: ModuleStack, name: string): SinkContext {
  const accountId = new DataAwsCallerIdentity(stack, 'current').accountId;
  const region = new DataAwsRegion(stack, 'current_region').region;
  return { accountId, region, stackName: name, key: moduleKey(stack, name, accountId, region) };
}

export function sinkModule<C extends { readonly delivery: DeliveryConfig }>(spec: SinkModuleSpec<C>): ModuleDefinition {
  return {
    name: spec.name,
    title: spec.title,
    description: `${spec.description} Attaches to the partner bus of an okta-eventbridge-source module: its own rule (with an event filter), a target with retries and a dead-letter queue, and four alarms.`,
    providers: ['aws'],
    sinkId: spec.id,
    build(stack) {
      const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
      const name = v('name', { field: stackSchema.shape.name, description: 'Stem of the rule, target, dead-letter queue, alarm and sink resource names (kebab-case, at most 40); unique per account and region.' });
      const delivery = {
        maximum_event_age_seconds: v('maximum_event_age_seconds', { field: deliveryShape.maximum_event_age_seconds }).numberValue,
        maximum_retry_attempts: v('maximum_retry_attempts', { field: deliveryShape.maximum_retry_attempts }).numberValue,
        dead_letter_queue_kms_key_arn: optionalReference(v('dead_letter_queue_kms_key_arn', { field: deliveryShape.dead_letter_queue_kms_key_arn, default: null, refinements: [NOT_AWS_MANAGED_KEY] }).stringValue),
      };
      const context = moduleContext(stack, name.stringValue);
      addSinkPipeline(stack, {
        id: spec.id,
        resourceName: name.stringValue,
        eventBusName: v('event_bus_name', { field: eventBusName }).stringValue,
        alarmTopicArn: v('alarm_topic_arn', { field: snsTopicArn }).stringValue,
        oktaQuietHours: v('okta_quiet_hours', { field: alarmsSchema.shape.okta_quiet_hours, default: 2 }).numberValue,
        factory: spec.factory,
        context,
        config: { ...spec.config(stack, name.stringValue), delivery, filter: filterVariable(stack).reference } as unknown as C,
      });
      keyPolicyOutput(stack, context.key!);
    },
    example: {
      okta_source: SOURCE_MODULE_CALL,
      [spec.name.replace(/-/g, '_')]: {
        source: spec.name,
        name: `okta-logs-${spec.name}`,
        event_bus_name: '${module.okta_source.partner_event_bus_name}',
        alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
        ...spec.exampleInputs,
      },
    },
    exampleSecrets: spec.exampleSecrets,
  };
}
