import * as path from 'path';
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import { BackendConfig } from '../schema/backend';

/**
 * Configures where a stack keeps its state: S3 (a key per stack, encrypted, native S3 locking), an
 * HCP Terraform workspace per stack, or a local file for experiments.
 */
export function configureBackend(stack: TerraformStack, backend: BackendConfig): void {
  const stackName = stack.node.id;
  if (backend.type === 's3') {
    // The state bucket's region, for every stack that uses the bucket: another region fails
    // `terraform init` (BucketRegionError). schema/resolve.ts fills it in from the top-level aws.region.
    if (backend.region === undefined) throw new Error(`${stackName}: the S3 backend needs the state bucket's region`);
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: `${backend.key_prefix}/${stackName}.tfstate`,
      region: backend.region,
      encrypt: true,
      kmsKeyId: backend.kms_key_id,
    });
    // Native S3 locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no such property.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
    return;
  }
  if (backend.type === 'cloud') {
    new CloudBackend(stack, {
      organization: backend.organization,
      hostname: backend.hostname,
      workspaces: new NamedCloudWorkspace(`${backend.workspace_prefix}${stackName}`),
    });
    return;
  }
  // Relative to the stack's working directory (<outdir>/stacks/<name>), so cdktf.out can move
  // between pipeline jobs; cdktf's own default is an absolute path.
  const workingDirectory = path.resolve(App.of(stack).outdir, 'stacks', stackName);
  new LocalBackend(stack, {
    path: path.relative(workingDirectory, path.resolve(backend.directory, `${stackName}.tfstate`)),
  });
}
