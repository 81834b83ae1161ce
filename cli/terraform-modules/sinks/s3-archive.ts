/** The s3-archive module: the S3 archive sink (stacks/s3-archive-stack.ts) with its inputs. */
import { z } from 'zod';
import { optionalReference } from '../../../modules/optional-reference';
import { s3ArchiveSinkShape } from '../../../schema/sinks/s3-archive';
import { s3ArchiveSink } from '../../../stacks/s3-archive-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

export const s3ArchiveModule = sinkModule({
  name: 's3-archive',
  title: 'S3 archive sink',
  description:
    'Okta events kept for as long as audits need: rule → Firehose → a locked-down S3 bucket (versioned, TLS only, public access blocked, ' +
    'prevent_destroy), GZIP JSON lines in Athena-ready time partitions, optional Glacier transition, expiry and KMS key.',
  id: 'S3Archive',
  factory: s3ArchiveSink,
  config: (stack) => {
    const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
    const shape = s3ArchiveSinkShape;
    return {
      type: 's3_archive' as const,
      // S3_BUCKET_PATTERN's lookarounds as RE2 can run them.
      bucket_name: v('bucket_name', {
        field: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be an S3 bucket name: 3-63 lowercase letters, digits, "." and "-", beginning and ending with a letter or digit' })
          .describe(shape.bucket_name.description ?? ''),
        refinements: [
          { test: '!startswith(value, "xn--")', allowed: 'must not start with "xn--"' },
          { test: '!strcontains(value, "..")', allowed: 'must not contain ".."' },
          { test: '!can(regex("^[0-9]+\\\\.[0-9]+\\\\.[0-9]+\\\\.[0-9]+$", value))', allowed: 'must not be an IP address' },
        ],
      }).stringValue,
      prefix: v('prefix', { field: shape.prefix }).stringValue,
      buffering_interval_seconds: v('buffering_interval_seconds', { field: shape.buffering_interval_seconds }).numberValue,
      buffering_size_mb: v('buffering_size_mb', { field: shape.buffering_size_mb }).numberValue,
      transition_to_glacier_days: v('transition_to_glacier_days', { field: shape.transition_to_glacier_days, default: null }).numberValue,
      expiration_days: v('expiration_days', {
        field: shape.expiration_days,
        default: null,
        // Variable validations may read other inputs (Terraform >= 1.9; the modules require 1.10).
        // `||` does not short-circuit in Terraform: a null other input is tested with `? :`.
        refinements: [
          { test: 'var.transition_to_glacier_days == null ? true : value > var.transition_to_glacier_days', allowed: 'must be greater than transition_to_glacier_days, as S3 requires' },
        ],
      }).numberValue,
      kms_key_arn: optionalReference(v('kms_key_arn', { field: shape.kms_key_arn, default: null }).stringValue),
      body: v('body', { field: shape.body }).stringValue as 'envelope',
    };
  },
  exampleInputs: {
    bucket_name: 'acme-okta-archive',
    transition_to_glacier_days: 90,
    expiration_days: 2557,
    // A customer managed key for the archive (its policy must let the Firehose role use it) and one, by alias, for the DLQ.
    kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    dead_letter_queue_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs',
  },
  exampleSecrets: [],
});
