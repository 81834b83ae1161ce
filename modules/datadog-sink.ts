import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApiDestinationSink } from './api-destination-sink';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from './okta-log-sink';

/** Datadog sites with an HTTP log intake. */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
  'uk1.datadoghq.com',
] as const;

export type DatadogSite = (typeof DATADOG_SITES)[number];

export interface DatadogSinkProps {
  /** Name of the connection and API destination. */
  readonly name: string;
  /** Datadog site of the account, e.g. `datadoghq.eu`. */
  readonly site: DatadogSite;
  /** Reference to the sensitive variable holding the Datadog API key. */
  readonly apiKey: string;
  /** `service` query parameter. @default - none */
  readonly service?: string;
  /** `ddtags` query parameter: comma-separated `key:value` tags. @default - none */
  readonly tags?: readonly string[];
  /**
   * What is sent: the Okta LogEvent (`detail`), which Datadog's Okta pipeline parses, or the whole
   * EventBridge envelope.
   * @default "okta_event"
   */
  readonly body?: 'okta_event' | 'envelope';
  /** @default 300 */
  readonly invocationRateLimitPerSecond?: number;
  /** Console-created connection to adopt (its name). @default - a new one */
  readonly existingConnectionName?: string;
  /** Console-created API destination to adopt (its name). @default - a new one */
  readonly existingApiDestinationName?: string;
  /** Customer managed key ARN for the connection's secret (see ApiDestinationSinkProps). @default - an AWS owned key */
  readonly connectionKmsKeyArn?: string;
}

export function datadogEndpoint(site: DatadogSite): string {
  return `https://http-intake.logs.${site}/api/v2/logs`;
}

/**
 * `ddsource=okta`, `service` and `ddtags`. References (module inputs, null or empty when unset) are
 * left to Terraform, which adds the parameter only when there is a value, as here.
 */
export function datadogQuery(service: string | undefined, tags: readonly string[] | undefined): Record<string, string> {
  if (!Token.isUnresolved(service) && !Token.isUnresolved(tags)) {
    const query: Record<string, string> = { ddsource: 'okta' };
    if (service !== undefined) query.service = service;
    if (tags !== undefined && tags.length > 0) query.ddtags = tags.join(',');
    return query;
  }
  const serviceParameter = service === undefined ? {} : Fn.conditional(Op.eq(service, Token.nullValue()), {}, { service });
  const tagsParameter = tags === undefined ? {} : Fn.conditional(Op.gte(Fn.lengthOf(tags), 1), { ddtags: Fn.join(',', tags as string[]) }, {});
  return Token.asStringMap(Fn.merge([{ ddsource: 'okta' }, serviceParameter, tagsParameter]));
}

/** Okta events to Datadog's log intake, tagged `ddsource=okta` so Datadog's Okta integration parses them. */
export class DatadogSink implements OktaLogSink {
  private readonly destination: ApiDestinationSink;

  constructor(props: DatadogSinkProps) {
    if (!Token.isUnresolved(props.site) && !(DATADOG_SITES as readonly string[]).includes(props.site)) {
      throw new Error(`DatadogSink ${props.name}: site "${props.site}" must be one of ${DATADOG_SITES.join(', ')}`);
    }
    const query = datadogQuery(props.service, props.tags);
    this.destination = new ApiDestinationSink({
      name: props.name,
      existingConnectionName: props.existingConnectionName,
      existingApiDestinationName: props.existingApiDestinationName,
      connectionKmsKeyArn: props.connectionKmsKeyArn,
      endpoint: datadogEndpoint(props.site),
      authorization: { type: 'API_KEY', headerName: 'DD-API-KEY', value: props.apiKey },
      queryStringParameters: query,
      body: props.body ?? 'okta_event',
      invocationRateLimitPerSecond: props.invocationRateLimitPerSecond,
      description: `Okta System Log to Datadog (${props.site})`,
    });
  }

  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    return this.destination.bind(scope, rule);
  }
}
