import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { GithubDeployerRoles, PIPELINE_ROLES, PipelineRole } from '../modules/github-deployer-roles';
import { StateBucket } from '../modules/state-bucket';
import { CiConfig } from '../schema/ci';
import { INLINE_POLICY_LIMIT, PolicyDocument, policySize } from './deployer-policy';
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
  /** The pipeline's identity, and each role's policy for the config's stacks. @default - none */
  readonly ci?: { readonly config: CiConfig; readonly policies: Readonly<Record<PipelineRole, PolicyDocument>>; readonly workloadBoundary: PolicyDocument };
}

/**
 * Creates the S3 bucket the other stacks keep their state in (and, with `ci`, the pipeline's
 * identity). Its own state is in that bucket too, under the same backend as every stack: on the
 * first run, before the bucket exists, `okta-log-streaming bootstrap` applies it on a local state and
 * moves that into the bucket (cli/bootstrap-state.ts).
 */
export class StateBucketStack extends IndependentStack {
  constructor(scope: Construct, props: StateBucketStackProps) {
    super(scope, STATE_BUCKET_STACK, props.versions);
    new AwsProvider(this, 'aws', {
      region: props.backend.region ?? props.aws.region,
      allowedAccountIds: [props.aws.account_id],
      defaultTags: [{ tags: { ...props.tags, ManagedBy: 'okta-log-streaming', OktaLogStreamingStack: STATE_BUCKET_STACK } }],
    });
    configureBackend(this, { ...props.backend, region: props.backend.region ?? props.aws.region });
    const state = new StateBucket(this, 'StateBucket', {
      bucketName: props.backend.bucket,
      kmsKeyArn: props.backend.kms_key_id,
      noncurrentVersionExpirationDays: props.backend.noncurrent_version_expiration_days,
    });
    new TerraformOutput(this, 'state_bucket_arn', { value: state.bucket.arn });
    if (props.ci !== undefined) this.pipelineRoles(props.ci);
  }

  private pipelineRoles({ config: { github }, policies, workloadBoundary }: NonNullable<StateBucketStackProps['ci']>): void {
    for (const role of PIPELINE_ROLES) {
      const size = policySize(policies[role]);
      if (size > INLINE_POLICY_LIMIT) {
        throw new Error(`ci: the ${role} role's policy is ${size} characters, over IAM's ${INLINE_POLICY_LIMIT} for a role's inline policies: split the config into several (each with its own ci roles)`);
      }
    }
    const roles = new GithubDeployerRoles(this, 'PipelineRoles', {
      repository: github.repository,
      environment: github.environment,
      defaultBranch: github.default_branch,
      oidcProviderArn: github.oidc_provider_arn,
      policies: Object.fromEntries(PIPELINE_ROLES.map((role) => [role, JSON.stringify(policies[role])])) as Record<PipelineRole, string>,
      workloadBoundary: JSON.stringify(workloadBoundary),
    });
    // The repository variables the workflows read (docs/operations.md, set-up).
    for (const role of PIPELINE_ROLES) new TerraformOutput(this, `aws_${role}_role_arn`, { value: roles.roles[role].arn, description: `repository variable AWS_${role.toUpperCase()}_ROLE_ARN` });
  }
}
