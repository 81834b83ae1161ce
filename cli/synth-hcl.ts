/**
 * `okta-log-streaming synth --hcl`: synthesizes the selected config like `synth`, then replaces each
 * stack's cdk.tf.json with native HCL (cdk.tf) formatted by `terraform fmt`. Nothing is published
 * unless every stack converts and formats.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { main, Output } from '../main';
import { blockPaths } from './hcl/block-paths';
import { renderHcl } from './hcl/render';

/** Writes `cdk.tf` for a stack synthesized as JSON into `stackDir`, and removes the JSON. */
export function convertStack(stack: TerraformStack, stackDir: string): void {
  const jsonFile = path.join(stackDir, 'cdk.tf.json');
  const config = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  fs.writeFileSync(path.join(stackDir, 'cdk.tf'), renderHcl(config, blockPaths(stack)));
  fs.rmSync(jsonFile);
}

/** `terraform fmt` in place; throws with Terraform's message when the HCL does not parse. */
export function terraformFmt(dir: string, terraform = 'terraform'): void {
  const run = spawnSync(terraform, ['fmt', '-recursive', '-list=false', '-no-color', dir], { encoding: 'utf8' });
  if (run.error) throw new Error(`HCL export needs terraform on PATH for terraform fmt: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`terraform fmt rejected the HCL in ${dir}:\n${run.stderr}`);
}

/** The staging transform: every stack to HCL, manifest pointing at cdk.tf. */
export function toHcl(stagingDir: string, stacks: readonly TerraformStack[]): void {
  const manifestFile = path.join(stagingDir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const stack of stacks) {
    const stackDir = path.join(stagingDir, 'stacks', stack.node.id);
    convertStack(stack, stackDir);
    manifest.stacks[stack.node.id].synthesizedStackPath = path.join('stacks', stack.node.id, 'cdk.tf');
  }
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  terraformFmt(path.join(stagingDir, 'stacks'));
}

export function synthHcl(env: NodeJS.ProcessEnv, output: Output): number {
  return main(env, output, {
    transform: toHcl,
    written: 'native HCL (cdk.tf, terraform fmt)',
    next: 'read or review the HCL; okta-log-streaming synth (without --hcl) writes the JSON that plan and apply use',
  });
}
