import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { BackendConfig } from '../../schema/backend';
import { configureBackend } from '../../stacks/backend';
import { synth } from '../helpers/synth';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-test-'));
const outdir = path.join(workspace, 'cdktf.out');

function backendOf(backend: BackendConfig, stackRegion = 'us-east-1'): Record<string, Record<string, unknown>> {
  const stack = new TerraformStack(new App({ outdir }), 'okta-bronto');
  configureBackend(stack, backend, stackRegion);
  return synth(stack).terraform?.backend as Record<string, Record<string, unknown>>;
}

afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('configureBackend', () => {
  test('s3: a key per stack, encrypted, native S3 locking, in the stack region by default', () => {
    expect(backendOf({ type: 's3', bucket: 'state', key_prefix: 'okta/prod', bootstrap: false, noncurrent_version_expiration_days: 90 })).toEqual({
      s3: { bucket: 'state', key: 'okta/prod/okta-bronto.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });

  test('s3: the bucket region and KMS key when configured', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/abc';
    expect(backendOf({ type: 's3', bucket: 'state', key_prefix: 'p', region: 'eu-west-1', kms_key_id: kms, bootstrap: false, noncurrent_version_expiration_days: 90 })).toEqual({
      s3: { bucket: 'state', key: 'p/okta-bronto.tfstate', region: 'eu-west-1', encrypt: true, kms_key_id: kms, use_lockfile: true },
    });
  });

  test('cloud: an HCP Terraform workspace per stack, and no backend block beside it', () => {
    const stack = new TerraformStack(new App({ outdir }), 'okta-bronto');
    configureBackend(stack, { type: 'cloud', organization: 'acme', workspace_prefix: 'okta-', hostname: 'tfe.acme.example' }, 'eu-west-1');
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
