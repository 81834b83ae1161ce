import { z } from 'zod';
import { RETRY_LIMITS } from '../modules/okta-rule-target';
import { integerInRange, strictObject } from './rules';

const { maximumEventAgeSeconds: age, maximumRetryAttempts: attempts } = RETRY_LIMITS;

export const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

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
  dead_letter_queue_kms_key_arn: kmsKeyArn(
    'KMS key for the dead-letter queue; its key policy must let events.amazonaws.com use it. Default: SQS-managed encryption.',
  ).optional(),
};

export const deliverySchema = strictObject(deliveryShape)
  .default({ maximum_event_age_seconds: age.default, maximum_retry_attempts: attempts.default })
  .describe('Retries and dead-letter queue of this sink\'s target. Defaults: 24 h, 185 attempts, an SQS-encrypted DLQ.');

export type DeliveryConfig = z.output<typeof deliverySchema>;
