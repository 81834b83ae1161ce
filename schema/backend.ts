import { z } from 'zod';
import { integerInRange, strictObject } from './rules';

export const S3_BUCKET_PATTERN = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const s3BackendSchema = strictObject({
    type: z.literal('s3'),
    bucket: z
      .string({ error: 'must be a string: the S3 bucket that holds Terraform state' })
      .regex(S3_BUCKET_PATTERN, {
        error: 'must be an S3 bucket name: 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit',
      })
      .describe('S3 bucket that holds the Terraform state (versioned and encrypted; see the bootstrap stack).'),
    region: z
      .string({ error: 'must be a string' })
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region, e.g. "eu-west-1"' })
      .optional()
      .describe('Region of the state bucket, the same for every stack (and the bootstrapped bucket). Default: the top-level aws.region, whatever region a stack streams to.'),
    key_prefix: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/, {
        error: 'must be S3 key segments separated by "/", without leading or trailing "/", e.g. "okta-log-streaming/prod"',
      })
      .default('okta-log-streaming')
      .describe('State key prefix: each stack stores its state at <key_prefix>/<stack name>.tfstate. Default "okta-log-streaming".'),
    kms_key_id: z
      .string({ error: 'must be a string' })
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, {
        error: 'must be a KMS key or alias ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:key/…"',
      })
      .optional()
      .describe('KMS key ARN to encrypt the state with. Default: the bucket\'s default encryption.'),
    bootstrap: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .describe('Also synthesize the okta-log-streaming-state stack (local state) that creates this bucket: versioned, encrypted, public access blocked, TLS only, old versions expired. Default false.'),
    noncurrent_version_expiration_days: integerInRange(1, 3650, 'Days the bootstrap bucket keeps replaced state versions. Default 90.').default(90),
  })
  .describe('Remote state in S3, encrypted, with native S3 locking (use_lockfile).');

export const localBackendSchema = strictObject({
    type: z.literal('local'),
    directory: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9._/-]+$/, { error: 'must be a relative or absolute directory path of letters, digits, ".", "_", "-" and "/"' })
      .default('terraform-state')
      .describe('Directory (relative to where you run synth) for <stack name>.tfstate files. Default "terraform-state". For experiments only.'),
  })
  .describe('Local state files: for experiments only.');

export const cloudBackendSchema = strictObject({
  type: z.literal('cloud'),
  organization: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'must be an HCP Terraform organization name: letters, digits, "-" and "_"' })
    .describe('HCP Terraform (or Terraform Enterprise) organization.'),
  workspace_prefix: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9_-]{0,50}$/, { error: 'must be letters, digits, "-" and "_", at most 50' })
    .default('okta-log-streaming-')
    .describe('Each stack uses the workspace <workspace_prefix><stack name>. Default "okta-log-streaming-".'),
  hostname: z
    .string({ error: 'must be a string' })
    .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, { error: 'must be a host name without scheme, e.g. "app.terraform.io"' })
    .default('app.terraform.io')
    .describe('HCP Terraform or Terraform Enterprise host. Default "app.terraform.io".'),
}).describe('HCP Terraform: a cloud block with a workspace per stack (set the credentials as workspace variables).');

export const backendSchema = z.discriminatedUnion('type', [s3BackendSchema, localBackendSchema, cloudBackendSchema], {
  error: 'must have type "s3" (remote state, the default for real use), "cloud" (HCP Terraform) or "local" (experiments)',
});

export type BackendConfig = z.output<typeof backendSchema>;
