import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configSource, DEFAULT_CONFIG, main, withoutStackTraces } from '../main';
import { brontoConfig } from './helpers/config';
import { captured } from './helpers/output';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../scripts/bundle') as { bundle: (entry: string, outfile: string) => string };

const root = path.join(__dirname, '..');
/** What `npm run synth` runs: the bundle `npm run build` writes (built once, here, into a temp dir). */
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
const app = bundle(path.join(root, 'main.ts'), path.join(bundleDir, 'okta-log-streaming.js'));
afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

let workspace: string;
beforeEach(() => (workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'main-test-'))));
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

function writeConfig(name: string, content: unknown): string {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Every file below `dir`, with its content. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(file, fs.readFileSync(file, 'utf8'));
    }
  }
  return files;
}

/** Runs the app as `npm run synth` does: a process of its own, with the given environment. */
function runApp(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [app, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('main', () => {
  test('refuses names two stacks would share, naming both config paths, and writes nothing', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'earlier.txt'), 'kept');
    const raw = brontoConfig();
    raw.stacks.push({ ...raw.stacks[0], name: 'okta-bronto-2', event_source_name: 'okta_bronto_2', okta: { org_name: 'other' }, sink: { type: 'cloudwatch_logs', log_group_name: '/okta' } });
    raw.stacks.push({ name: 'okta-logs', event_source_name: 'okta_logs', okta: { org_name: 'third' }, sink: { type: 'cloudwatch_logs', log_group_name: '/okta' } });
    const { lines, output } = captured();
    expect(main({ OKTA_LOG_STREAMING_CONFIG: writeConfig('collide.json', raw), CDKTF_OUTDIR: outdir }, output)).toBe(1);
    expect(lines.err.join('\n')).toContain('has 1 problem; nothing was synthesized');
    expect(lines.err.join('\n')).toContain('- stacks[2].sink.log_group_name: stacks[1].sink.log_group_name and this both name a CloudWatch Logs log group "/okta"');
    expect([...readTree(workspace).keys()].map((f) => path.relative(workspace, f)).sort()).toEqual(['cdktf.out/earlier.txt', 'collide.json']);
  });

  test('synthesizes the shipped example when no config is given outside CI, and says so', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    const { lines, output } = captured();
    expect(main({ CDKTF_OUTDIR: outdir }, output)).toBe(0);
    expect(DEFAULT_CONFIG).toBe('examples/bronto.yaml');
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource)).toContain('okta_log_stream');
    expect(lines.out.join('\n')).toContain('okta-bronto');
    expect(lines.out.join('\n')).toContain('TF_VAR_bronto_api_key');
    expect(lines.err).toEqual(['okta-log-streaming: no config given: using the shipped example examples/bronto.yaml (give --config FILE or set OKTA_LOG_STREAMING_CONFIG for yours)']);
    expect(fs.readdirSync(workspace)).toEqual(['cdktf.out']);
  });

  test('the shipped example is the package\'s own file, from any working directory', () => {
    const shipped = path.join(root, DEFAULT_CONFIG);
    // From a directory above the package (a project that installed it, say): named relative to it.
    expect(configSource({}, path.join(root, '..'))).toEqual({
      path: path.join(path.basename(root), DEFAULT_CONFIG),
      note: `no config given: using the shipped example ${path.join(path.basename(root), DEFAULT_CONFIG)} (give --config FILE or set OKTA_LOG_STREAMING_CONFIG for yours)`,
    });
    // Elsewhere: named in full, never as ../ of the working directory.
    expect(configSource({}, workspace)).toEqual({ path: shipped, note: expect.stringContaining(`the shipped example ${shipped} (`) });
    expect(fs.existsSync(shipped)).toBe(true);
  });

  test.each(['true', '1', 'yes'])('fails when no config is given in CI (CI=%s): a forgotten variable must not plan the example', (ci) => {
    const { lines, output } = captured();
    expect(main({ CI: ci, CDKTF_OUTDIR: path.join(workspace, 'cdktf.out') }, output)).toBe(1);
    expect(lines.err).toEqual(['okta-log-streaming: no config given, and CI is set, so the shipped example is not used: give --config FILE or set OKTA_LOG_STREAMING_CONFIG; nothing was synthesized']);
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  test.each(['', '  '])('fails when OKTA_LOG_STREAMING_CONFIG is set but empty ("%s"), in CI or not', (value) => {
    for (const env of [{}, { CI: 'true' }]) {
      const { lines, output } = captured();
      expect(main({ ...env, OKTA_LOG_STREAMING_CONFIG: value, CDKTF_OUTDIR: path.join(workspace, 'cdktf.out') }, output)).toBe(1);
      expect(lines.err[0]).toContain('OKTA_LOG_STREAMING_CONFIG is set but empty');
    }
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  test('reads the file named by OKTA_LOG_STREAMING_CONFIG, JSON included', () => {
    const config = brontoConfig();
    config.stacks[0].name = 'from-json';
    const outdir = path.join(workspace, 'out');
    expect(main({ OKTA_LOG_STREAMING_CONFIG: writeConfig('c.json', config), CDKTF_OUTDIR: outdir }, captured().output)).toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['from-json']);
  });

  test('replaces the previous output whole: a stack removed from config leaves no stale directory', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'removed-stack'), { recursive: true });
    expect(main({ CDKTF_OUTDIR: outdir }, captured().output)).toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['okta-bronto', 'okta-log-streaming-state']);
  });

  test('fails on a bad config with every problem, and leaves the previous output untouched', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'marker'), 'previous synth');
    const config = brontoConfig();
    config.aws.region = 'eu-south-1';
    config.stacks[0].event_source_name = 'okta-bronto';
    const file = writeConfig('bad.yaml', config);
    const { lines, output } = captured();
    expect(main({ OKTA_LOG_STREAMING_CONFIG: file, CDKTF_OUTDIR: outdir }, output)).toBe(1);
    const message = lines.err.join('\n');
    expect(message).toContain(`${file} has 2 problems; nothing was synthesized:`);
    expect(message).toContain('  - aws.region: got "eu-south-1"');
    expect(message).toContain('  - stacks[0].event_source_name: got "okta-bronto"');
    expect(readTree(outdir)).toEqual(new Map([[path.join(outdir, 'marker'), 'previous synth']]));
    expect(fs.readdirSync(workspace).sort()).toEqual(['bad.yaml', 'cdktf.out']);
  });

  test('fails when the config file does not exist, saying how to name one', () => {
    const { lines, output } = captured();
    const missing = path.join(workspace, 'nope.yaml');
    expect(main({ OKTA_LOG_STREAMING_CONFIG: missing, CDKTF_OUTDIR: path.join(workspace, 'out') }, output)).toBe(1);
    expect(lines.err).toEqual([`okta-log-streaming: config file ${missing} not found; give --config FILE (or OKTA_LOG_STREAMING_CONFIG) naming a YAML or JSON config file`]);
    expect(fs.readdirSync(workspace)).toEqual([]);
  });

  test('fails on malformed YAML with its position', () => {
    const { lines, output } = captured();
    const file = writeConfig('broken.yaml', 'okta:\n  org_name: [acme\n');
    expect(main({ OKTA_LOG_STREAMING_CONFIG: file, CDKTF_OUTDIR: path.join(workspace, 'out') }, output)).toBe(1);
    expect(lines.err.join('\n')).toMatch(/ {2}- \S+broken\.yaml:\d+:\d+: is not valid YAML: [^\n]+$/);
  });
});

