import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

/** The pipeline roles, each with what its workflow jobs run (the probe's: .github/workflows/probe.yml). */
export const PIPELINE_ROLES = ['plan', 'apply', 'drift', 'probe'] as const;
export type PipelineRole = (typeof PIPELINE_ROLES)[number];

/** GitHub's OIDC issuer (GitHub Docs, "Configuring OpenID Connect in Amazon Web Services"). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Where the pipeline roles live: never a path the stacks' own roles (/okta-log-streaming/) use. */
export const PIPELINE_ROLE_PATH = '/okta-log-streaming-ci/';

export interface GithubDeployerRolesProps {
  /** owner/name of the repository whose workflows assume the roles. */
  readonly repository: string;
  /** The environment the apply job runs in. */
  readonly environment: string;
  /** The branch whose pushes plan for apply, where the drift schedule runs and the probe is dispatched. */
  readonly defaultBranch: string;
  /** Each role's policy document (JSON), from `deployerPolicy`. */
  readonly policies: Readonly<Record<PipelineRole, string>>;
  /**
   * The permissions boundary document (JSON) of every role the stacks create, from
   * `workloadBoundary`; the apply role may create and change roles only with it attached.
   */
  readonly workloadBoundary: string;
  /** An existing OIDC provider for GitHub. @default - one is created */
  readonly oidcProviderArn?: string;
}

/**
 * GitHub Actions' identity in AWS: the OIDC provider and one role per pipeline job kind, each
 * assumable only by a token whose audience is STS and whose subject is that job's (pull requests for
 * plan, also the default branch whose push plans for apply; the environment for apply; the default
 * branch for drift, and for the probe: a workflow_dispatch run's subject is the ref it runs on, so a
 * probe dispatched on another branch gets no credentials), for at most an hour.
 */
export class GithubDeployerRoles extends Construct {
  readonly roles: Readonly<Record<PipelineRole, IamRole>>;
  readonly boundary: IamPolicy;

  constructor(scope: Construct, id: string, props: GithubDeployerRolesProps) {
    super(scope, id);
    // Its ARN is known before it exists (stacks/deployer-policy.ts boundaryArn): the stacks' roles name it.
    this.boundary = new IamPolicy(this, 'WorkloadBoundary', {
      name: 'okta-log-streaming-workload-boundary',
      path: PIPELINE_ROLE_PATH,
      description: 'The most any role okta-log-streaming stacks create may do (their permissions boundary)',
      policy: props.workloadBoundary,
    });
    // IAM needs no thumbprint for GitHub's issuer: it trusts its certificate authorities (IAM User
    // Guide, "Create an OpenID Connect (OIDC) identity provider"); hashicorp/aws 6.x makes
    // thumbprint_list optional (internal/service/iam/openid_connect_provider.go).
    const providerArn =
      props.oidcProviderArn ??
      new IamOpenidConnectProvider(this, 'Provider', { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: ['sts.amazonaws.com'] }).arn;
    const repo = `repo:${props.repository}`;
    const subjects: Record<PipelineRole, string[]> = {
      plan: [`${repo}:pull_request`, `${repo}:ref:refs/heads/${props.defaultBranch}`],
      apply: [`${repo}:environment:${props.environment}`],
      drift: [`${repo}:ref:refs/heads/${props.defaultBranch}`],
      probe: [`${repo}:ref:refs/heads/${props.defaultBranch}`],
    };
    const roles = {} as Record<PipelineRole, IamRole>;
    for (const role of PIPELINE_ROLES) {
      const name = `okta-log-streaming-${role}`;
      const trust = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'GithubActions',
            Effect: 'Allow',
            Principal: { Federated: providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: subjects[role] } },
          },
        ],
      };
      const pascal = role.replace(/^./, (c) => c.toUpperCase());
      roles[role] = new IamRole(this, `${pascal}Role`, {
        name,
        path: PIPELINE_ROLE_PATH,
        description: `okta-log-streaming ${role} jobs of ${props.repository}`,
        assumeRolePolicy: JSON.stringify(trust),
        maxSessionDuration: 3600,
      });
      new IamRolePolicy(this, `${pascal}Policy`, { role: roles[role].id, name, policy: props.policies[role] });
    }
    this.roles = roles;
  }
}
