import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';

/** Every data-plane action on a bucket's objects: none of them over plain HTTP. */
export const BUCKET_DATA_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:ListBucket',
  's3:ListBucketVersions',
] as const;

export interface ObjectLockProps {
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /** Default retention of every new object version. */
  readonly retentionDays: number;
}

export interface SecureBucketProps {
  readonly bucketName: string;
  /** KMS key for default encryption. @default - SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** Lifecycle rules; each must carry an id and a filter. @default - none */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /** Object lock (WORM), set at creation only. @default - none */
  readonly objectLock?: ObjectLockProps;
}

/**
 * An S3 bucket locked down the same way whatever it holds: versioned, encrypted by default, public
 * access blocked, ACLs disabled, no access without TLS, protected from destruction.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      ...(props.objectLock === undefined ? {} : { objectLockEnabled: true }),
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    const versioning = new S3BucketVersioningA(this, 'Versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault:
            props.kmsKeyArn === undefined ? { sseAlgorithm: 'AES256' } : { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          bucketKeyEnabled: props.kmsKeyArn !== undefined,
        },
      ],
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
        Action: [...BUCKET_DATA_ACTIONS],
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    });
    if (props.lifecycleRules !== undefined && props.lifecycleRules.length > 0) {
      // Lifecycle rules on a versioned bucket need versioning in place first.
      new S3BucketLifecycleConfiguration(this, 'Lifecycle', { bucket, rule: [...props.lifecycleRules], dependsOn: [versioning] });
    }
    if (props.objectLock !== undefined) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket,
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.retentionDays } },
        dependsOn: [versioning],
      });
    }
  }
}