describe('main as a process', () => {
  test('takes the synth command\'s flags as the tool does: --config honoured, --help and a misspelt flag write nothing', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    const given = runApp({ CDKTF_OUTDIR: outdir, CI: 'true' }, ['--config', writeConfig('mine.json', brontoConfig())]);
    expect(given.status).toBe(0);
    expect(given.stdout).toContain('mine.json');
    fs.rmSync(outdir, { recursive: true });
    const help = runApp({ CDKTF_OUTDIR: outdir }, ['--help']);
    expect({ status: help.status, usage: help.stdout.split('\n')[0] }).toEqual({ status: 0, usage: 'Usage: okta-log-streaming synth [flags]' });
    const typo = runApp({ CDKTF_OUTDIR: outdir }, ['--confg', 'x.yaml']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('okta-log-streaming: synth: unknown flag --confg (did you mean --config?)');
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('end to end: exit 0, the stack written, secrets from the environment appear nowhere in the output', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    const secrets = {
      TF_VAR_bronto_api_key: 'bronto-key-5f0c2a7e-do-not-leak',
      OKTA_API_TOKEN: '00okta-token-9b1d4c-do-not-leak',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-31e8f0-do-not-leak',
    };
    const run = runApp({ ...secrets, CDKTF_OUTDIR: outdir, OKTA_LOG_STREAMING_CONFIG: 'examples/bronto.yaml' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Printed whole through a pipe, although the app exits as soon as its output is flushed.
    expect(run.stdout).toBe(
      `okta-log-streaming: synthesized 2 stack(s) from examples/bronto.yaml as Terraform JSON (cdk.tf.json) into ${outdir}/:\n` +
        `  okta-bronto: ${path.join(outdir, 'stacks', 'okta-bronto')} (set TF_VAR_bronto_api_key at plan/apply)\n` +
        `  okta-log-streaming-state: ${path.join(outdir, 'stacks', 'okta-log-streaming-state')}\n` +
        'next: okta-log-streaming bootstrap once (the state bucket), then okta-log-streaming plan with the variables above set (docs/operations.md)\n',
    );
    const files = readTree(outdir);
    expect(files.size).toBeGreaterThan(0);
    const everything = [...files.values()].join('\n') + run.stdout;
    for (const value of Object.values(secrets)) expect(everything).not.toContain(value);
    // The key is wired, as a reference to the sensitive variable.
    expect(everything).toContain('"value": "${var.bronto_api_key}"');
  });

  test('error path: exit 1, every problem with its path, no stack trace, no output directory', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    const config = brontoConfig();
    config.okta.org_name = 'acme.okta.com';
    config.stacks[0].sink.region = 'apac';
    const run = runApp({ OKTA_LOG_STREAMING_CONFIG: writeConfig('bad.json', config), CDKTF_OUTDIR: outdir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('  - okta.org_name: got "acme.okta.com"; must be the org subdomain only');
    expect(run.stderr).toContain('  - stacks[0].sink.region: got "apac"; must be one of: eu, us');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(workspace)).toEqual(['bad.json']);
  });
});

describe('main config path', () => {
  test('a directory given as the config is named in plain words, and nothing is written', () => {
    const { lines, output } = captured();
    const outdir = path.join(workspace, 'cdktf.out');
    expect(main({ OKTA_LOG_STREAMING_CONFIG: workspace, CDKTF_OUTDIR: outdir }, output)).toBe(1);
    expect(lines.err.join('\n')).toContain(`config file ${workspace} is a directory, not a file; set OKTA_LOG_STREAMING_CONFIG to a YAML or JSON config file`);
    expect(lines.err.join('\n')).not.toContain('EISDIR');
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe('main output directory', () => {
  test('creates missing parents of CDKTF_OUTDIR', () => {
    const outdir = path.join(workspace, 'deep', 'er', 'cdktf.out');
    expect(main({ CDKTF_OUTDIR: outdir }, captured().output)).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf.json'))).toBe(true);
  });
});

describe('main on an unexpected failure', () => {
  test('reports the error in one message, without a stack trace, and exits 1', () => {
    const blocker = path.join(workspace, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    const { lines, output } = captured();
    expect(main({ OKTA_LOG_STREAMING_CONFIG: 'examples/bronto.yaml', CDKTF_OUTDIR: path.join(blocker, 'cdktf.out') }, output)).toBe(1);
    const message = lines.err.join('\n');
    expect(message).toMatch(/^okta-log-streaming: .*not-a-directory/);
    expect(message).toContain('nothing was written to');
    expect(message).not.toMatch(/^\s+at /m);
  });
});

describe('main and stack traces', () => {
  /**
   * Counts the stack traces captured while `run` runs, the way cdktf captures one per token, and
   * whether `run` left Error.captureStackTrace as it found it.
   */
  function countCaptures(run: () => void): { captures: number; restored: boolean } {
    const original = Error.captureStackTrace;
    let captures = 0;
    const counting = (...args: Parameters<typeof original>) => {
      captures += 1;
      original(...args);
    };
    Error.captureStackTrace = counting;
    try {
      run();
      return { captures, restored: Error.captureStackTrace === counting };
    } finally {
      Error.captureStackTrace = original;
    }
  }

  test('a synth captures none (cdktf would take one per token), and leaves Error as it found it', () => {
    const prepare = Error.prepareStackTrace;
    const counted = countCaptures(() => expect(main({ CDKTF_OUTDIR: path.join(workspace, 'out') }, captured().output)).toBe(0));
    expect(counted).toEqual({ captures: 0, restored: true });
    expect(Error.prepareStackTrace).toBe(prepare);
  });

  test('with OKTA_LOG_STREAMING_DEBUG they are kept, for cdktf error messages that show where a token came from', () => {
    const env = { CDKTF_OUTDIR: path.join(workspace, 'out'), OKTA_LOG_STREAMING_DEBUG: '1' };
    expect(countCaptures(() => expect(main(env, captured().output)).toBe(0)).captures).toBeGreaterThan(100);
  });

  test('Error is restored when the synth throws half-way too', () => {
    const before = { capture: Error.captureStackTrace, prepare: Error.prepareStackTrace };
    const failing = () =>
      withoutStackTraces(true, () => {
        throw new Error('ENOSPC: no space left on device');
      });
    expect(failing).toThrow('ENOSPC');
    expect({ capture: Error.captureStackTrace, prepare: Error.prepareStackTrace }).toEqual(before);
  });
});
