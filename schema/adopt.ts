/**
 * Adopting what the vendor guides' console setup already created: names of existing resources.
 * The stacks then use those names and carry Terraform `import` blocks, so the first apply adopts
 * the resources instead of creating duplicates.
 */
import { z } from 'zod';
import { LOG_GROUP_NAME_PATTERN } from '../modules/cloudwatch-logs-sink';
import { strictObject } from './rules';

const EVENTBRIDGE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

function existingName(what: string) {
  return z
    .string({ error: 'must be a string' })
    .regex(EVENTBRIDGE_NAME, { error: `must be the existing ${what}'s name: 1-64 letters, digits, ".", "-" and "_"` })
    .optional()
    .describe(`Name of the existing ${what} to adopt (imported on the first apply).`);
}

const ruleAndTarget = {
  rule_name: existingName('rule on the partner bus'),
  target_id: z
    .string({ error: 'must be a string' })
    .regex(EVENTBRIDGE_NAME, { error: 'must be the existing target\'s id: 1-64 letters, digits, ".", "-" and "_"' })
    .optional()
    .describe('Id of the existing target on that rule to adopt; needs rule_name. Without it the console target stays: delete it, or events arrive twice.'),
};

/** For the API-destination sinks (Bronto, Datadog, SlashID, HTTPS). */
export const apiSinkAdoptSchema = strictObject({
  ...ruleAndTarget,
  connection_name: existingName('EventBridge connection'),
  api_destination_name: existingName('API destination'),
})
  .optional()
  .describe('Existing console-created resources of this sink to adopt.');

/** For sinks whose own resources are always new (the S3 archive): the rule and target only. */
export const ruleAdoptSchema = strictObject({ ...ruleAndTarget })
  .optional()
  .describe('Existing console-created rule (and target) of this sink to adopt.');

/** For the CloudWatch Logs sink. */
export const logsSinkAdoptSchema = strictObject({
  ...ruleAndTarget,
  log_group: z.boolean({ error: 'must be true or false' }).optional().describe('Adopt the existing log group named by log_group_name (or the default name).'),
})
  .optional()
  .describe('Existing console-created resources of this sink to adopt.');

/** For a stack: its Okta stream and partner bus. */
export const streamAdoptSchema = strictObject({
  okta_log_stream_id: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9]{1,64}$/, { error: 'must be the Okta log stream id (letters and digits, e.g. "0oa1b2c3d4e5f6g7h8i9")' })
    .optional()
    .describe('Id of the existing Okta log stream to adopt (Okta Admin Console → Reports → Log Streaming, or GET /api/v1/logStreams).'),
  partner_event_bus: z
    .boolean({ error: 'must be true or false' })
    .optional()
    .describe('Adopt the existing partner event bus aws.partner/okta.com/<org>/<event_source_name>. EventBridge stacks only.'),
})
  .optional()
  .describe('Existing console-created stream (and partner bus) to adopt instead of creating them.');

export type ApiSinkAdopt = z.output<typeof apiSinkAdoptSchema>;
export type LogsSinkAdopt = z.output<typeof logsSinkAdoptSchema>;
export type StreamAdopt = z.output<typeof streamAdoptSchema>;
export { LOG_GROUP_NAME_PATTERN };
