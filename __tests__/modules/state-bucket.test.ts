import { TLS_ONLY_ACTIONS } from '../../modules/secure-bucket';
import { StateBucket } from '../../modules/state-bucket';
import { onlyResource, parsePolicy, ref, synthConstructs } from '../helpers/synth';

describe('StateBucket', () => {
  const json = synthConstructs((stack) => new StateBucket(stack, 'State', { bucketName: 'acme-tfstate' }));
  const bucket = onlyResource(json, 'aws_s3_bucket');
  const bucketRef = ref('aws_s3_bucket', bucket.id, 'id');

  test('the bucket is protected from destruction', () => {
    expect(bucket.config).toEqual({ bucket: 'acme-tfstate', lifecycle: { prevent_destroy: true } });
  });

  test('versioned', () => {
    expect(onlyResource(json, 'aws_s3_bucket_versioning').config).toEqual({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } });
  });

  test('encrypted by default: SSE-S3 unless a KMS key is given', () => {
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').config).toEqual({
      bucket: bucketRef,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: false }],
    });
    const kms = synthConstructs((stack) => new StateBucket(stack, 'State', { bucketName: 'b', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' }));
    expect(onlyResource(kms, 'aws_s3_bucket_server_side_encryption_configuration').config.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/k' }, bucket_key_enabled: true },
    ]);
  });

  test('public access blocked and ACLs disabled', () => {
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block').config).toEqual({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').config).toEqual({ bucket: bucketRef, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('denies every S3 action without TLS (AWS\'s recommended s3:* statement)', () => {
    const statement = parsePolicy(onlyResource(json, 'aws_s3_bucket_policy').config.policy).Statement;
    expect(statement).toEqual([
      {
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['s3:*'],
        Resource: [ref('aws_s3_bucket', bucket.id, 'arn'), `${ref('aws_s3_bucket', bucket.id, 'arn')}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    expect(TLS_ONLY_ACTIONS).toEqual(['s3:*']);
  });

  test('expires replaced state versions after 90 days by default, and stale uploads', () => {
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([
      {
        id: 'expire-old-state-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });
});
