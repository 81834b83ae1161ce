import { z } from 'zod';
import { filterProblems, OKTA_OUTCOMES, OKTA_SEVERITIES, OktaEventFilter } from '../modules/okta-event-filter';
import { strictObject } from './rules';

/**
 * Okta event types as Okta writes them: dot-separated segments of letters, digits and "_", case
 * kept (Okta's event types catalog has user.authentication.auth_via_IDP, auth_via_AD_agent,
 * auth_via_LDAP_agent, auth_via_inbound_SAML …). EventBridge matches case-sensitively, so a
 * lowercased spelling of one of those would silently match nothing: refused with the real spelling.
 */
export const MIXED_CASE_EVENT_TYPES = [
  'user.authentication.auth_via_IDP',
  'user.authentication.auth_via_AD_agent',
  'user.authentication.auth_via_LDAP_agent',
  'user.authentication.auth_via_inbound_SAML',
] as const;

/** An Okta event type or prefix, as Okta writes it. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\.?$/;

const eventType = z
  .string({ error: 'must be a string' })
  .regex(EVENT_TYPE_PATTERN, {
    error: 'must be an Okta event type or prefix such as "user.session." (dot-separated letters, digits and "_", spelled as Okta writes it)',
  })
  .superRefine((value, context) => {
    const real = MIXED_CASE_EVENT_TYPES.find((type) => type !== value && type.toLowerCase().startsWith(value.toLowerCase()) && !type.startsWith(value) && value.length > type.lastIndexOf('.'));
    if (real !== undefined) {
      context.addIssue({ code: 'custom', message: `EventBridge matches case-sensitively and Okta writes "${real}": this spelling would match nothing` });
    }
  });
/** An exact Okta event type: no trailing "." (that is a prefix, and no event type ends so). */
const exactEventType = (prefixKey: string) =>
  eventType.refine((value) => !value.endsWith('.'), {
    error: `ends in "." so it is a prefix, and no Okta event type is spelled so: an exact type never matches it; put prefixes under ${prefixKey}`,
  });
const severities = z
  .array(z.enum(OKTA_SEVERITIES, { error: `must be one of ${OKTA_SEVERITIES.join(', ')}` }), { error: 'must be a list of severities' })
  .min(1, { error: 'must list at least one severity' });
const outcomes = z
  .array(z.enum(OKTA_OUTCOMES, { error: `must be one of ${OKTA_OUTCOMES.join(', ')}` }), { error: 'must be a list of outcomes' })
  .min(1, { error: 'must list at least one outcome' });

/** Which Okta events a sink receives, compiled into its rule's pattern. */
export const filterSchema = strictObject({
  include: strictObject({
    event_types: z
      .array(exactEventType('include.event_type_prefixes'))
      .min(1, { error: 'must list at least one event type' })
      .optional()
      .describe('Keep these exact event types, e.g. "user.session.start" (which does not keep "user.session.start.x"). May be given with event_type_prefixes: a type is kept when it is one of these or starts with one of those.'),
    event_type_prefixes: z
      .array(eventType)
      .min(1, { error: 'must list at least one prefix' })
      .optional()
      .describe('Keep events whose eventType starts with one of these, e.g. "user.session.". A prefix compares characters: "user.session.start" keeps "user.session.started" too; use event_types for exact types.'),
    severities: severities.optional().describe('Keep events of these severities.'),
    outcomes: outcomes.optional().describe('Keep events whose outcome.result is one of these.'),
  })
    .optional()
    .describe('An event is kept when it matches ANY include list. Default: all events.'),
  exclude: strictObject({
    event_types: z.array(exactEventType('exclude.event_type_prefix')).min(1, { error: 'must list at least one event type' }).optional().describe('Drop these exact event types.'),
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
  .describe('Per-sink filter of Okta events, compiled into the sink\'s rule pattern. Default: the stack\'s filter, else every System Log event.');

/** A stack's filter: every sink of the stack without a filter of its own takes it. */
export const stackFilterSchema = filterSchema.describe(
  'Filter of Okta events for every sink of this stack that has no filter of its own (a sink\'s own filter replaces it wholly; they are not merged). EventBridge sinks only: Okta cannot filter what it streams, so oort and splunk_cloud take none. Default: every System Log event.',
);

export type FilterConfig = z.output<typeof filterSchema>;

/** The construct's filter from the config's. */
export function toFilter(config: NonNullable<FilterConfig>): OktaEventFilter {
  return {
    include: config.include && {
      eventTypes: config.include.event_types,
      eventTypePrefixes: config.include.event_type_prefixes,
      severities: config.include.severities,
      outcomes: config.include.outcomes,
    },
    exclude: config.exclude && {
      eventTypes: config.exclude.event_types,
      eventTypePrefix: config.exclude.event_type_prefix,
      severities: config.exclude.severities,
      outcomes: config.exclude.outcomes,
    },
  };
}
