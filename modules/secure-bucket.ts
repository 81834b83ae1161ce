import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';
import { mayBeNull } from './optional-reference';

/**
 * Nothing over plain HTTP: AWS's recommended statement denies every S3 action without TLS (S3 User
 * Guide, "Security best practices for Amazon S3": enforce encryption of data in transit with a
 * bucket policy denying `s3:*` when `aws:SecureTransport` is false; the AWS Config rule
 * s3-bucket-ssl-requests-only checks exactly that). A broad Deny is the secure form.
 */
export const TLS_ONLY_ACTIONS = ['s3:*'] as const;

export interface SecureBucketProps {
  readonly bucketName: string;
  /** KMS key for default encryption; a reference (module input) may be null. @default - SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** Lifecycle rules; each must carry an id and a filter. @default - none */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
}

/**
 * An S3 bucket locked down the same way whatever it holds: versioned, encrypted by default, public
 * access blocked, ACLs disabled, no access without TLS, protected from destruction.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly lifecycle?: S3BucketLifecycleConfiguration;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.bucketName, lifecycle: { preventDestroy: true } });
    const bucket = this.bucket.id;
    const versioning = new S3BucketVersioningA(this, 'Versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [encryptionRule(props.kmsKeyArn)],
    });
    new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPolicy(this, 'Policy', {
      bucket,
      policy: policyDocument({
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [...TLS_ONLY_ACTIONS],
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    });
    if (props.lifecycleRules !== undefined && props.lifecycleRules.length > 0) {
      // Lifecycle rules on a versioned bucket need versioning in place first.
      this.lifecycle = new S3BucketLifecycleConfiguration(this, 'Lifecycle', { bucket, rule: [...props.lifecycleRules], dependsOn: [versioning] });
    }
  }
}

/** Default encryption: SSE-KMS with a bucket key under the given key, else SSE-S3. */
function encryptionRule(kmsKeyArn: string | undefined) {
  if (kmsKeyArn === undefined) return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: false };
  if (!mayBeNull(kmsKeyArn)) return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true };
  const given = Op.neq(kmsKeyArn, Token.nullValue());
  return {
    applyServerSideEncryptionByDefault: { sseAlgorithm: Token.asString(Fn.conditional(given, 'aws:kms', 'AES256')), kmsMasterKeyId: kmsKeyArn },
    bucketKeyEnabled: given as unknown as boolean,
  };
}
