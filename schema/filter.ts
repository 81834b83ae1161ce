import { z } from 'zod';
import { filterProblems, OKTA_OUTCOMES, OKTA_SEVERITIES, OktaEventFilter } from '../modules/okta-event-filter';
import { strictObject } from './rules';

const eventType = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/, { error: 'must be an Okta event type or prefix such as "user.session." (lowercase, dot-separated)' });
const severities = z
  .array(z.enum(OKTA_SEVERITIES, { error: `must be one of ${OKTA_SEVERITIES.join(', ')}` }), { error: 'must be a list of severities' })
  .min(1, { error: 'must list at least one severity' });
const outcomes = z
  .array(z.enum(OKTA_OUTCOMES, { error: `must be one of ${OKTA_OUTCOMES.join(', ')}` }), { error: 'must be a list of outcomes' })
  .min(1, { error: 'must list at least one outcome' });

/** Which Okta events a sink receives, compiled into its rule's pattern. */
export const filterSchema = strictObject({
  include: strictObject({
    event_type_prefixes: z.array(eventType).min(1, { error: 'must list at least one prefix' }).optional().describe('Keep events whose eventType starts with one of these, e.g. "user.session.".'),
    severities: severities.optional().describe('Keep events of these severities.'),
    outcomes: outcomes.optional().describe('Keep events whose outcome.result is one of these.'),
  })
    .optional()
    .describe('An event is kept when it matches ANY include list. Default: all events.'),
  exclude: strictObject({
    event_types: z.array(eventType).min(1, { error: 'must list at least one event type' }).optional().describe('Drop these exact event types.'),
    event_type_prefix: eventType.optional().describe('Drop event types starting with this one prefix (EventBridge\'s anything-but takes one).'),
    severities: severities.optional().describe('Drop events of these severities.'),
    outcomes: outcomes.optional().describe('Drop events whose outcome.result is one of these.'),
  })
    .optional()
    .describe('An event is dropped when it matches ANY exclude list. Events without the field are kept.'),
})
  .superRefine((filter, ctx) => {
    for (const problem of filterProblems(toFilter(filter))) ctx.addIssue({ code: 'custom', message: `cannot be expressed as an EventBridge pattern: ${problem}` });
  })
  .optional()
  .describe('Per-sink filter of Okta events, compiled into the sink\'s rule pattern. Default: every System Log event.');

export type FilterConfig = z.output<typeof filterSchema>;

/** The construct's filter from the config's. */
export function toFilter(config: NonNullable<FilterConfig>): OktaEventFilter {
  return {
    include: config.include && { eventTypePrefixes: config.include.event_type_prefixes, severities: config.include.severities, outcomes: config.include.outcomes },
    exclude: config.exclude && {
      eventTypes: config.exclude.event_types,
      eventTypePrefix: config.exclude.event_type_prefix,
      severities: config.exclude.severities,
      outcomes: config.exclude.outcomes,
    },
  };
}
