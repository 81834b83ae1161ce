import { Construct } from 'constructs';
import { ApiDestinationSink } from './api-destination-sink';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, SinkTargetConfig } from './okta-log-sink';

export const SLASHID_ENDPOINT = 'https://api.slashid.com/nhi/events';

export interface SlashIdSinkProps {
  /** Name of the connection and API destination. */
  readonly name: string;
  /** Reference to the sensitive variable holding the SlashID API token (without "Bearer "). */
  readonly token: string;
  /** What is sent. @default "envelope" */
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

/** Okta events to SlashID's identity-threat intake: `Authorization: Bearer <token>` on the connection. */
export class SlashIdSink implements OktaLogSink {
  private readonly destination: ApiDestinationSink;

  constructor(props: SlashIdSinkProps) {
    this.destination = new ApiDestinationSink({
      name: props.name,
      existingConnectionName: props.existingConnectionName,
      existingApiDestinationName: props.existingApiDestinationName,
      connectionKmsKeyArn: props.connectionKmsKeyArn,
      endpoint: SLASHID_ENDPOINT,
      // An API-key connection whose key is the Authorization header: EventBridge sends the value as is.
      authorization: { type: 'API_KEY', headerName: 'Authorization', value: `Bearer ${props.token}` },
      body: props.body ?? 'envelope',
      invocationRateLimitPerSecond: props.invocationRateLimitPerSecond,
      description: 'Okta System Log to SlashID',
    });
  }

  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    return this.destination.bind(scope, rule);
  }
}
