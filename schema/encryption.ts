import { z } from 'zod';
import { AWS_MANAGED_ALIAS_PATTERN, KMS_KEY_OR_ALIAS_ARN_PATTERN } from './delivery';
import { strictObject } from './rules';

/** What `encryption.kms_key` takes besides a key or alias ARN. */
export const KMS_KEY_CHOICES = ['create', 'aws_owned'] as const;

const kmsKey = z
  .string({ error: 'must be a string' })
  .superRefine((value, ctx) => {
    if ((KMS_KEY_CHOICES as readonly string[]).includes(value)) return;
    if (!KMS_KEY_OR_ALIAS_ARN_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be "create", "aws_owned", or a KMS key or alias ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:alias/okta-logs"' });
    } else if (AWS_MANAGED_ALIAS_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'is an AWS managed key (alias/aws/…), whose key policy cannot let EventBridge, CloudWatch or Firehose use it: give a customer managed key or "create"' });
    }
  })
  .describe(
    '"create": one customer managed key per stack (rotation on, alias alias/okta-log-streaming/<stack>, a key policy granting each service exactly what it needs). ' +
      'A key or alias ARN: your key (the stack outputs the key policy statements it needs). "aws_owned": each service\'s own default encryption.',
  );

/**
 * The customer managed key a stack's stores of Okta events and secrets are encrypted with: partner
 * bus (and its dead-letter queue), archive, connections, dead-letter queues, log groups, Firehose
 * and S3, alarm topic. A KMS setting of one resource (a sink's kms_key_arn …) wins over it.
 */
export const encryptionSchema = strictObject({ kms_key: kmsKey.default('aws_owned') }).describe(
  'Customer managed encryption of everything a stack keeps Okta events or secrets in. Default: each service\'s own encryption.',
);

export type EncryptionConfig = z.output<typeof encryptionSchema>;

/** The key a stack uses: made by the stack, given by ARN, or none (each service's default). */
export type StackKmsKey = { readonly kind: 'create' } | { readonly kind: 'given'; readonly arn: string } | { readonly kind: 'aws_owned' };

export function stackKmsKey(kmsKey: string): StackKmsKey {
  if (kmsKey === 'create') return { kind: 'create' };
  if (kmsKey === 'aws_owned') return { kind: 'aws_owned' };
  return { kind: 'given', arn: kmsKey };
}
