import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApiDestinationSink } from './api-destination-sink';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from './okta-log-sink';

export type BrontoRegion = 'eu' | 'us';

export interface BrontoSinkProps {
  /** Name of the connection and API destination. */
  readonly name: string;
  /** Bronto region of the account: `eu` or `us`. */
  readonly region: BrontoRegion;
  /** Bronto collection (header `x-bronto-collection`). */
  readonly collection: string;
  /** Bronto dataset (header `x-bronto-dataset`). @default "Okta" */
  readonly dataset?: string;
  /** Reference to the sensitive variable holding the Bronto API key. */
  readonly apiKey: string;
  /** @default 300 */
  readonly invocationRateLimitPerSecond?: number;
  /** Console-created connection to adopt (its name). @default - a new one */
  readonly existingConnectionName?: string;
  /** Console-created API destination to adopt (its name). @default - a new one */
  readonly existingApiDestinationName?: string;
  /** Customer managed key ARN for the connection's secret (see ApiDestinationSinkProps). @default - an AWS owned key */
  readonly connectionKmsKeyArn?: string;
}

/** The base URL with no path: `/v1/logs` is Bronto's OTLP endpoint and rejects plain JSON events. */
export function brontoEndpoint(region: BrontoRegion): string {
  return `https://ingestion.${region}.bronto.io`;
}

/** Okta events to Bronto's HTTP ingestion: an API destination with Bronto's key and routing headers. */
export class BrontoSink implements OktaLogSink {
  private readonly destination: ApiDestinationSink;

  constructor(props: BrontoSinkProps) {
    if (!Token.isUnresolved(props.region) && props.region !== 'eu' && props.region !== 'us') {
      throw new Error(`BrontoSink ${props.name}: region "${String(props.region)}" must be "eu" or "us"`);
    }
    this.destination = new ApiDestinationSink({
      name: props.name,
      existingConnectionName: props.existingConnectionName,
      existingApiDestinationName: props.existingApiDestinationName,
      connectionKmsKeyArn: props.connectionKmsKeyArn,
      endpoint: brontoEndpoint(props.region),
      authorization: { type: 'API_KEY', headerName: 'x-bronto-api-key', value: props.apiKey },
      headers: {
        'x-bronto-dataset': props.dataset ?? 'Okta',
        'x-bronto-collection': props.collection,
      },
      invocationRateLimitPerSecond: props.invocationRateLimitPerSecond,
      description: `Okta System Log to Bronto (${props.region})`,
    });
  }

  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    return this.destination.bind(scope, rule);
  }
}
