/**
 * `okta-log-streaming lock-files`: the kept provider lock files, for every platform, in one step.
 * Synthesizes (unless --no-synth), then per stack — the state bucket stack too: bootstrap keeps its
 * lock the same way — puts the kept terraform-locks/<stack>.terraform.lock.hcl in place and runs
 * `terraform providers lock -platform=…` in the stack's directory. Terraform keeps the versions an
 * existing lock file selected and adds the checksums it lacks (a new lock selects the newest
 * version allowed). Nothing is written until every stack is locked: then each changed lock file is
 * written beside its kept one and renamed over it; when any stack fails, no kept lock file changes.
 *
 * Needs the Terraform registry, or a mirror (--fs-mirror DIR, --net-mirror URL), and no credentials:
 * `providers lock` reads neither the backend nor the providers' configuration. Flags: cli/commands.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Context } from './command';
import { PREFIX, Reporter, stacks as stacks_ } from './output';
import { DEFAULT_PARALLELISM, errorText, inOrder, lockOptions, namedStacks, readStacks, synthesizeUnlessAsked, SynthesizedStack, terraformEnvironment, terraformIn } from './terraform';
import { DEFAULT_LOCK_PLATFORMS } from './terraform-failures';

const LOCK_FILE = '.terraform.lock.hcl';

/** The kept lock file of a stack, where init (cli/terraform.ts) puts it in place and saves it. */
export const keptLockFile = (lockDir: string, stack: string) => path.join(lockDir, `${stack}${LOCK_FILE}`);

export interface LockFilesOptions {
  /** Go's OS_ARCH names, as `terraform providers lock -platform`. */
  readonly platforms: readonly string[];
  /** An absolute filesystem mirror directory (packed or unpacked layout). */
  readonly fsMirror?: string;
  /** A network mirror's https: base URL. */
  readonly netMirror?: string;
}

export interface StackLock {
  readonly stack: string;
  readonly ok: boolean;
  /** The providers and versions locked, or why the stack could not be locked (Terraform's diagnostic whole). */
  readonly summary: string;
  /** The new lock file's text (ok only). */
  readonly text?: string;
  /** The kept lock file's text before this run; undefined when there was none. */
  readonly before?: string;
  /** What this run does to the kept lock file (ok only). */
  readonly change?: 'new' | 'updated' | 'unchanged';
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/** Puts `text` at `file`, or removes the file when there is no text. */
function put(file: string, text: string | undefined): void {
  if (text === undefined) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, text);
}

/** `hashicorp/aws 6.25.0, okta/okta 6.12.0` of a lock file's text. */
export function lockedProviders(text: string): string[] {
  return [...text.matchAll(/^provider "(?:registry\.terraform\.io\/)?([^"]+)" \{\s*\n\s*version\s*=\s*"([^"]+)"/gm)].map(([, provider, version]) => `${provider} ${version}`);
}

/**
 * The stacks to lock: every stack of the manifest (the state bucket stack included), or the ones
 * --stack names; a name that is not there is an error that lists the stacks there are.
 */
export function stacksToLock(outdir: string, wanted?: readonly string[]): SynthesizedStack[] {
  return namedStacks(readStacks(outdir), outdir, wanted);
}

/** Runs `terraform providers lock` in one stack with its kept lock file in place; writes nothing kept. */
export async function lockStack(stack: SynthesizedStack, env: NodeJS.ProcessEnv, lockDir: string, options: LockFilesOptions): Promise<StackLock> {
  const before = read(keptLockFile(lockDir, stack.name));
  const inStack = path.join(stack.dir, LOCK_FILE);
  // The kept lock, or none: a lock an earlier init left in cdktf.out/ is not what is committed.
  put(inStack, before);
  const mirror = options.fsMirror !== undefined ? [`-fs-mirror=${options.fsMirror}`] : options.netMirror !== undefined ? [`-net-mirror=${options.netMirror}`] : [];
  const result = await terraformIn(stack.dir, env)('providers', 'lock', '-no-color', ...mirror, ...options.platforms.map((p) => `-platform=${p}`));
  if (result.error) return { stack: stack.name, ok: false, summary: `cannot run terraform: ${result.error.message}`, before };
  if (result.status !== 0) {
    put(inStack, before);
    return { stack: stack.name, ok: false, summary: `terraform providers lock failed: ${errorText(result.stderr || result.stdout)}`, before };
  }
  const text = read(inStack) ?? '';
  const providers = lockedProviders(text);
  const change = before === undefined ? 'new' : before === text ? 'unchanged' : 'updated';
  const said = { new: 'new lock file', updated: 'lock file updated', unchanged: 'lock file unchanged' }[change];
  return { stack: stack.name, ok: true, summary: `${providers.join(', ') || 'no providers'}; ${said}`, text, before, change };
}

