import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventBridgeLogStream } from './okta-eventbridge-log-stream';

/** Oort's AWS accounts that receive Okta streams, by environment. */
export const OORT_ACCOUNTS = { production: '988897525199', staging: '909617834444' } as const;
/** Oort receives Okta streams in this region only. */
export const OORT_REGION = 'us-east-2';

export type OortEnvironment = keyof typeof OORT_ACCOUNTS;

export interface OortLogStreamProps {
  /** Okta org name; it only names the partner source in Oort's account (`logStream.partnerEventSourceName`). @default "okta" */
  readonly orgName?: string;
  /** Name of the log stream in Okta. */
  readonly streamName: string;
  /** The Oort Okta integration id: Oort expects it as the event source name. */
  readonly integrationId: string;
  /** @default "production" */
  readonly environment?: OortEnvironment;
  /** Refuse to destroy or replace the stream in a plan. @default true */
  readonly preventDestroy?: boolean;
  /** Id of a stream created in the console to adopt with an `import` block. @default - a new stream */
  readonly existingStreamId?: string;
}

/**
 * Okta events to Oort: an `aws_eventbridge` stream into Oort's own AWS account. Nothing is created in
 * the user's AWS account.
 */
export class OortLogStream extends Construct {
  readonly logStream: OktaEventBridgeLogStream;

  constructor(scope: Construct, id: string, props: OortLogStreamProps) {
    super(scope, id);
    const environment = props.environment ?? 'production';
    // A reference (a module input) is looked up by Terraform; a literal here.
    const accountId = Token.isUnresolved(environment) ? (Fn.lookup(OORT_ACCOUNTS, environment) as string) : OORT_ACCOUNTS[environment];
    if (accountId === undefined) {
      throw new Error(`OortLogStream: environment "${environment}" must be one of ${Object.keys(OORT_ACCOUNTS).join(', ')}`);
    }
    this.logStream = new OktaEventBridgeLogStream(this, 'LogStream', {
      orgName: props.orgName ?? 'okta',
      streamName: props.streamName,
      eventSourceName: props.integrationId,
      accountId,
      region: OORT_REGION,
      preventDestroy: props.preventDestroy,
      existingStreamId: props.existingStreamId,
    });
  }
}
