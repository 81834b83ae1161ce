/** Running terraform on synthesized stacks: shared by drift detection, plan, apply and bootstrap. */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { isCi } from './ci';
import { explainFailure } from './terraform-failures';
import { STATE_BUCKET_STACK } from '../schema/cross-check';

export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
}

/** The stacks of a synthesized output directory, in manifest order. */
export function readStacks(outdir: string): SynthesizedStack[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} not found: synthesize first (okta-log-streaming synth), or leave out --no-synth`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { workingDirectory: string; synthesizedStackPath?: string }> };
  // `synth --hcl` writes HCL to read and review; plans, drift and the doctor work on the JSON.
  if (Object.values(manifest.stacks).some((s) => s.synthesizedStackPath?.endsWith('.tf') === true)) {
    throw new Error(`${outdir}/ holds native HCL from synth --hcl, which is for reading: run okta-log-streaming synth (Terraform JSON) first, or leave out --no-synth`);
  }
  return Object.entries(manifest.stacks).map(([name, { workingDirectory }]) => ({ name, dir: path.join(outdir, workingDirectory) }));
}

/**
 * The stacks plan, apply, drift and doctor work on: all but the state bucket stack, which has its
 * own command (`bootstrap`), run by an administrator; only the named ones when `--stack` was given.
 */
export function pipelineStacks(outdir: string, wanted?: readonly string[]): SynthesizedStack[] {
  return namedStacks(readStacks(outdir).filter((stack) => stack.name !== STATE_BUCKET_STACK), outdir, wanted);
}

/** The stacks --stack names (all without it); a name that is not there is an error that lists the stacks there are. */
export function namedStacks(stacks: SynthesizedStack[], outdir: string, wanted?: readonly string[]): SynthesizedStack[] {
  if (wanted === undefined) return stacks;
  const unknown = wanted.filter((name) => !stacks.some((s) => s.name === name));
  if (unknown.length > 0) {
    const there = stacks.map((s) => s.name).join(', ') || 'none';
    throw new Error(`no stack named ${unknown.map((n) => `"${n}"`).join(', ')} in ${outdir}; the stacks are: ${there}`);
  }
  return stacks.filter((s) => wanted.includes(s.name));
}

/**
 * Synthesizes into CDKTF_OUTDIR first, unless `--no-synth` was given; false when synthesis failed
 * (main has said why). The app is loaded only then: checking cdktf.out/ as it is needs Terraform
 * alone, not cdktf and the providers in memory.
 */
export function synthesizeUnlessAsked(noSynth: boolean, env: NodeJS.ProcessEnv, output: Output): boolean {
  if (noSynth) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../main') as typeof import('../main');
  // The command that asked for synthesis is the next step: no "next:" line from synth.
  return main(env, output, { next: null }) === 0;
}

export interface TerraformResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when terraform could not be started at all. */
  readonly error?: Error;
}

export type Terraform = (...args: string[]) => Promise<TerraformResult>;

/** Where providers are cached for every stack of a run (and later runs): overridable, created when missing. */
export const DEFAULT_PLUGIN_CACHE_DIR = '.terraform-plugin-cache';

/**
 * terraform's environment: non-interactive, never phoning home, and one provider plugin cache for
 * every stack, so a run downloads each provider once instead of once per stack.
 */
export function terraformEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const cache = path.resolve(env.TF_PLUGIN_CACHE_DIR || DEFAULT_PLUGIN_CACHE_DIR);
  fs.mkdirSync(cache, { recursive: true });
  return { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_PLUGIN_CACHE_DIR: cache };
}

/** terraform in one stack's directory; `env` should come from terraformEnvironment. */
export function terraformIn(dir: string, env: NodeJS.ProcessEnv, terraform = 'terraform'): Terraform {
  return (...args) =>
    new Promise((resolve) => {
      const child = spawn(terraform, [`-chdir=${dir}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => resolve({ status: null, stdout: '', stderr: '', error }));
      child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
}

export interface LockOptions {
  /** Where each stack's `.terraform.lock.hcl` is kept, as `<stack>.terraform.lock.hcl` (in the repository). */
  readonly lockDir: string;
  /** Fail instead of changing a lock (CI): `terraform init -lockfile=readonly`. */
  readonly readonly: boolean;
}

