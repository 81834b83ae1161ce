import { z } from 'zod';
import { ruleAdoptSchema } from '../adopt';
import { S3_BUCKET_PATTERN } from '../backend';
import { deliverySchema, kmsKeyArn } from '../delivery';
import { filterSchema } from '../filter';
import { body, integerInRange, strictObject } from '../rules';

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
    mode: z.enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be GOVERNANCE or COMPLIANCE' }).describe('COMPLIANCE: no one can delete early, not even root.'),
    retention_days: integerInRange(1, 36500, 'Days every new object is write-once.'),
  })
    .optional()
    .describe('Write-once retention (object lock); can only be set when the bucket is created. Default: none.'),
  kms_key_arn: kmsKeyArn('KMS key for the bucket; its policy must let the Firehose role use it. Default: SSE-S3.').optional(),
  body: body('envelope'),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: ruleAdoptSchema,
};

export const s3ArchiveSinkSchema = strictObject(s3ArchiveSinkShape)
  .superRefine((sink, ctx) => {
    if (sink.transition_to_glacier_days !== undefined && sink.expiration_days !== undefined && sink.expiration_days <= sink.transition_to_glacier_days) {
      ctx.addIssue({ code: 'custom', path: ['expiration_days'], message: `got ${sink.expiration_days}; must be greater than transition_to_glacier_days (${sink.transition_to_glacier_days}), as S3 requires` });
    }
    if (sink.object_lock !== undefined && sink.expiration_days !== undefined && sink.expiration_days < sink.object_lock.retention_days) {
      ctx.addIssue({ code: 'custom', path: ['expiration_days'], message: `got ${sink.expiration_days}; objects are locked for ${sink.object_lock.retention_days} days, so they cannot expire sooner` });
    }
  })
  .describe('S3 archive: rule → Firehose → S3, GZIP JSON lines in Athena-ready time partitions.');

export type S3ArchiveSinkConfig = z.output<typeof s3ArchiveSinkSchema>;
