/**
 * Synthesized-output fixtures for the scripts that drive terraform: stacks made of the built-in
 * terraform_data resource with a local backend, which terraform 1.11.4 plans and applies offline.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const terraformEnv = {
  PATH: process.env.PATH ?? '',
  HOME: os.tmpdir(),
  TF_IN_AUTOMATION: '1',
  CHECKPOINT_DISABLE: '1',
  // The fixtures' plans are tiny: with Go's heap let grow 4x (not 1x) between collections, each of
  // the suite's ~230 terraform runs does a fifth less work (measured: 36 → 29 ms a plan). Speed only.
  GOGC: '400',
  // Never the repository's own cache and lock directories.
  TF_PLUGIN_CACHE_DIR: path.join(os.tmpdir(), 'plugin-cache'),
  OKTA_LOG_STREAMING_LOCK_DIR: path.join(os.tmpdir(), 'terraform-locks'),
};
// Terraform complains about a plugin cache directory that does not exist (the scripts create it; a
// test that runs terraform itself must find it there too).
fs.mkdirSync(terraformEnv.TF_PLUGIN_CACHE_DIR, { recursive: true });

export class FixtureOutdir {
  /** The temporary directory removed at the end: the output directory, or the project holding it. */
  private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-fixture-'));
  readonly outdir: string;

  /** @param inProject an output directory inside a project directory (what sits beside cdktf.out/ goes there too) */
  constructor(inProject = false) {
    this.outdir = inProject ? path.join(this.root, 'cdktf.out') : this.root;
    fs.mkdirSync(path.join(this.outdir, 'stacks'), { recursive: true });
  }

  /** A stack as cdktf would synthesize it: one terraform_data resource, state in a local file. */
  writeStack(name: string, input: string, extra: Record<string, unknown> = {}): void {
    const dir = path.join(this.outdir, 'stacks', name);
    fs.mkdirSync(dir, { recursive: true });
    const config = {
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      resource: { terraform_data: { stream_status: { input } } },
      ...extra,
    };
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
    const manifestFile = path.join(this.outdir, 'manifest.json');
    const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : { version: '0.21.0', stacks: {} };
    manifest.stacks[name] = { name, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  }

  terraform(name: string, ...args: string[]): string {
    const run = spawnSync('terraform', [`-chdir=${path.join(this.outdir, 'stacks', name)}`, ...args], { env: terraformEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stderr}${run.stdout}`);
    return run.stdout;
  }

  /** Writes the stack and applies it for real. */
  applied(name: string, input: string): void {
    this.writeStack(name, input);
    this.terraform(name, 'init', '-input=false', '-no-color');
    this.terraform(name, 'apply', '-auto-approve', '-input=false', '-no-color');
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
