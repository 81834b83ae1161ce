import { LogStream } from '@cdktf/provider-okta/lib/log-stream';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export const SPLUNK_EDITIONS = ['aws', 'aws_govcloud', 'gcp'] as const;
export type SplunkEdition = (typeof SPLUNK_EDITIONS)[number];

/**
 * What both the okta provider (4.20.0 to 6.12.0: `\.splunkcloud(\.gc\.com|\.fed\.com|\.com|\.mil)$`) and
 * Okta's API (`\.splunkcloud(gc|fed)?\.com$`) accept for `settings.host`: `<stack>.splunkcloud.com`, no
 * scheme. No US government host passes both (design.md §3).
 */
export const SPLUNK_HOST_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*\.splunkcloud\.com$/;

/** US government hosts as Okta's API accepts them; the provider refuses these. */
export const SPLUNK_GOV_HOST_OKTA = /^[a-z0-9]+(-[a-z0-9]+)*\.splunkcloud(gc|fed)\.com$/;
/** US government hosts as the okta provider accepts them; Okta's API refuses these. */
export const SPLUNK_GOV_HOST_PROVIDER = /^[a-z0-9]+(-[a-z0-9]+)*\.splunkcloud\.(gc\.com|fed\.com|mil)$/;

/** What the okta provider (4.20.0 to 6.x) accepts for the HEC token (case-insensitive). */
export const SPLUNK_TOKEN_PATTERN = '(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

export interface OktaSplunkLogStreamProps {
  /** Name of the log stream in Okta; unique per org. */
  readonly streamName: string;
  /** Splunk Cloud host, without scheme, e.g. `acme.splunkcloud.com`. */
  readonly host: string;
  readonly edition: SplunkEdition;
  /** Reference to the sensitive variable holding the HEC token (a UUID). Write-once. */
  readonly token: string;
  /** Refuse to destroy or replace the stream in a plan. @default true */
  readonly preventDestroy?: boolean;
  /** Id of a stream created in the console to adopt with an `import` block. @default - a new stream */
  readonly existingStreamId?: string;
}

/** Okta events straight to Splunk Cloud's HTTP Event Collector: Okta side only, no AWS resources. */
export class OktaSplunkLogStream extends Construct {
  readonly stream: LogStream;

  constructor(scope: Construct, id: string, props: OktaSplunkLogStreamProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.host) && !SPLUNK_HOST_PATTERN.test(props.host)) {
      throw new Error(`OktaSplunkLogStream: host "${props.host}" must be a Splunk Cloud host without scheme, e.g. acme.splunkcloud.com`);
    }
    if (!Token.isUnresolved(props.edition) && !(SPLUNK_EDITIONS as readonly string[]).includes(props.edition)) {
      throw new Error(`OktaSplunkLogStream: edition "${props.edition}" must be one of ${SPLUNK_EDITIONS.join(', ')}`);
    }
    if (!Token.isUnresolved(props.token)) {
      throw new Error('OktaSplunkLogStream: the HEC token is a literal; pass a reference to a sensitive Terraform variable');
    }
    this.stream = new LogStream(this, 'Stream', {
      name: props.streamName,
      type: 'splunk_cloud_logstreaming',
      // See OktaEventBridgeLogStream: required in practice, and the cure for a deactivated stream.
      status: 'ACTIVE',
      settings: { host: props.host, edition: props.edition, token: props.token },
      // Host and edition are read back (okta >= 6.6.0), so they show drift. The HEC token is
      // write-only: Okta never returns it, an import leaves it null, and a change to it forces a
      // replacement (RequiresReplace; okta/services/idaas/resource_okta_log_stream.go). So an adopted
      // stream ignores the token alone; updates do not send it (LogStreamSettingsSplunkPut has none).
      lifecycle: { preventDestroy: props.preventDestroy ?? true, ...(props.existingStreamId === undefined ? {} : { ignoreChanges: ['settings.token'] }) },
    });
    if (props.existingStreamId !== undefined) this.stream.importFrom(props.existingStreamId);
  }
}
