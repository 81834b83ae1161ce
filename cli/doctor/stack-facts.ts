/**
 * What the doctor checks, read from a synthesized stack (cdk.tf.json): every name the stack gave
 * Okta and AWS, as literals. References between resources are followed to the names they point at.
 */

// Terraform JSON is untyped; the fields read here are the ones the stacks write.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface RuleFacts {
  readonly name: string;
  readonly targetId: string;
  /** Name of the target's dead-letter queue. */
  readonly deadLetterQueue?: string;
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
}

export interface StackFacts {
  readonly stack: string;
  readonly okta: { readonly orgName: string; readonly baseUrl: string };
  readonly stream: { readonly name: string; readonly type: string; readonly settings: Readonly<Record<string, string>> };
  /** Present for stacks with a partner bus in the user's account. */
  readonly aws?: {
    readonly accountId: string;
    readonly region: string;
    readonly eventBusName: string;
    readonly rules: readonly RuleFacts[];
    readonly connections: readonly string[];
    readonly apiDestinations: readonly string[];
    /** Every dead-letter queue: the sinks' and the bus's own. */
    readonly deadLetterQueues: readonly string[];
  };
}

const one = (value: unknown): Json => (Array.isArray(value) ? (value[0] as Json) : (value as Json));
const of = (json: Json, type: string): [string, Json][] => Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>);

/** The literal an attribute holds, following `${type.id.attr}` to the referenced resource's own attribute. */
function literal(json: Json, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value);
  if (ref === null) return value.includes('${') ? undefined : value;
  const [, type, id, attribute] = ref;
  const target = json.resource?.[type]?.[id] as Json | undefined;
  if (target === undefined) return undefined;
  // A name, or an ARN/URL whose resource is known by its name.
  return literal(json, target[attribute] ?? (['arn', 'url', 'id'].includes(attribute) ? target.name : undefined));
}

export function stackFacts(stack: string, json: Json): StackFacts {
  const streams = of(json, 'okta_log_stream');
  if (streams.length !== 1) throw new Error(`${stack}: expected one okta_log_stream, found ${streams.length}`);
  const [, stream] = streams[0];
  const okta = one(json.provider?.okta);
  const settings = Object.fromEntries(Object.entries(one(stream.settings) ?? {}).filter(([, v]) => typeof v === 'string' && !v.includes('${'))) as Record<string, string>;
  const facts: StackFacts = {
    stack,
    okta: { orgName: okta.org_name, baseUrl: okta.base_url },
    stream: { name: stream.name, type: stream.type, settings },
  };
  const buses = of(json, 'aws_cloudwatch_event_bus');
  if (buses.length === 0) return facts;
  const provider = one(json.provider?.aws);
  const rulesById = new Map(of(json, 'aws_cloudwatch_event_rule').map(([id, rule]) => [id, rule]));
  const rules: RuleFacts[] = of(json, 'aws_cloudwatch_event_target').map(([, target]) => {
    const ruleName = literal(json, target.rule);
    if (ruleName === undefined) throw new Error(`${stack}: a target's rule has no literal name`);
    const retry = one(target.retry_policy) ?? {};
    return {
      name: ruleName,
      targetId: target.target_id,
      deadLetterQueue: literal(json, one(target.dead_letter_config)?.arn),
      maximumRetryAttempts: retry.maximum_retry_attempts,
      maximumEventAgeInSeconds: retry.maximum_event_age_in_seconds,
    };
  });
  for (const [id, rule] of rulesById) {
    if (!rules.some((r) => r.name === rule.name)) throw new Error(`${stack}: rule ${id} has no target`);
  }
  return {
    ...facts,
    aws: {
      accountId: provider.allowed_account_ids[0],
      region: provider.region,
      eventBusName: buses[0][1].name,
      rules,
      connections: of(json, 'aws_cloudwatch_event_connection').map(([, c]) => c.name as string),
      apiDestinations: of(json, 'aws_cloudwatch_event_api_destination').map(([, d]) => d.name as string),
      deadLetterQueues: of(json, 'aws_sqs_queue').map(([, q]) => q.name as string),
    },
  };
}
