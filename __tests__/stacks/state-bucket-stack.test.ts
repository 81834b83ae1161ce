import { Testing } from 'cdktf';
import { boundaryArn, deployerPolicy, workloadBoundary } from '../../stacks/deployer-policy';
import { allows } from '../helpers/iam-evaluate';
import { STATE_BUCKET_STACK, StateBucketStack } from '../../stacks/state-bucket-stack';
import { brontoConfig, stacksOf } from '../helpers/config';
import { onlyResource, synth } from '../helpers/synth';
import { expectOnlyProblem } from '../helpers/validation';

const withBootstrap = () => {
  const config = brontoConfig();
  config.backend = { ...config.backend, bootstrap: true, region: 'eu-central-1', noncurrent_version_expiration_days: 30 };
  return config;
};

describe('StateBucketStack', () => {
  test('is added, after the configured stacks, when backend.bootstrap is true', () => {
    expect(stacksOf(brontoConfig()).map((s) => s.node.id)).toEqual(['okta-bronto']);
    const stacks = stacksOf(withBootstrap());
    expect(stacks.map((s) => s.node.id)).toEqual(['okta-bronto', STATE_BUCKET_STACK]);
    expect(stacks[1]).toBeInstanceOf(StateBucketStack);
  });

  test('creates the configured bucket in its region, and keeps its own state in it, like every stack', () => {
    const json = synth(stacksOf(withBootstrap())[1]);
    expect(onlyResource(json, 'aws_s3_bucket').config.bucket).toBe('acme-okta-log-streaming-tfstate');
    expect(json.provider?.aws?.[0]).toMatchObject({ region: 'eu-central-1', allowed_account_ids: ['123456789012'] });
    // bootstrap applies the first time on a local state and moves it in (cli/bootstrap-state.ts).
    expect(json.terraform?.backend).toEqual({
      s3: { bucket: 'acme-okta-log-streaming-tfstate', key: `okta-log-streaming/test/${STATE_BUCKET_STACK}.tfstate`, region: 'eu-central-1', encrypt: true, use_lockfile: true },
    });
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([
      expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
    ]);
  });

  test('the other stacks keep state in that bucket, a key each, with native locking', () => {
    const json = synth(stacksOf(withBootstrap())[0]);
    expect(json.terraform?.backend).toEqual({
      s3: { bucket: 'acme-okta-log-streaming-tfstate', key: 'okta-log-streaming/test/okta-bronto.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
    });
  });

  test('fails when a stack takes the bootstrap stack\'s name', () => {
    const config = withBootstrap();
    config.stacks[0].name = STATE_BUCKET_STACK;
    expectOnlyProblem(config, 'stacks[0].name', 'state bucket stack');
  });
});

describe('StateBucketStack with ci', () => {
  const withCi = (github: Record<string, unknown> = { repository: 'acme/okta-streaming' }): Record<string, any> => ({ ...withBootstrap(), ci: { github } });
  const trustOf = (json: ReturnType<typeof synth>, id: string) => JSON.parse(String(onlyRole(json, id).assume_role_policy));
  const onlyRole = (json: ReturnType<typeof synth>, id: string) => json.resource!.aws_iam_role[id];
  const roleIds = { plan: 'PipelineRoles_PlanRole_20E66018', apply: 'PipelineRoles_ApplyRole_CDEE48C7', drift: 'PipelineRoles_DriftRole_F0DD8352', probe: 'PipelineRoles_ProbeRole_B3F739F3' } as const;

  test('creates GitHub\'s OIDC provider, audience STS', () => {
    const json = synth(stacksOf(withCi())[1]);
    expect(onlyResource(json, 'aws_iam_openid_connect_provider').config).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
  });

  test('each role trusts only its jobs\' tokens: audience sts.amazonaws.com, the subject of pull requests (plan, and main\'s push that plans for apply), the environment (apply), the default branch (drift, and the probe dispatched there); an hour at most', () => {
    const json = synth(stacksOf(withCi({ repository: 'acme/okta-streaming', environment: 'prod', default_branch: 'trunk' }))[1]);
    const subjects = {
      plan: ['repo:acme/okta-streaming:pull_request', 'repo:acme/okta-streaming:ref:refs/heads/trunk'],
      apply: ['repo:acme/okta-streaming:environment:prod'],
      drift: ['repo:acme/okta-streaming:ref:refs/heads/trunk'],
      probe: ['repo:acme/okta-streaming:ref:refs/heads/trunk'],
    };
    expect(Object.keys(json.resource!.aws_iam_role).sort()).toEqual(Object.values(roleIds).sort());
    for (const [role, id] of Object.entries(roleIds)) {
      expect(onlyRole(json, id)).toMatchObject({ name: `okta-log-streaming-${role}`, path: '/okta-log-streaming-ci/', max_session_duration: 3600 });
      expect(trustOf(json, id).Statement).toEqual([
        {
          Sid: 'GithubActions',
          Effect: 'Allow',
          Principal: { Federated: '${aws_iam_openid_connect_provider.PipelineRoles_Provider_EE49489C.arn}' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subjects[role as keyof typeof subjects] } },
        },
      ]);
    }
    expect(json.output).toMatchObject({ aws_plan_role_arn: { value: `\${aws_iam_role.${roleIds.plan}.arn}` }, aws_apply_role_arn: {}, aws_drift_role_arn: {}, aws_probe_role_arn: { value: `\${aws_iam_role.${roleIds.probe}.arn}` } });
  });

  test('each role\'s policy is what iam-policy prints for the config\'s other stacks', () => {
    const stacks = stacksOf(withCi());
    const others = stacks.filter((s) => s.node.id !== STATE_BUCKET_STACK).map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
    const json = synth(stacks[1]);
    for (const role of ['plan', 'apply', 'drift', 'probe'] as const) {
      const policy = Object.values(json.resource!.aws_iam_role_policy).find((p) => p.name === `okta-log-streaming-${role}`)!;
      expect(JSON.parse(String(policy.policy))).toEqual(deployerPolicy(role, others));
      expect(policy.role).toBe(`\${aws_iam_role.${roleIds[role]}.id}`);
    }
  });

  test('the stacks\' roles carry the workload boundary; the apply role makes and changes roles only with it', () => {
    const stacks = stacksOf(withCi());
    const others = stacks.filter((s) => s.node.id !== STATE_BUCKET_STACK).map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
    const boundary = boundaryArn('aws', '123456789012');
    const roles = others.flatMap((s) => Object.values(s.json.resource.aws_iam_role ?? {})) as { permissions_boundary?: string; name_prefix: string }[];
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(role.permissions_boundary).toBe(boundary);
    const json = synth(stacks[1]);
    const policy = Object.values(json.resource!.aws_iam_policy)[0];
    expect(policy).toMatchObject({ name: 'okta-log-streaming-workload-boundary', path: '/okta-log-streaming-ci/' });
    expect(JSON.parse(String(policy.policy))).toEqual(workloadBoundary(others));
    const apply = deployerPolicy('apply', others);
    const role = `arn:aws:iam::123456789012:role/okta-log-streaming/${roles[0].name_prefix}20261207000000000000000001`;
    for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy']) {
      expect(allows(apply, action, role, { 'iam:PermissionsBoundary': boundary })).toBe(true);
      expect(allows(apply, action, role, {})).toBe(false);
      expect(allows(apply, action, role, { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' })).toBe(false);
    }
    // What the sink's role does is inside the boundary; anything else is not.
    const boundaryDoc = workloadBoundary(others);
    expect(allows(boundaryDoc, 'events:InvokeApiDestination', 'arn:aws:events:eu-west-1:123456789012:api-destination/okta-bronto/0b3f5d4e-1111-2222-3333-444455556666')).toBe(true);
    expect(allows(boundaryDoc, 'iam:CreateRole', role)).toBe(false);
    expect(allows(boundaryDoc, 's3:GetObject', 'arn:aws:s3:::acme-okta-log-streaming-tfstate/okta-log-streaming/test/okta-bronto.tfstate')).toBe(false);
  });

  test('without ci the stacks\' roles carry no boundary', () => {
    const roles = Object.values(synth(stacksOf(withBootstrap())[0]).resource!.aws_iam_role);
    for (const role of roles) expect(role.permissions_boundary).toBeUndefined();
  });

  test('uses an existing OIDC provider when given one', () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const json = synth(stacksOf(withCi({ repository: 'acme/okta-streaming', oidc_provider_arn: arn }))[1]);
    expect(json.resource!.aws_iam_openid_connect_provider).toBeUndefined();
    expect(trustOf(json, roleIds.apply).Statement[0].Principal).toEqual({ Federated: arn });
  });

  test('fails when ci is given without the bootstrap stack', () => {
    const config = { ...brontoConfig(), ci: { github: { repository: 'acme/okta-streaming' } } };
    expectOnlyProblem(config, 'ci', 'needs backend.type: s3 with bootstrap: true');
  });

  test('fails when a stack is in another account than the roles', () => {
    const config = withCi();
    config.stacks[0].aws = { account_id: '210987654321' };
    expectOnlyProblem(config, 'stacks[0].aws.account_id', 'every stack is deployed by roles in aws.account_id (123456789012)');
  });

  test('fails on a repository that is not owner/name, and an empty environment', () => {
    expectOnlyProblem(withCi({ repository: 'https://github.com/acme/okta' }), 'ci.github.repository', 'must be owner/name');
    expectOnlyProblem(withCi({ repository: 'acme/okta', environment: '' }), 'ci.github.environment', 'GitHub environment name');
  });
});
