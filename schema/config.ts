/**
 * The configuration file, as a schema: one file per environment, YAML or JSON. It never holds a
 * secret; sinks name the sensitive Terraform variables that carry theirs.
 */
import { z } from 'zod';
import { backendSchema } from './backend';
import { awsAccountId, eventSourceName, integerInRange, oktaBaseUrl, oktaOrgName, oktaStreamRegion, stackName, strictObject } from './rules';
import { brontoSinkSchema } from './sinks/bronto';

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

export const sinkSchema = z.discriminatedUnion('type', [brontoSinkSchema], {
  error: 'must have a type among: bronto',
});

export const stackSchema = strictObject({
    name: stackName(),
    event_source_name: eventSourceName(),
    okta: oktaSchema.partial().optional().describe('Overrides of the top-level okta section for this stack (another org).'),
    aws: awsSchema.partial().optional().describe('Overrides of the top-level aws section for this stack.'),
    partner_source_wait_seconds: integerInRange(
      1,
      600,
      'Seconds to wait after Okta creates the stream before creating the partner bus (Okta creates the AWS source asynchronously). Default 60.',
    ).default(60),
    sink: sinkSchema,
  })
  .describe('One stack: one Okta log stream, its partner bus and rule, and the sink behind it.');

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
    stacks: z
      .array(stackSchema, { error: 'must be a list of stacks' })
      .min(1, { error: 'must list at least one stack' })
      .describe('The stacks to synthesize, one per stream. Okta allows at most two log streams per org.'),
  })
  .describe('okta-log-streaming configuration');

export type Config = z.output<typeof configSchema>;
export type StackConfig = z.output<typeof stackSchema>;
export type SinkConfig = z.output<typeof sinkSchema>;
export type OktaConfig = z.output<typeof oktaSchema>;
export type AwsConfig = z.output<typeof awsSchema>;
