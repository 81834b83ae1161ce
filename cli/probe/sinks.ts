/**
 * The sinks of a synthesized stack as the probe reads them back: one per rule target, with what it
 * takes to find the marker there (the log group, the archive's bucket and prefix, the API
 * destination's rule and dead-letter queue) and the rule's pattern, to tell a marker the sink's
 * filter excludes from one that got lost.
 */
import { literal, StackFacts, stackFacts } from '../doctor/stack-facts';

// Terraform JSON is untyped; the fields read here are the ones the stacks write.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export type SinkKind = 'cloudwatch_logs' | 's3_archive' | 'api_destination';

export interface ProbeSink {
  /** The rule's name (`<stack>-<sink>`): what the report calls the sink. */
  readonly name: string;
  readonly kind: SinkKind;
  /** The rule's event pattern, parsed. */
  readonly pattern: Record<string, unknown>;
  /** CloudWatch Logs: the log group. */
  readonly logGroup?: string;
  /** S3 archive: the bucket, the key prefix before the time partitions, and Firehose's buffering interval. */
  readonly bucket?: string;
  readonly prefix?: string;
  readonly bufferingIntervalSeconds?: number;
  /** API destinations: the destination's name, its endpoint, and the target's dead-letter queue. */
  readonly apiDestination?: string;
  readonly endpoint?: string;
  readonly deadLetterQueue?: string;
}

export interface ProbeStack {
  readonly facts: StackFacts;
  readonly sinks: readonly ProbeSink[];
}

const one = (value: unknown): Json => (Array.isArray(value) ? (value[0] as Json) : (value as Json));

/** `${type.id.attr}` → the resource, or undefined. */
function resourceOf(json: Json, value: unknown): [string, Json] | undefined {
  const ref = typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
  if (ref === null) return undefined;
  const resource = json.resource?.[ref[1]]?.[ref[2]] as Json | undefined;
  return resource === undefined ? undefined : [ref[1], resource];
}

/** The archive's time partitions as the stacks configure them (modules/s3-archive-sink.ts, TIME_PARTITIONS). */
const TIME_PARTITIONS = 'year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/';

/** The archive's prefix before its time partitions; another layout is refused (the reader would look in the wrong place). */
function staticPrefix(stack: string, prefix: string): string {
  if (!prefix.endsWith(TIME_PARTITIONS) || prefix.slice(0, -TIME_PARTITIONS.length).includes('!{')) {
    throw new Error(`${stack}: the archive's Firehose prefix "${prefix}" is not <prefix>${TIME_PARTITIONS}: the probe cannot find its objects`);
  }
  return prefix.slice(0, -TIME_PARTITIONS.length);
}

export function probeStack(stack: string, json: Json): ProbeStack {
  const facts = stackFacts(stack, json);
  if (facts.aws === undefined) return { facts, sinks: [] };
  const sinks: ProbeSink[] = [];
  for (const [, target] of Object.entries((json.resource?.aws_cloudwatch_event_target ?? {}) as Record<string, Json>)) {
    const rule = resourceOf(json, target.rule)?.[1];
    const name = literal(json, target.rule);
    if (rule === undefined || name === undefined) throw new Error(`${stack}: a target's rule has no literal name`);
    const pattern = JSON.parse(String(rule.event_pattern)) as Record<string, unknown>;
    const deadLetterQueue = literal(json, one(target.dead_letter_config)?.arn);
    const [type, resource] = resourceOf(json, target.arn) ?? ['', {}];
    switch (type) {
      case 'aws_cloudwatch_log_group':
        sinks.push({ name, kind: 'cloudwatch_logs', pattern, logGroup: literal(json, resource.name), deadLetterQueue });
        break;
      case 'aws_kinesis_firehose_delivery_stream': {
        const s3 = one(resource.extended_s3_configuration) ?? {};
        const bucket = literal(json, resourceOf(json, s3.bucket_arn)?.[1]?.bucket);
        sinks.push({ name, kind: 's3_archive', pattern, bucket, prefix: staticPrefix(stack, String(s3.prefix ?? '')), bufferingIntervalSeconds: Number(s3.buffering_interval ?? 300), deadLetterQueue });
        break;
      }
      case 'aws_cloudwatch_event_api_destination':
        sinks.push({ name, kind: 'api_destination', pattern, apiDestination: literal(json, resource.name), endpoint: literal(json, resource.invocation_endpoint), deadLetterQueue });
        break;
      default:
        throw new Error(`${stack}: rule ${name} has a target the probe cannot read (${type || 'not a resource of the stack'})`);
    }
  }
  return { facts, sinks };
}
