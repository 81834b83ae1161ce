/** Running terraform on synthesized stacks: shared by drift detection, plan and apply. */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';

export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
}

/** The stacks of a synthesized output directory, in manifest order. */
export function readStacks(outdir: string): SynthesizedStack[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} not found: synthesize first (npm run synth)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
  return Object.entries(manifest.stacks).map(([name, { workingDirectory }]) => ({ name, dir: path.join(outdir, workingDirectory) }));
}

/**
 * Synthesizes into CDKTF_OUTDIR first, unless `--no-synth` was given; false when synthesis failed
 * (main has said why). The app is loaded only then: checking cdktf.out/ as it is needs Terraform
 * alone, not cdktf and the providers in memory.
 */
export function synthesizeUnlessAsked(args: readonly string[], env: NodeJS.ProcessEnv, output: Output): boolean {
  if (args.includes('--no-synth')) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../main') as typeof import('../main');
  return main(env, output) === 0;
}

export type Terraform = (...args: string[]) => SpawnSyncReturns<string>;

/** terraform in one stack's directory, non-interactive, never phoning home. */
export function terraformIn(dir: string, env: NodeJS.ProcessEnv, terraform = 'terraform'): Terraform {
  const runEnv = { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  return (...args) => spawnSync(terraform, [`-chdir=${dir}`, ...args], { env: runEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Runs init; returns an error message, or undefined when it worked. */
export function init(run: Terraform): string | undefined {
  const result = run('init', '-input=false', '-no-color');
  if (result.error) return `cannot run terraform: ${result.error.message}`;
  return result.status === 0 ? undefined : `terraform init failed: ${firstError(result.stderr || result.stdout)}`;
}

/** The first `Error:` line of Terraform's human output, without the box drawing. */
export function firstError(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
  return lines.find((l) => l.startsWith('Error:')) ?? lines[0] ?? 'no output';
}
