import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';
import { mayBeNull } from './optional-reference';

/** SQS keeps messages at most 14 days: the longest window to notice and redrive. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

export interface DeadLetterQueueProps {
  /** Queue name: 1-80 of letters, digits, "-", "_" (a standard queue: EventBridge cannot use FIFO). */
  readonly queueName: string;
  /** ARN of the one rule (`rule/<bus>/<rule>`) or event bus whose dead letters land here. */
  readonly sourceArn: string;
  /** KMS key to encrypt with; its key policy must let events.amazonaws.com use it. @default - SQS-managed SSE */
  readonly kmsKeyArn?: string;
}

/**
 * Where EventBridge puts the events a target (or a bus) could not deliver: a standard queue in the
 * bus's region, encrypted, keeping messages 14 days, that only EventBridge, for one rule or bus, may
 * send to.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: SqsQueue;
  readonly policy: SqsQueuePolicy;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, 'Queue', {
      name: props.queueName,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      ...encryption(props.kmsKeyArn),
    });
    this.policy = new SqsQueuePolicy(this, 'Policy', {
      queueUrl: this.queue.url,
      policy: policyDocument({
        Sid: 'EventBridgeDeadLetters',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['sqs:SendMessage'],
        Resource: [this.queue.arn],
        Condition: { ArnEquals: { 'aws:SourceArn': props.sourceArn } },
      }),
    });
  }
}

/** SQS-managed SSE unless a key is given; an optional input (maybe null) is decided by Terraform. */
function encryption(kmsKeyArn: string | undefined): { sqsManagedSseEnabled?: boolean; kmsMasterKeyId?: string } {
  if (kmsKeyArn === undefined) return { sqsManagedSseEnabled: true };
  if (!mayBeNull(kmsKeyArn)) return { kmsMasterKeyId: kmsKeyArn };
  // The two settings conflict: exactly one of them may be non-null.
  return { kmsMasterKeyId: kmsKeyArn, sqsManagedSseEnabled: Fn.conditional(Op.eq(kmsKeyArn, Token.nullValue()), true, Token.nullValue()) as boolean };
}
