import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { StateBucket } from '../modules/state-bucket';
import { AwsConfig, Config } from '../schema/config';
import { configureBackend } from './backend';
import { IndependentStack } from './independent-stack';
import { STATE_BUCKET_STACK } from '../schema/cross-check';

export { STATE_BUCKET_STACK };

export interface StateBucketStackProps {
  readonly backend: Extract<Config['backend'], { type: 's3' }>;
  readonly aws: AwsConfig;
  readonly tags: Config['tags'];
  /** @default - the package's version ranges */
  readonly versions?: Config['versions'];
}

/**
 * Creates the S3 bucket the other stacks keep their state in. Its own state is local (it cannot live
 * in the bucket it creates): keep terraform-state/okta-log-streaming-state.tfstate safe, or migrate it
 * into the bucket afterwards (docs/operations.md, Remote state).
 */
export class StateBucketStack extends IndependentStack {
  constructor(scope: Construct, props: StateBucketStackProps) {
    super(scope, STATE_BUCKET_STACK, props.versions);
    new AwsProvider(this, 'aws', {
      region: props.backend.region ?? props.aws.region,
      allowedAccountIds: [props.aws.account_id],
      defaultTags: [{ tags: { ...props.tags, ManagedBy: 'okta-log-streaming', OktaLogStreamingStack: STATE_BUCKET_STACK } }],
    });
    configureBackend(this, { type: 'local', directory: 'terraform-state' });
    const state = new StateBucket(this, 'StateBucket', {
      bucketName: props.backend.bucket,
      kmsKeyArn: props.backend.kms_key_id,
      noncurrentVersionExpirationDays: props.backend.noncurrent_version_expiration_days,
    });
    new TerraformOutput(this, 'state_bucket_arn', { value: state.bucket.arn });
  }
}
