import { LogStream } from '@cdktf/provider-okta/lib/log-stream';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AWS_ACCOUNT_ID_PATTERN, EVENT_SOURCE_NAME_PATTERN, OKTA_STREAM_REGIONS, partnerEventSourceName } from './facts';

export interface OktaEventBridgeLogStreamProps {
  /** Okta org name (the subdomain of <org>.okta.com): Okta puts it in the partner event source name. */
  readonly orgName: string;
  /** Name of the log stream in Okta; unique per org. */
  readonly streamName: string;
  /** Event source name, `[A-Za-z0-9._]{1,75}` (the okta provider rejects `-`); unique per org. Write-once. */
  readonly eventSourceName: string;
  /** AWS account (12 digits) that receives the partner event source. Write-once. */
  readonly accountId: string;
  /** AWS region of the partner event source; one of the regions Okta streams to. Write-once. */
  readonly region: string;
  /**
   * Refuse to destroy (or replace) the stream in a plan, so a refactor cannot silently tear the
   * pipeline down. Set false to change a write-once setting or remove the stream.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Id of a stream created outside Terraform (the console) to adopt with an `import` block. The
   * okta provider (>= 6.6.0) reads the stream's settings on import, so the first plan shows any
   * difference: account, region or event source name differing from these is a replacement.
   * @default - a new stream
   */
  readonly existingStreamId?: string;
}

/**
 * An Okta log stream of type `aws_eventbridge`: Okta creates the partner event source
 * `aws.partner/okta.com/<org>/<event source name>` in the given account and region.
 */
export class OktaEventBridgeLogStream extends Construct {
  readonly stream: LogStream;
  /** `aws.partner/okta.com/<org>/<event source name>`: the name of the source and of its partner bus. */
  readonly partnerEventSourceName: string;

  constructor(scope: Construct, id: string, props: OktaEventBridgeLogStreamProps) {
    super(scope, id);
    checkLiteral(props.eventSourceName, EVENT_SOURCE_NAME_PATTERN.test(props.eventSourceName), 'eventSourceName',
      'must match [A-Za-z0-9._]{1,75} (the okta provider rejects "-": use "_")');
    checkLiteral(props.accountId, AWS_ACCOUNT_ID_PATTERN.test(props.accountId), 'accountId', 'must be 12 digits');
    checkLiteral(props.region, (OKTA_STREAM_REGIONS as readonly string[]).includes(props.region), 'region',
      `must be a region Okta streams to: ${OKTA_STREAM_REGIONS.join(', ')}`);

    this.partnerEventSourceName = partnerEventSourceName(props.orgName, props.eventSourceName);
    this.stream = new LogStream(this, 'Stream', {
      name: props.streamName,
      type: 'aws_eventbridge',
      // Optional but not computed in the provider: without it apply fails with "inconsistent result".
      // Set, it also makes a stream Okta deactivated show up as drift that apply re-activates.
      status: 'ACTIVE',
      settings: {
        accountId: props.accountId,
        region: props.region,
        eventSourceName: props.eventSourceName,
      },
      // No ignore_changes on settings: okta >= 6.6.0 reads them back on refresh and import
      // (okta/services/idaas/resource_okta_log_stream.go, applyLogStreamToState), so drift shows and
      // an adopted stream's updates send its real write-once values.
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    if (props.existingStreamId !== undefined) this.stream.importFrom(props.existingStreamId);
  }
}

function checkLiteral(value: string, valid: boolean, prop: string, allowed: string): void {
  if (!Token.isUnresolved(value) && !valid) {
    throw new Error(`OktaEventBridgeLogStream: ${prop} "${value}" ${allowed}`);
  }
}
