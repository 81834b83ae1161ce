/**
 * The configuration file, as a schema: one file per environment, YAML or JSON. It never holds a
 * secret; sinks name the sensitive Terraform variables that carry theirs.
 */
import { z } from 'zod';
import { alarmsSchema } from './alarms';
import { busLoggingSchema } from './bus-logging';
import { encryptionSchema } from './encryption';
import { streamAdoptSchema } from './adopt';
import { backendSchema } from './backend';
import { versionsSchema } from './versions';
import { ciSchema } from './ci';
import { stackFilterSchema } from './filter';
import { awsAccountId, eventSourceName, integerInRange, oktaBaseUrl, oktaOrgName, oktaStreamRegion, stackName, strictObject } from './rules';
import { AWS_SINK_TYPES, awsSinkSchemas, fanOutSinkSchemas, OKTA_ONLY_SINK_TYPES, oktaOnlySinkSchemas, SINK_TYPES } from './sinks/index';

const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const oktaSchema = strictObject({
    org_name: oktaOrgName(),
    base_url: oktaBaseUrl().default('okta.com'),
  })
  .describe('The Okta org whose System Log is streamed. Credentials never go here: the okta provider reads them from the environment.');

export const awsSchema = strictObject({
    account_id: awsAccountId(),
    region: oktaStreamRegion(),
  })
  .describe('The AWS account and region that receive the stream.');

// The sink types and their schemas come from the registry of sinks (schema/sinks/index.ts).
export { AWS_SINK_TYPES, OKTA_ONLY_SINK_TYPES, SINK_TYPES };

/** Every AWS-side sink has a target, so its shape carries `delivery` (retries, dead-letter queue). */
export const awsSinkSchema = z.discriminatedUnion('type', awsSinkSchemas);

export const sinkSchema = z
  .discriminatedUnion('type', [...awsSinkSchemas, ...oktaOnlySinkSchemas], {
    error: `must have a type among: ${SINK_TYPES.join(', ')}`,
  })
  .describe('The sink of a stack with one sink, by type.');

/** A sink of a fan-out stack: an AWS-side sink with a name of its own. */
export const fanOutSinkSchema = z
  .discriminatedUnion('type', fanOutSinkSchemas, {
    error: `must have a type among: ${AWS_SINK_TYPES.join(', ')} (${OKTA_ONLY_SINK_TYPES.join(' and ')} are streams of their own: give each its own stack)`,
  })
  .describe('One sink of a fan-out stack: its own rule and target on the shared partner bus.');

export const stackSchema = strictObject({
    name: stackName(),
    event_source_name: eventSourceName().optional(),
    okta: oktaSchema.partial().optional().describe('Overrides of the top-level okta section for this stack (another org).'),
    aws: awsSchema.partial().optional().describe('Overrides of the top-level aws section for this stack.'),
    partner_source_wait_seconds: integerInRange(
      1,
      600,
      'Seconds to wait after Okta creates the stream before creating the partner bus (Okta creates the AWS source asynchronously). Default 60.',
    ).optional(),
    prevent_destroy: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .describe('Put lifecycle.prevent_destroy on the stream and the partner bus, so no plan can destroy or replace them. Default true; set false to change a write-once setting or remove the stack.'),
    archive_retention_days: integerInRange(
      0,
      3650,
      'Days the partner bus archive keeps events for replay, 0 = forever. Default 30. EventBridge sinks only.',
    ).optional(),
    alarms: alarmsSchema.partial().optional().describe('Overrides of the top-level alarms section for this stack, field by field.'),
    encryption: encryptionSchema.optional().describe('Override of the top-level encryption section for this stack. EventBridge sinks only.'),
    bus_logging: busLoggingSchema.optional().describe('Override of the top-level bus_logging section for this stack. EventBridge sinks only.'),
    adopt: streamAdoptSchema,
    filter: stackFilterSchema,
    sink: sinkSchema.optional(),
    sinks: z
      .array(fanOutSinkSchema, { error: 'must be a list of sinks' })
      .min(1, { error: 'must list at least one sink' })
      .max(100, { error: 'must list at most 100 sinks (EventBridge allows 300 rules per bus)' })
      .optional()
      .describe('Fan-out: several sinks sharing this stack\'s stream and partner bus, each with its own rule. Use instead of sink.'),
  })
  .describe(
    'One stack, one Okta log stream. Give sink (one sink) or sinks (fan-out); a filter here applies to every sink without its own. event_source_name is required for EventBridge sinks and not used by oort (integration_id) or splunk_cloud.',
  );

const tagsSchema = z
  .record(
    z
      .string()
      .min(1, { error: 'tag keys must be 1-128 characters' })
      .max(128, { error: 'tag keys must be 1-128 characters' })
      .regex(TAG_PATTERN, { error: 'tag keys may hold letters, digits, blanks and _ . : / = + - @' })
      .refine((key) => !key.toLowerCase().startsWith('aws:'), { error: 'tag keys may not start with "aws:" (reserved by AWS)' }),
    z
      .string({ error: 'tag values must be strings (quote numbers and booleans)' })
      .max(256, { error: 'tag values must be at most 256 characters' })
      .regex(TAG_PATTERN, { error: 'tag values may hold letters, digits, blanks and _ . : / = + - @' }),
  )
  .default({})
  .describe('Tags applied to every AWS resource (provider default_tags), beside ManagedBy and OktaLogStreamingStack.');

export const configSchema = strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
    okta: oktaSchema,
    aws: awsSchema,
    backend: backendSchema,
    tags: tagsSchema,
    versions: versionsSchema,
    alarms: alarmsSchema.optional(),
    encryption: encryptionSchema.optional(),
    bus_logging: busLoggingSchema.optional(),
    ci: ciSchema.optional(),
    stacks: z
      .array(stackSchema, { error: 'must be a list of stacks' })
      .min(1, { error: 'must list at least one stack' })
      .describe('The stacks to synthesize, one per stream. Okta allows at most two log streams per org.'),
  })
  .describe('okta-log-streaming configuration');

export type Config = z.output<typeof configSchema>;
export type StackConfig = z.output<typeof stackSchema>;
export type SinkConfig = z.output<typeof sinkSchema>;
export type AwsSinkConfig = z.output<typeof awsSinkSchema>;
export type FanOutSinkConfig = z.output<typeof fanOutSinkSchema>;
export type OktaConfig = z.output<typeof oktaSchema>;
export type AwsConfig = z.output<typeof awsSchema>;
