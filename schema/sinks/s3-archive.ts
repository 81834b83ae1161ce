import { z } from 'zod';
import { ruleAdoptSchema } from '../adopt';
import { S3_BUCKET_PATTERN } from '../backend';
import { deliverySchema, kmsKeyArn } from '../delivery';
import { filterSchema } from '../filter';
import { body, integerInRange, strictObject } from '../rules';
import { eventBridgeSink } from './sink';

/**
 * S3 requires a Content-MD5 or x-amz-checksum header on every PutObject into a bucket whose objects
 * get an Object Lock retention (S3 API Reference, PutObject: "The Content-MD5 or
 * x-amz-sdk-checksum-algorithm header is required for any request to upload an object with a
 * retention period configured using Amazon S3 Object Lock"), and Firehose's documentation does not
 * say it sends one: the archive could fail to receive anything. Refused until that is verified.
 */
export const OBJECT_LOCK_REFUSED =
  'Firehose delivery into an Object Lock bucket is not verified (S3 requires a Content-MD5 or checksum header on every upload under a retention period, and Firehose does not document sending one): the archive could stay empty. Remove object_lock; lock the bucket by other means (e.g. S3 Batch Operations) if you must';

export const s3ArchiveSinkShape = {
  type: z.literal('s3_archive'),
  bucket_name: z
    .string({ error: 'must be a string' })
    .regex(S3_BUCKET_PATTERN, { error: 'must be an S3 bucket name: 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit' })
    .describe('Bucket the archive is written to (created by the stack; globally unique).'),
  prefix: z
    .string({ error: 'must be a string' })
    .regex(/^([A-Za-z0-9!_.*'()-]+\/)+$/, { error: 'must be S3 key segments each followed by "/", e.g. "okta/"' })
    .default('okta/')
    .describe('Key prefix; objects land under <prefix>year=YYYY/month=MM/day=DD/hour=HH/. Default "okta/".'),
  buffering_interval_seconds: integerInRange(0, 900, 'Seconds Firehose buffers before writing an object, 0-900. Default 300.').default(300),
  buffering_size_mb: integerInRange(1, 128, 'MiB Firehose buffers before writing an object, 1-128. Default 64.').default(64),
  transition_to_glacier_days: integerInRange(1, 36500, 'Days after which objects move to S3 Glacier Flexible Retrieval. Default: never.').optional(),
  expiration_days: integerInRange(1, 36500, 'Days after which objects are deleted (e.g. 2557 for 7 years). Default: kept.').optional(),
  object_lock: strictObject({
    mode: z.enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be GOVERNANCE or COMPLIANCE' }).describe('Refused (see object_lock).'),
    retention_days: integerInRange(1, 36500, 'Days every new object is write-once.'),
  })
    .optional()
    .superRefine((lock, ctx) => {
      if (lock !== undefined) ctx.addIssue({ code: 'custom', message: OBJECT_LOCK_REFUSED });
    })
    .describe(`Not offered: ${OBJECT_LOCK_REFUSED}`),
  kms_key_arn: kmsKeyArn('KMS key for the bucket; its policy must let the Firehose role use it. Default: the stack\'s key (encryption.kms_key), else SSE-S3.').optional(),
  body: body('envelope'),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: ruleAdoptSchema,
};

/** Cross-field rules of an s3_archive sink, for the single-sink and the fan-out shape alike. */
export function checkS3Archive(sink: { readonly transition_to_glacier_days?: number; readonly expiration_days?: number }, ctx: z.RefinementCtx): void {
  if (sink.transition_to_glacier_days !== undefined && sink.expiration_days !== undefined && sink.expiration_days <= sink.transition_to_glacier_days) {
    ctx.addIssue({ code: 'custom', path: ['expiration_days'], message: `got ${sink.expiration_days}; must be greater than transition_to_glacier_days (${sink.transition_to_glacier_days}), as S3 requires` });
  }
}

export const s3ArchiveSink = eventBridgeSink({
  shape: s3ArchiveSinkShape,
  description: 'S3 archive: rule → Firehose → S3, GZIP JSON lines in Athena-ready time partitions.',
  refine: checkS3Archive,
  page: 's3-archive.md',
  example: { type: 's3_archive', bucket_name: 'acme-okta-archive' },
});

export const s3ArchiveSinkSchema = s3ArchiveSink.schema;

export type S3ArchiveSinkConfig = z.output<typeof s3ArchiveSinkSchema>;
