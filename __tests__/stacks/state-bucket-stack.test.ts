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

  test('creates the configured bucket in its region, keeps its own state locally', () => {
    const json = synth(stacksOf(withBootstrap())[1]);
    expect(onlyResource(json, 'aws_s3_bucket').config.bucket).toBe('acme-okta-log-streaming-tfstate');
    expect(json.provider?.aws?.[0]).toMatchObject({ region: 'eu-central-1', allowed_account_ids: ['123456789012'] });
    expect(Object.keys(json.terraform?.backend as object)).toEqual(['local']);
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
