import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export interface OktaEventArchiveProps {
  /** Archive name: 1-48 of letters, digits, ".", "-", "_". */
  readonly archiveName: string;
  /** ARN of the partner event bus to archive. */
  readonly eventBusArn: string;
  /** Days EventBridge keeps archived events; 0 keeps them forever. @default 30 */
  readonly retentionDays?: number;
  /** Customer managed key ARN; its policy must let EventBridge use it. @default - an AWS owned key */
  readonly kmsKeyArn?: string;
}

/**
 * Every event of the partner bus, kept for replay. Okta has no replay of its own: this archive is the
 * way to re-deliver a window of events to a rule after a sink failed.
 */
export class OktaEventArchive extends Construct {
  readonly archive: CloudwatchEventArchive;

  constructor(scope: Construct, id: string, props: OktaEventArchiveProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 30;
    if (!Token.isUnresolved(retentionDays) && (!Number.isInteger(retentionDays) || retentionDays < 0)) {
      throw new Error(`OktaEventArchive: retentionDays must be a whole number of days, 0 for forever; got ${retentionDays}`);
    }
    this.archive = new CloudwatchEventArchive(this, 'Archive', {
      name: props.archiveName,
      eventSourceArn: props.eventBusArn,
      retentionDays,
      kmsKeyIdentifier: props.kmsKeyArn,
      description: 'Okta System Log events of the partner bus, for replay',
    });
  }
}