/** Lock options: OKTA_LOG_STREAMING_LOCK_DIR (default terraform-locks/), read-only in CI or with --lockfile readonly. */
export function lockOptions(lockfile: string | undefined, env: NodeJS.ProcessEnv): LockOptions {
  return {
    lockDir: env.OKTA_LOG_STREAMING_LOCK_DIR || 'terraform-locks',
    readonly: isCi(env) || lockfile === 'readonly',
  };
}

const lockFileOf = (lockDir: string, stack: string) => path.join(lockDir, `${stack}.terraform.lock.hcl`);

/**
 * Runs init with the stack's kept lock file in place, and keeps what init wrote back (unless
 * read-only). Returns an error message, or undefined when it worked.
 */
export async function init(run: Terraform, stack: SynthesizedStack, locks: LockOptions, ...flags: string[]): Promise<string | undefined> {
  const kept = lockFileOf(locks.lockDir, stack.name);
  const inStack = path.join(stack.dir, '.terraform.lock.hcl');
  if (fs.existsSync(kept)) fs.copyFileSync(kept, inStack);
  const result = await run('init', '-input=false', '-no-color', ...(locks.readonly ? ['-lockfile=readonly'] : []), ...flags);
  if (result.error) return `cannot run terraform: ${result.error.message}`;
  if (result.status !== 0) return failed('init', result, stack, locks);
  if (!locks.readonly && fs.existsSync(inStack)) {
    fs.mkdirSync(locks.lockDir, { recursive: true });
    fs.copyFileSync(inStack, kept);
  }
  return undefined;
}

/**
 * `terraform <command> failed: …`: for a failure we know (a lock file CI may not write, a held state
 * lock, no state bucket, missing or expired credentials, a stream deleted in Okta) the fix first,
 * then Terraform's own diagnostic below it; otherwise Terraform's diagnostic alone.
 */
export function failed(command: 'init' | 'plan' | 'apply' | 'show', result: TerraformResult, stack: SynthesizedStack, locks: LockOptions, diagnostic = errorText(result.stderr || result.stdout)): string {
  const fix = explainFailure(`${result.stderr}\n${result.stdout}`, {
    stack: stack.name,
    command,
    lockFile: lockFileOf(locks.lockDir, stack.name),
    ci: locks.readonly,
    // The state bucket stack sits beside the others when the config creates the bucket.
    bootstrapped: fs.existsSync(path.join(path.dirname(stack.dir), STATE_BUCKET_STACK)),
    dir: stack.dir,
  });
  return fix === undefined ? `terraform ${command} failed: ${diagnostic}` : `terraform ${command} failed: ${fix}\n\nTerraform said:\n${diagnostic}`;
}

/**
 * Every error Terraform printed, whole: its summary and detail, without the box drawing, each
 * error's lines joined by newlines. Falls back to the first non-empty line.
 */
export function errorText(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵]\s?/, '').trimEnd());
  const errors: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('Error: ')) {
      current = [line];
      errors.push('');
    } else if (/^[╷╵]/.test(line) || line.startsWith('Warning: ')) {
      current = undefined;
    } else if (current !== undefined) {
      current.push(line);
    }
    if (current !== undefined) errors[errors.length - 1] = current.join('\n').trim().replace(/\n{3,}/g, '\n\n');
  }
  if (errors.length > 0) return errors.join('\n\n');
  return lines.map((l) => l.trim()).find(Boolean) ?? 'no output';
}

/** Runs `work` over `items` with at most `workers` at a time; results in the items' order. */
export async function inOrder<T, R>(items: readonly T[], workers: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  return results;
}

/** Default stacks planned at once: one per core of a 2-core runner (provider start-up is CPU-bound; the waits on cloud APIs overlap). */
export const DEFAULT_PARALLELISM = 2;

/** Terraform's "Apply complete! Resources: …" line of an apply's output. */
export function applySummary(stdout: string): string {
  return stdout.split('\n').find((l) => l.startsWith('Apply complete!')) ?? 'applied';
}

/** Indents every line after the first, so a multi-line diagnostic stays under its stack's line. */
export function indented(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `    ${line}`))
    .join('\n');
}
