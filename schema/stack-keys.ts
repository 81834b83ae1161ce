/**
 * Stack keys whose requirement depends on the stack's sinks, declared once: the validator enforces
 * them (schema/cross-check.ts) and docs/configuration.md states them (scripts/docs/configuration-reference.ts),
 * so the two cannot disagree.
 */
import { AWS_SINK_TYPES, isAwsSinkType } from './sinks/index';

export interface ConditionalStackKey {
  /** The stack key, e.g. `event_source_name`. */
  readonly key: string;
  /** Which stacks need it, in words: the reference's required column reads "for <requiredFor>". */
  readonly requiredFor: string;
  /** Whether a stack needs it: a fan-out stack (`sinks`), or a stack whose one sink has `sinkType`. */
  readonly applies: (stack: { readonly sinks: boolean; readonly sinkType?: unknown }) => boolean;
  /** What the key is, after "missing; required for <requiredFor>: ". */
  readonly what: string;
}

export const CONDITIONAL_STACK_KEYS: readonly ConditionalStackKey[] = [
  {
    key: 'event_source_name',
    requiredFor: `EventBridge stacks (sinks, or a sink of type ${AWS_SINK_TYPES.join(', ')})`,
    applies: (stack) => stack.sinks || isAwsSinkType(stack.sinkType),
    what: 'the partner event source name, [A-Za-z0-9._]{1,75}, unique per Okta org (e.g. "okta_logs")',
  },
];

/** The problem of a stack entry that lacks a key its sinks require. */
export function missingStackKeys(entry: Record<string, unknown>, path: string, sinkType: unknown): { path: string; message: string }[] {
  return CONDITIONAL_STACK_KEYS.filter((rule) => entry[rule.key] === undefined && rule.applies({ sinks: entry.sinks !== undefined, sinkType })).map((rule) => ({
    path: `${path}.${rule.key}`,
    message: `missing; required for ${rule.requiredFor}: ${rule.what}`,
  }));
}
