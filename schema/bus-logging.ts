import { z } from 'zod';
import { LOG_RETENTION_DAYS } from '../modules/cloudwatch-logs-sink';
import { strictObject } from './rules';

/**
 * The partner bus's own log (EventBridge bus logging). Off by default: every stack already alarms
 * on failed invocations and keeps each failed event in its dead-letter queue with the error EventBridge
 * saw; `error` adds a log line per failed attempt with the target's HTTP status and message, at the
 * cost of a log group and a log resource policy (a region allows 10) per stack.
 */
export const busLoggingSchema = strictObject({
  level: z
    .enum(['off', 'error', 'info', 'trace'], { error: 'must be off, error, info or trace' })
    .default('off')
    .describe('What EventBridge logs about the partner bus: error (failed deliveries, with the HTTP status and message), info (also each step), trace (everything), or off. Default off.'),
  include_detail: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('Log the events themselves and the requests to targets (Okta events are personal data: they would be kept twice). Default false.'),
  retention_in_days: z
    .number({ error: 'must be a number of days' })
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), { error: `must be one of ${LOG_RETENTION_DAYS.join(', ')}` })
    .default(30)
    .describe('Days the bus log keeps entries. Default 30.'),
}).describe('The partner bus\'s own log in CloudWatch Logs (EventBridge bus logging). Default: off.');

export type BusLoggingConfig = z.output<typeof busLoggingSchema>;
