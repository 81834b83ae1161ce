import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { BackendConfig } from '../../schema/backend';
import { configureBackend } from '../../stacks/backend';
import { stacksOf, withStacks } from '../helpers/config';
import { synth } from '../helpers/synth';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-test-'));
const outdir = path.join(workspace, 'cdktf.out');

function backendOf(backend: BackendConfig): Record<string, Record<string, unknown>> {
  const stack = new TerraformStack(new App({ outdir }), 'okta-bronto');
  configureBackend(stack, backend);
  return synth(stack).terraform?.backend as Record<string, Record<string, unknown>>;
}

afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('configureBackend', () => {
  test('s3: a key per stack, encrypted, native S3 locking, in the bucket\'s region', () => {
    expect(backendOf({ type: 's3', bucket: 'state', key_prefix: 'okta/prod', region: 'us-east-1', bootstrap: false, noncurrent_version_expiration_days: 90 })).toEqual({
      s3: { bucket: 'state', key: 'okta/prod/okta-bronto.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });

  test('fails when the S3 bucket\'s region was not resolved', () => {
    expect(() => backendOf({ type: 's3', bucket: 'state', key_prefix: 'p', bootstrap: false, noncurrent_version_expiration_days: 90 })).toThrow("the S3 backend needs the state bucket's region");
  });

  test('every stack of a config uses the state bucket\'s region, whatever region it streams to', () => {
    const raw = withStacks(
      { name: 'okta-eu', event_source_name: 'okta_eu', sink: { type: 'slashid' } },
      { name: 'okta-us', event_source_name: 'okta_us', aws: { region: 'us-east-2' }, sink: { type: 'slashid' } },
      { name: 'okta-oort', okta: { org_name: 'other' }, sink: { type: 'oort', integration_id: 'x1' } },
    );
    raw.backend.bootstrap = true;
    const regions = stacksOf(raw).map((stack) => {
      const json = synth(stack);
      return [stack.node.id, (json.terraform?.backend as Record<string, { region?: string }>).s3?.region, (json.provider?.aws?.[0] as { region?: string } | undefined)?.region];
    });
    expect(regions).toEqual([
      ['okta-eu', 'eu-west-1', 'eu-west-1'],
      ['okta-us', 'eu-west-1', 'us-east-2'],
      ['okta-oort', 'eu-west-1', undefined],
      // The bootstrapped bucket is created where the backends look for it, and keeps its own state in it.
      ['okta-log-streaming-state', 'eu-west-1', 'eu-west-1'],
    ]);
    raw.backend.region = 'us-west-2';
    expect(stacksOf(raw).map((stack) => [(synth(stack).terraform?.backend as Record<string, { region?: string }>).s3?.region, synth(stack).provider?.aws?.[0]?.region])).toEqual([
      ['us-west-2', 'eu-west-1'],
      ['us-west-2', 'us-east-2'],
      ['us-west-2', undefined],
      ['us-west-2', 'us-west-2'],
    ]);
  });

  test('s3: the bucket region and KMS key when configured', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/abc';
    expect(backendOf({ type: 's3', bucket: 'state', key_prefix: 'p', region: 'eu-west-1', kms_key_id: kms, bootstrap: false, noncurrent_version_expiration_days: 90 })).toEqual({
      s3: { bucket: 'state', key: 'p/okta-bronto.tfstate', region: 'eu-west-1', encrypt: true, kms_key_id: kms, use_lockfile: true },
    });
  });

  test('cloud: an HCP Terraform workspace per stack, and no backend block beside it', () => {
    const stack = new TerraformStack(new App({ outdir }), 'okta-bronto');
    configureBackend(stack, { type: 'cloud', organization: 'acme', workspace_prefix: 'okta-', hostname: 'tfe.acme.example' });
    const terraform = synth(stack).terraform as Record<string, unknown>;
    expect(terraform.cloud).toEqual({ organization: 'acme', hostname: 'tfe.acme.example', workspaces: { name: 'okta-okta-bronto' } });
    expect(terraform.backend).toBeUndefined();
  });

  test('local: a relative path from the stack working directory to <directory>/<stack>.tfstate', () => {
    const directory = path.join(workspace, 'terraform-state');
    const { path: statePath } = backendOf({ type: 'local', directory }).local as { path: string };
    expect(path.isAbsolute(statePath)).toBe(false);
    expect(path.resolve(outdir, 'stacks', 'okta-bronto', statePath)).toBe(path.join(directory, 'okta-bronto.tfstate'));
  });
});