/**
 * Writes every changed lock file, or none: each to a temporary file beside the kept one first, then
 * all renamed over the kept ones. Returns the files written.
 */
export function writeLocks(lockDir: string, locks: readonly StackLock[]): string[] {
  const changed = locks.filter((l) => l.text !== undefined && l.change !== 'unchanged');
  if (changed.length === 0) return [];
  fs.mkdirSync(lockDir, { recursive: true });
  const staged = changed.map((l) => ({ temp: path.join(lockDir, `.${l.stack}${LOCK_FILE}.${process.pid}.tmp`), kept: keptLockFile(lockDir, l.stack), text: l.text! }));
  try {
    for (const { temp, text } of staged) fs.writeFileSync(temp, text);
  } catch (error) {
    for (const { temp } of staged) fs.rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, kept } of staged) fs.renameSync(temp, kept);
  return staged.map((s) => s.kept);
}

export async function runLockFiles({ values, env, output }: Context): Promise<number> {
  const fsMirror = values['fs-mirror'] as string | undefined;
  const netMirror = values['net-mirror'] as string | undefined;
  if (fsMirror !== undefined && netMirror !== undefined) {
    // A usage error, like the parser's: Terraform reads one mirror.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { COMMANDS } = require('./commands') as typeof import('./commands');
    const { commandUsage } = require('./usage') as typeof import('./usage');
    /* eslint-enable @typescript-eslint/no-require-imports */
    output.err(`${PREFIX} lock-files: --fs-mirror and --net-mirror cannot be given together (Terraform reads one mirror)\n\n${commandUsage(COMMANDS.find((c) => c.name === 'lock-files')!)}`);
    return 2;
  }
  const reporter = new Reporter(output);
  const mirrorDir = fsMirror === undefined ? undefined : path.resolve(fsMirror);
  if (mirrorDir !== undefined && !fs.statSync(mirrorDir, { throwIfNoEntry: false })?.isDirectory()) {
    reporter.summary(false, `lock-files: --fs-mirror ${fsMirror} is not a directory; nothing was run`);
    return 1;
  }
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  try {
    const stacks = stacksToLock(outdir, values.stack as string[] | undefined);
    const platforms = [...new Set((values.platform as string[] | undefined) ?? DEFAULT_LOCK_PLATFORMS)];
    const { lockDir } = lockOptions(undefined, env);
    const runEnv = terraformEnvironment(env);
    const source = mirrorDir !== undefined ? `the mirror ${mirrorDir}` : netMirror !== undefined ? `the mirror ${netMirror}` : 'the Terraform registry';
    const locks = await inOrder(stacks, (values.parallel as number | undefined) ?? DEFAULT_PARALLELISM, async (stack) => {
      reporter.stackStarted(stack.name, `terraform providers lock for ${platforms.join(', ')} from ${source}`);
      const lock = await lockStack(stack, runEnv, lockDir, { platforms, fsMirror: mirrorDir, netMirror });
      reporter.stackFinished(stack.name, lock.ok, lock.summary);
      return lock;
    });
    const failed = locks.filter((l) => !l.ok);
    if (failed.length > 0) {
      // Every stack's directory gets its kept lock back, so a later init keeps nothing of this run.
      locks.forEach((lock, i) => put(path.join(stacks[i].dir, LOCK_FILE), lock.before));
      reporter.summary(false, `lock-files: ${failed.length} of ${stacks_(locks.length)} could not be locked (${failed.map((l) => l.stack).join(', ')}: see the ✗ lines above); no lock file in ${lockDir}/ was changed`);
      return 1;
    }
    const written = writeLocks(lockDir, locks);
    const count = (change: StackLock['change']) => locks.filter((l) => l.change === change).length;
    const what = written.length === 0 ? `the lock files in ${lockDir}/ were up to date` : `lock files in ${lockDir}/: ${count('new')} new, ${count('updated')} updated, ${count('unchanged')} unchanged; review and commit them`;
    reporter.summary(true, `lock-files: ${stacks_(locks.length)} locked for ${platforms.join(', ')}; ${what}`);
    return 0;
  } catch (error) {
    reporter.summary(false, `lock-files failed: ${(error as Error).message}`);
    return 1;
  }
}
