import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Construct } from 'constructs';
import { SecureBucket } from './secure-bucket';

export interface StateBucketProps {
  readonly bucketName: string;
  /** KMS key for default encryption. @default - SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** Days old state versions are kept after being replaced. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
}

/**
 * The S3 bucket that holds Terraform state: a SecureBucket (versioned, so every state write can be
 * rolled back) whose replaced versions expire.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      lifecycleRules: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    }).bucket;
  }
}
