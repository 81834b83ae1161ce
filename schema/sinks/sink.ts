/**
 * How a sink declares itself to the config: its type, its fields (the schema of `sink`, and for an
 * EventBridge sink the fan-out variant with a `name`), whether it is an EventBridge sink or an Okta
 * stream of its own, its smallest valid config (docs/resources.md synthesizes it) and its page under
 * docs/sinks/. schema/sinks/index.ts lists every declaration; every list of sinks reads that.
 */
import { z } from 'zod';
import { sinkName, strictObject } from '../rules';

interface SinkDeclarationBase<T extends string> {
  readonly type: T;
  /** The sink's page, a file of docs/sinks/. */
  readonly page: string;
  /** The smallest valid config of this sink, with its type (docs/resources.md synthesizes a stack of it). */
  readonly example: { readonly type: T } & Readonly<Record<string, unknown>>;
}

/** A sink behind an EventBridge rule in the user's account: it can share a stream (fan-out). */
export interface EventBridgeSinkDeclaration<T extends string, Schema extends z.ZodType, FanOutSchema extends z.ZodType> extends SinkDeclarationBase<T> {
  readonly kind: 'eventbridge';
  /** A stack's `sink` of this type. */
  readonly schema: Schema;
  /** A fan-out stack's `sinks[]` entry of this type: the same fields and a `name`. */
  readonly fanOutSchema: FanOutSchema;
}

/** A sink that is an Okta stream of its own, with no AWS side in the user's account. */
export interface OktaOnlySinkDeclaration<T extends string, Schema extends z.ZodType> extends SinkDeclarationBase<T> {
  readonly kind: 'okta_only';
  readonly schema: Schema;
  /** The sink's field Okta sends as the event source name (Oort's `integration_id`). @default - none: the stream has no event source */
  readonly eventSourceNameField?: string;
  /** Why a stack of this sink takes no EventBridge settings, for the message that refuses them. */
  readonly withoutPartnerBus: string;
}

export type SinkDeclaration = EventBridgeSinkDeclaration<string, z.ZodType, z.ZodType> | OktaOnlySinkDeclaration<string, z.ZodType>;

type Refinement<S extends z.core.$ZodLooseShape> = (sink: z.output<ReturnType<typeof strictObject<S>>>, ctx: z.RefinementCtx) => void;

/** An EventBridge sink from its fields: the schemas of `sink` and of a fan-out `sinks[]` entry, with the same cross-field rules. */
export function eventBridgeSink<T extends string, S extends { readonly type: z.ZodLiteral<T> } & z.core.$ZodLooseShape>(spec: {
  readonly shape: S;
  readonly description: string;
  /** Cross-field rules, for both schemas. @default - none */
  readonly refine?: Refinement<S>;
  readonly page: string;
  readonly example: { readonly type: T } & Readonly<Record<string, unknown>>;
}) {
  const single = strictObject(spec.shape);
  const fanOut = strictObject({ name: sinkName(), ...spec.shape });
  const refine = spec.refine as ((sink: unknown, ctx: z.RefinementCtx) => void) | undefined;
  const declaration = {
    type: spec.shape.type.value,
    kind: 'eventbridge' as const,
    schema: (refine === undefined ? single : single.superRefine(refine)).describe(spec.description),
    fanOutSchema: refine === undefined ? fanOut : fanOut.superRefine(refine),
    page: spec.page,
    example: spec.example,
  };
  return declaration satisfies EventBridgeSinkDeclaration<T, z.ZodType, z.ZodType>;
}

/** An Okta-only sink from its schema. */
export function oktaOnlySink<T extends string, Schema extends z.ZodObject<{ readonly type: z.ZodLiteral<T> }>>(spec: Omit<OktaOnlySinkDeclaration<T, Schema>, 'kind' | 'type'>) {
  return { ...spec, type: spec.schema.shape.type.value, kind: 'okta_only' as const } satisfies OktaOnlySinkDeclaration<T, Schema>;
}
