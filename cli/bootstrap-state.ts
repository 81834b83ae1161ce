/**
 * The state bucket stack's own state. It is synthesized with the S3 backend of every other stack,
 * so it ends up in the bucket it creates and bootstrap can run anywhere, CI included. The bucket
 * cannot hold it before it exists: on the first run bootstrap plans and applies on a local state
 * (a Terraform override file, `backend_override.tf.json`, replaces the backend for that run), then
 * moves the state into the bucket with `terraform init -migrate-state -force-copy`. A local state
 * left by an earlier version or an interrupted first run is moved the same way before anything else.
 */
import * as fs from 'fs';
import * as path from 'path';
import { STATE_BUCKET_STACK } from '../schema/cross-check';
import { init, LockOptions, SynthesizedStack, Terraform } from './terraform';

/**
 * Where bootstrap keeps the stack's state until it is in the bucket: terraform-state/ beside the
 * output directory (the project root, where earlier versions kept it for good).
 */
export function localStateFile(outdir: string): string {
  return path.join(path.dirname(path.resolve(outdir)), 'terraform-state', `${STATE_BUCKET_STACK}.tfstate`);
}
/** A Terraform override file: its backend block replaces the configuration's (Terraform docs, "Override Files"). */
const OVERRIDE_FILE = 'backend_override.tf.json';

export interface S3State {
  readonly bucket: string;
  readonly key: string;
}

/** The stack's S3 backend, or undefined when it keeps its state elsewhere (local, HCP Terraform). */
export function s3StateOf(stack: SynthesizedStack): S3State | undefined {
  const json = JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8')) as { terraform?: { backend?: { s3?: S3State } } };
  return json.terraform?.backend?.s3;
}

/** Runs the stack on the local state file until removeLocalOverride. */
export function useLocalState(stack: SynthesizedStack, file: string): void {
  const local = path.relative(path.resolve(stack.dir), file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(path.join(stack.dir, OVERRIDE_FILE), `${JSON.stringify({ terraform: { backend: { local: { path: local } } } }, null, 2)}\n`);
}

export function removeLocalOverride(stack: SynthesizedStack): void {
  fs.rmSync(path.join(stack.dir, OVERRIDE_FILE), { force: true });
}

/**
 * Moves the local state into the bucket: the working directory initialized on the local state
 * (unless it already is), then re-initialized on S3 with -migrate-state -force-copy (copy without
 * asking). The local file is kept beside, renamed `.migrated`, for the person to delete. Returns an
 * error message, or undefined when the state is in the bucket.
 */
export async function moveStateIntoBucket(run: Terraform, stack: SynthesizedStack, locks: LockOptions, file: string, alreadyLocal: boolean): Promise<string | undefined> {
  try {
    if (!alreadyLocal) {
      useLocalState(stack, file);
      const local = await init(run, stack, locks, '-reconfigure');
      if (local !== undefined) return local;
    }
    removeLocalOverride(stack);
    const moved = await init(run, stack, locks, '-migrate-state', '-force-copy');
    if (moved !== undefined) return moved;
    fs.renameSync(file, `${file}.migrated`);
    return undefined;
  } finally {
    removeLocalOverride(stack);
  }
}
