import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { OktaEventBridgeLogStream, OktaEventBridgeLogStreamProps } from './okta-eventbridge-log-stream';

export interface OktaEventSourceProps extends OktaEventBridgeLogStreamProps {
  /**
   * Seconds to wait, after Okta accepted the stream, before creating the partner bus: Okta creates
   * the AWS partner event source asynchronously, and a bus created too early fails with
   * ResourceNotFoundException.
   * @default 60
   */
  readonly waitForPartnerSourceSeconds?: number;
  /** Adopt the partner bus that already exists (console setup) with an `import` block. @default false */
  readonly adoptExistingBus?: boolean;
  /** Customer managed key ARN for the bus's events; its policy must let EventBridge use it. @default - an AWS owned key */
  readonly kmsKeyArn?: string;
  /** Dead-letter queue for events the bus cannot process (a key failure). @default - none */
  readonly deadLetterQueueArn?: string;
  /**
   * The dead-letter queue's policy: the bus waits for it, as the targets wait for theirs, so no
   * dead letter is refused in the first moments. @default - none
   */
  readonly deadLetterQueuePolicy?: ITerraformDependable;
  /** What EventBridge logs about the bus (its delivery is BusLogging). @default - nothing */
  readonly logConfig?: { readonly level: string; readonly includeDetail: boolean };
}

/**
 * The Okta side and the AWS landing of a stream: the `aws_eventbridge` log stream, a wait for Okta's
 * asynchronous partner event source, and the partner event bus associated with that source. Both
 * stream and bus are protected from destruction unless `preventDestroy` is false.
 */
export class OktaEventSource extends Construct {
  readonly logStream: OktaEventBridgeLogStream;
  readonly wait: Sleep;
  readonly eventBus: CloudwatchEventBus;

  constructor(scope: Construct, id: string, props: OktaEventSourceProps) {
    super(scope, id);
    const waitSeconds = props.waitForPartnerSourceSeconds ?? 60;
    if (!Token.isUnresolved(waitSeconds) && (!Number.isInteger(waitSeconds) || waitSeconds < 1)) {
      throw new Error(`OktaEventSource: waitForPartnerSourceSeconds must be a whole number of at least 1, got ${waitSeconds}`);
    }

    this.logStream = new OktaEventBridgeLogStream(this, 'LogStream', props);
    this.wait = new Sleep(this, 'WaitForPartnerSource', {
      createDuration: `${waitSeconds}s`,
      // A replaced stream is a new partner source: wait again.
      triggers: { stream_id: this.logStream.stream.id },
    });
    const name = this.logStream.partnerEventSourceName;
    this.eventBus = new CloudwatchEventBus(this, 'PartnerEventBus', {
      // Both must be the partner source name; without event_source_name AWS answers
      // "EventBus name starting with 'aws.' is not valid".
      name,
      eventSourceName: name,
      description: `Okta System Log events from ${name}`,
      kmsKeyIdentifier: props.kmsKeyArn,
      ...(props.deadLetterQueueArn === undefined ? {} : { deadLetterConfig: { arn: props.deadLetterQueueArn } }),
      ...(props.logConfig === undefined ? {} : { logConfig: { level: props.logConfig.level, includeDetail: props.logConfig.includeDetail ? 'FULL' : 'NONE' } }),
      dependsOn: [this.logStream.stream, this.wait, ...(props.deadLetterQueuePolicy === undefined ? [] : [props.deadLetterQueuePolicy])],
      // The AWS provider never reads event_source_name back: without this an imported bus plans a
      // replacement. Renaming the source renames the bus, which replaces it anyway.
      lifecycle: { ignoreChanges: ['event_source_name'], preventDestroy: props.preventDestroy ?? true },
    });
    if (props.adoptExistingBus === true) this.eventBus.importFrom(name);
  }

  /** Name of the partner event bus (a reference, so dependents wait for the bus). */
  get eventBusName(): string {
    return this.eventBus.name;
  }

  get eventBusArn(): string {
    return this.eventBus.arn;
  }
}
