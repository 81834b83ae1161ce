import { z } from 'zod';
import { RETRY_LIMITS } from '../modules/okta-rule-target';
import { integerInRange, strictObject } from './rules';

const { maximumEventAgeSeconds: age, maximumRetryAttempts: attempts } = RETRY_LIMITS;

export const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * A key or alias ARN, for the services that resolve aliases themselves (SQS CreateQueue and SNS
 * CreateTopic `KmsMasterKeyId`: "a custom CMK … alias/MyAlias; see KeyId in the AWS KMS API
 * Reference", which takes key and alias ARNs). AWS managed keys (alias/aws/…) are refused: their key
 * policies cannot be changed to let EventBridge or CloudWatch use them.
 */
export const KMS_KEY_OR_ALIAS_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;
export const AWS_MANAGED_ALIAS_PATTERN = /:alias\/aws\//;

export function kmsKeyOrAliasArn(description: string) {
  return z
    .string({ error: 'must be a string' })
    .regex(KMS_KEY_OR_ALIAS_ARN_PATTERN, { error: 'must be a KMS key or alias ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:key/…" or "…:alias/okta-logs"' })
    .refine((arn) => !AWS_MANAGED_ALIAS_PATTERN.test(arn), { error: 'is an AWS managed key (alias/aws/…), whose key policy cannot let the service use it: give a customer managed key' })
    .describe(description);
}

export function kmsKeyArn(description: string) {
  return z
    .string({ error: 'must be a string' })
    .regex(KMS_KEY_ARN_PATTERN, { error: 'must be a KMS key ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:key/…"' })
    .describe(description);
}

/** How EventBridge retries a sink's target, and where what it cannot deliver goes. */
export const deliveryShape = {
  maximum_event_age_seconds: integerInRange(
    age.min,
    age.max,
    `How long EventBridge retries an event, ${age.min}-${age.max} s (the API rejects less than ${age.min}). Default ${age.default} (24 h).`,
  ).default(age.default),
  maximum_retry_attempts: integerInRange(
    attempts.min,
    attempts.max,
    `How often EventBridge retries an event, ${attempts.min}-${attempts.max}. Default ${attempts.default}.`,
  ).default(attempts.default),
  dead_letter_queue_kms_key_arn: kmsKeyOrAliasArn(
    'KMS key (or alias) ARN for the dead-letter queue; its key policy must let events.amazonaws.com use it. Default: the stack\'s key (encryption.kms_key), else SQS-managed encryption.',
  ).optional(),
};

export const deliverySchema = strictObject(deliveryShape)
  .default({ maximum_event_age_seconds: age.default, maximum_retry_attempts: attempts.default })
  .describe('Retries and dead-letter queue of this sink\'s target. Defaults: 24 h, 185 attempts, an SQS-encrypted DLQ.');

export type DeliveryConfig = z.output<typeof deliverySchema>;
