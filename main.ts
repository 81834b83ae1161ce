/**
 * The app: reads the configuration named by OKTA_LOG_STREAMING_CONFIG (`okta-log-streaming synth
 * --config` sets it; with neither, the shipped example, never in CI), validates it as a whole and synthesizes one stack per entry. The only place that reads
 * the environment. On any problem it prints every problem found, exits non-zero and leaves the output
 * directory as it was: stacks are synthesized into a staging directory that replaces it only on success.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { configNameCollisions, createStacks } from './stacks/create-stacks';
import { OktaLogStreamingStack } from './stacks/okta-log-streaming-stack';
import { neededVariables, VARIABLES_FILE } from './stacks/variables-manifest';
import { STATE_BUCKET_STACK } from './schema/cross-check';
import { formatProblems, loadConfig } from './schema/validate';
import { isCi } from './cli/ci';
import { SYNTH } from './cli/synth-command';
import { commandLine } from './cli/usage';
import { packageDir } from './cli/package-info';

/** The shipped example, in the package's own directory (a clone's root, or where npm installed it). */
export const DEFAULT_CONFIG = 'examples/bronto.yaml';
const PREFIX = 'okta-log-streaming:';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface MainOptions {
  /**
   * Runs on the staging directory after synthesis and before it replaces the output directory, so
   * what it rewrites is published whole or not at all (HCL export uses it).
   */
  readonly transform?: (stagingDir: string, stacks: readonly TerraformStack[]) => void;
  /** What is written, for the summary. @default "Terraform JSON (cdk.tf.json)" */
  readonly written?: string;
  /** The line that says what to do next; null for none (synthesis as a step of another command). @default - plan, with the variables set */
  readonly next?: string | null;
}

const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Which config to read: OKTA_LOG_STREAMING_CONFIG (the tool's --config sets it); with neither, the
 * shipped example, but never in CI, where a forgotten repository variable must not plan the example.
 * An empty value is an error (an unset CI variable expands to nothing). The example is the package's
 * own file, named relative to the working directory when it is below it (`examples/bronto.yaml` in
 * a clone, `node_modules/okta-log-streaming/examples/bronto.yaml` in a project that installed it).
 */
export function configSource(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): { readonly path: string; readonly note?: string } | { readonly problem: string } {
  const given = env.OKTA_LOG_STREAMING_CONFIG;
  if (given !== undefined && given.trim() === '') {
    return { problem: 'OKTA_LOG_STREAMING_CONFIG is set but empty (an unset CI variable expands to nothing): give a config file, or unset it' };
  }
  if (given !== undefined) return { path: given };
  if (isCi(env)) return { problem: `no config given, and CI is set, so the shipped example is not used: give --config FILE or set OKTA_LOG_STREAMING_CONFIG` };
  const example = path.join(packageDir(), DEFAULT_CONFIG);
  const relative = path.relative(cwd, example);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? example : relative;
  return { path: shown, note: `no config given: using the shipped example ${shown} (give --config FILE or set OKTA_LOG_STREAMING_CONFIG for yours)` };
}

/** Runs one synthesis; returns the process exit code. */
export function main(env: NodeJS.ProcessEnv, output: Output = consoleOutput, options: MainOptions = {}): number {
  const source = configSource(env);
  if ('problem' in source) {
    output.err(`${PREFIX} ${source.problem}; nothing was synthesized`);
    return 1;
  }
  if (source.note !== undefined) output.err(`${PREFIX} ${source.note}`);
  const configPath = source.path;
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  const staging = `${outdir}.staging-${process.pid}`;
  try {
    const text = readConfig(configPath);
    if (text === undefined) {
      output.err(`${PREFIX} config file ${configPath} not found; give --config FILE (or OKTA_LOG_STREAMING_CONFIG) naming a YAML or JSON config file`);
      return 1;
    }
    const loaded = loadConfig(text, configPath);
    if (!loaded.ok) {
      output.err(`${PREFIX} ${formatProblems(configPath, loaded.problems)}`);
      return 1;
    }

    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(path.resolve(staging)), { recursive: true });
    const built = withoutStackTraces(!env.OKTA_LOG_STREAMING_DEBUG, () => {
      // No construct stack traces either: nothing here reads them.
      const app = new App({ outdir: staging, stackTraces: false });
      const created = createStacks(app, loaded.value);
      // Names that only collide across stacks show once every stack is built, before anything is written.
      const collisions = configNameCollisions(created, loaded.value);
      if (collisions.length === 0) app.synth();
      return { created, collisions };
    });
    if (built.collisions.length > 0) {
      output.err(`${PREFIX} ${formatProblems(configPath, built.collisions)}`);
      return 1;
    }
    const stacks = built.created;
    // What the pipeline must provide, machine-readable (scripts/preflight.ts, the workflows).
    fs.writeFileSync(path.join(staging, VARIABLES_FILE), `${JSON.stringify({ variables: neededVariables(stacks, loaded.value) }, null, 2)}\n`);
    options.transform?.(staging, stacks);

    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    output.out(`${PREFIX} synthesized ${stacks.length} stack(s) from ${configPath} as ${options.written ?? 'Terraform JSON (cdk.tf.json)'} into ${outdir}/:`);
    for (const stack of stacks) {
      const secrets = stack instanceof OktaLogStreamingStack ? stack.secretVariableNames : [];
      const variables = secrets.map((name) => `TF_VAR_${name}`).join(', ');
      output.out(`  ${stack.node.id}: ${path.join(outdir, 'stacks', stack.node.id)}${variables ? ` (set ${variables} at plan/apply)` : ''}`);
    }
    const bootstrap = stacks.some((s) => s.node.id === STATE_BUCKET_STACK) ? 'okta-log-streaming bootstrap once (the state bucket), then ' : '';
    if (options.next !== null) output.out(`next: ${options.next ?? `${bootstrap}okta-log-streaming plan with the variables above set (docs/operations.md)`}`);
    return 0;
  } catch (error) {
    // A construct refusing misuse, or cdktf's validation: the message says what is wrong; a stack
    // trace would only bury it.
    output.err(`${PREFIX} ${(error as Error).message ?? String(error)}\nnothing was written to ${outdir}/`);
    if (env.OKTA_LOG_STREAMING_DEBUG) output.err((error as Error).stack ?? '');
    return 1;
  } finally {
    removeQuietly(staging);
  }
}

