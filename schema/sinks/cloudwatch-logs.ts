import { z } from 'zod';
import { logsSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { LOG_GROUP_NAME_PATTERN, LOG_RETENTION_DAYS } from '../../modules/cloudwatch-logs-sink';
import { body } from '../rules';
import { eventBridgeSink } from './sink';

export const cloudWatchLogsSinkShape = {
  type: z.literal('cloudwatch_logs'),
  log_group_name: z
    .string({ error: 'must be a string' })
    .regex(LOG_GROUP_NAME_PATTERN, { error: 'must be a log group name: 1-512 of letters, digits and . - _ / #' })
    .optional()
    .describe('Log group name, in the stack\'s region. Default "/aws/events/okta/<stack name>" ("/aws/events/okta/<stack name>-<sink name>" in a fan-out stack).'),
  retention_in_days: z
    .literal(LOG_RETENTION_DAYS, { error: `must be a retention CloudWatch accepts: ${LOG_RETENTION_DAYS.join(', ')}` })
    .default(365)
    .describe(`Days CloudWatch keeps the events: one of ${LOG_RETENTION_DAYS.join(', ')}. Default 365.`),
  kms_key_arn: z
    .string({ error: 'must be a string' })
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { error: 'must be a KMS key ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:key/…"' })
    .optional()
    .describe('KMS key ARN to encrypt the group; its key policy must allow logs.<region>.amazonaws.com. Default: the stack\'s key (encryption.kms_key), else CloudWatch-managed encryption.'),
  body: body('envelope'),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: logsSinkAdoptSchema,
};

export const cloudWatchLogsSink = eventBridgeSink({
  shape: cloudWatchLogsSinkShape,
  description: 'CloudWatch Logs: a log group in the stack\'s region.',
  page: 'cloudwatch-logs.md',
  example: { type: 'cloudwatch_logs' },
});

export const cloudWatchLogsSinkSchema = cloudWatchLogsSink.schema;

export type CloudWatchLogsSinkConfig = z.output<typeof cloudWatchLogsSinkSchema>;
