/**
 * What the doctor checks, read from a synthesized stack (cdk.tf.json): every name the stack gave
 * Okta and AWS, as literals. References between resources are followed to the names they point at.
 */

// Terraform JSON is untyped; the fields read here are the ones the stacks write.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** What a target's ARN must be: whole, or (API destinations, roles with a name prefix) what it must start with. */
export interface ArnExpectation {
  readonly what: string;
  readonly arn: string;
  readonly prefixOnly: boolean;
}

export interface RuleFacts {
  readonly name: string;
  readonly targetId: string;
  /** The target's ARN: its API destination, log group or Firehose stream. */
  readonly target?: ArnExpectation;
  /** The role EventBridge assumes for the target, when it has one. */
  readonly role?: ArnExpectation;
  /** Name of the target's dead-letter queue. */
  readonly deadLetterQueue?: string;
  /** Its ARN, whole: the same name in another account or region is another queue. */
  readonly deadLetterQueueArn?: string;
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
  /**
   * The stack's own definition of "quiet" for this rule: its okta-quiet alarm (fewer than
   * `threshold` matched events in `windowSeconds`).
   */
  readonly quiet?: { readonly windowSeconds: number; readonly threshold: number };
  /** The sensitive variables the target's credentials come from (TF_VAR_<name>). */
  readonly secretVariables: readonly string[];
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
    /** The partner bus's own dead-letter queue (events the bus itself could not process). */
    readonly busDeadLetterQueue?: string;
    /** Secret variables by connection name. */
    readonly connectionVariables: Readonly<Record<string, readonly string[]>>;
  };
}

const one = (value: unknown): Json => (Array.isArray(value) ? (value[0] as Json) : (value as Json));
const of = (json: Json, type: string): [string, Json][] => Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>);

/** The literal an attribute holds, following `${type.id.attr}` to the referenced resource's own attribute. */
export function literal(json: Json, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value);
  if (ref === null) return value.includes('${') ? undefined : value;
  const [, type, id, attribute] = ref;
  const target = json.resource?.[type]?.[id] as Json | undefined;
  if (target === undefined) return undefined;
  // A name, or an ARN/URL whose resource is known by its name.
  return literal(json, target[attribute] ?? (['arn', 'url', 'id'].includes(attribute) ? target.name : undefined));
}

/** `${type.id.attr}` → [type, id], or undefined for anything else. */
function reference(value: unknown): [string, string] | undefined {
  const ref = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
  return ref === null ? undefined : [ref[1], ref[2]];
}

/** Every `var.<name>` a resource's configuration reads. */
function variablesIn(config: unknown): string[] {
  return [...new Set([...JSON.stringify(config ?? {}).matchAll(/\$\{var\.([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))];
}

/** What a target's ARN must be, from the resource the stack points it at (AWS's ARN formats per service). */
function targetExpectation(json: Json, value: unknown, region: string, account: string): { target?: ArnExpectation; variables: string[] } {
  const ref = reference(value);
  if (ref === undefined) return { variables: [] };
  const [type, id] = ref;
  const resource = json.resource?.[type]?.[id] as Json | undefined;
  const name = literal(json, resource?.name);
  if (resource === undefined || name === undefined) return { variables: [] };
  switch (type) {
    case 'aws_cloudwatch_event_api_destination': {
      const connection = reference(resource.connection_arn);
      const variables = connection === undefined ? [] : variablesIn(json.resource?.[connection[0]]?.[connection[1]]);
      // EventBridge appends a generated id: api-destination/<name>/<uuid>.
      return { target: { what: `API destination ${name}`, arn: `arn:aws:events:${region}:${account}:api-destination/${name}/`, prefixOnly: true }, variables };
    }
    case 'aws_cloudwatch_log_group':
      return { target: { what: `log group ${name}`, arn: `arn:aws:logs:${region}:${account}:log-group:${name}`, prefixOnly: false }, variables: [] };
    case 'aws_kinesis_firehose_delivery_stream':
      return { target: { what: `Firehose stream ${name}`, arn: `arn:aws:firehose:${region}:${account}:deliverystream/${name}`, prefixOnly: false }, variables: [] };
    default:
      return { variables: [] };
  }
}

/** The role a target uses: its path and name prefix (IAM appends a generated suffix). */
function roleExpectation(json: Json, value: unknown, account: string): ArnExpectation | undefined {
  const ref = reference(value);
  const role = ref === undefined ? undefined : (json.resource?.[ref[0]]?.[ref[1]] as Json | undefined);
  if (role === undefined) return undefined;
  const path = typeof role.path === 'string' ? role.path : '/';
  const name = literal(json, role.name) ?? literal(json, role.name_prefix);
  if (name === undefined) return undefined;
  return { what: `role ${path}${name}${role.name === undefined ? '…' : ''}`, arn: `arn:aws:iam::${account}:role${path}${name}`, prefixOnly: role.name === undefined };
}

/** A rule's okta-quiet alarm: MatchedEvents of that rule, below the threshold for the alarm's whole window. */
function quietOf(json: Json, ruleName: string): RuleFacts['quiet'] {
  for (const [, alarm] of of(json, 'aws_cloudwatch_metric_alarm')) {
    if (alarm.metric_name !== 'MatchedEvents' || literal(json, alarm.dimensions?.RuleName) !== ruleName) continue;
    return { windowSeconds: Number(alarm.period) * Number(alarm.evaluation_periods), threshold: Number(alarm.threshold) };
  }
  return undefined;
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
  const account = provider.allowed_account_ids[0] as string;
  const region = provider.region as string;
  const rulesById = new Map(of(json, 'aws_cloudwatch_event_rule').map(([id, rule]) => [id, rule]));
  const rules: RuleFacts[] = of(json, 'aws_cloudwatch_event_target').map(([, target]) => {
    const ruleName = literal(json, target.rule);
    if (ruleName === undefined) throw new Error(`${stack}: a target's rule has no literal name`);
    const retry = one(target.retry_policy) ?? {};
    const deadLetterQueue = literal(json, one(target.dead_letter_config)?.arn);
    const { target: expected, variables } = targetExpectation(json, target.arn, region, account);
    return {
      name: ruleName,
      targetId: target.target_id,
      target: expected,
      role: roleExpectation(json, target.role_arn, account),
      deadLetterQueue,
      deadLetterQueueArn: deadLetterQueue === undefined ? undefined : `arn:aws:sqs:${region}:${account}:${deadLetterQueue}`,
      maximumRetryAttempts: retry.maximum_retry_attempts,
      maximumEventAgeInSeconds: retry.maximum_event_age_in_seconds,
      quiet: quietOf(json, ruleName),
      secretVariables: variables,
    };
  });
  for (const [id, rule] of rulesById) {
    if (!rules.some((r) => r.name === rule.name)) throw new Error(`${stack}: rule ${id} has no target`);
  }
  return {
    ...facts,
    aws: {
      accountId: account,
      region,
      eventBusName: buses[0][1].name,
      rules,
      connections: of(json, 'aws_cloudwatch_event_connection').map(([, c]) => c.name as string),
      apiDestinations: of(json, 'aws_cloudwatch_event_api_destination').map(([, d]) => d.name as string),
      deadLetterQueues: of(json, 'aws_sqs_queue').map(([, q]) => q.name as string),
      busDeadLetterQueue: literal(json, one(buses[0][1].dead_letter_config)?.arn),
      connectionVariables: Object.fromEntries(of(json, 'aws_cloudwatch_event_connection').map(([, c]) => [c.name as string, variablesIn(c)])),
    },
  };
}