/** Cleanup must not replace the error being reported with one of its own. */
function removeQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // nothing was created there
  }
}

/**
 * cdktf captures a full stack trace for every token it creates (Error.captureStackTrace with no
 * depth limit) and formats it, only ever to show in its own error messages: a quarter of a synth.
 * Both are skipped unless debugging; without OKTA_LOG_STREAMING_DEBUG an error is reported by its
 * message alone anyway.
 */
export function withoutStackTraces<T>(skip: boolean, run: () => T): T {
  if (!skip) return run();
  const { prepareStackTrace, captureStackTrace } = Error;
  Error.prepareStackTrace = () => '';
  Error.captureStackTrace = () => undefined;
  try {
    return run();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.captureStackTrace = captureStackTrace;
  }
}

function readConfig(configPath: string): string | undefined {
  try {
    return fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why = code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied' : `cannot be read (${code ?? 'error'})`;
    throw new Error(`config file ${configPath} ${why}; set OKTA_LOG_STREAMING_CONFIG to a YAML or JSON config file`);
  }
}

/**
 * Exits as soon as what was printed has reached stdout and stderr. Left to itself, Node would first
 * wait for V8 to finish a garbage collection begun near the end of a synth (~5% of a synth's time),
 * with nothing left to do.
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const flushed = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

/**
 * The app run as a program (`npm run synth` runs its bundle): the synth command's flags, parsed as the
 * tool parses them (`okta-log-streaming synth`), so help, a misspelt flag and --config behave alike.
 */
export function standalone(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output = consoleOutput): number {
  const line = commandLine(SYNTH, argv[0] === 'synth' ? argv.slice(1) : argv, output);
  if ('exit' in line) return line.exit;
  const { values } = line;
  const withConfig = values.config === undefined ? env : { ...env, OKTA_LOG_STREAMING_CONFIG: values.config as string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (values.hcl === true) return (require('./cli/synth-hcl') as typeof import('./cli/synth-hcl')).synthHcl(withConfig, output);
  return main(withConfig, output);
}

if (require.main === module) {
  exitWhenFlushed(standalone(process.argv.slice(2), process.env));
}
