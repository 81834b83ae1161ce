/**
 * `npm run bench`: what users feel of this package's speed, measured as whole processes.
 *
 * - the full example (examples/all-sinks.yaml) synthesized by the shipped bundle: median wall, CPU, peak memory;
 * - the same program with provider root imports (a variant generated under bench/.variant/ for the
 *   run and removed right after it, never shipped), bundled by the same build, and the ratio: only
 *   the import style differs;
 * - synth time for 1, 10, 50 and 100 stacks, and the cost of each added stack;
 * - drift over eight built-in-provider fixture stacks (terraform_data, local state), one stack at a
 *   time against the default two, and four;
 * - `npm test`: wall time and the peak memory of its whole process tree;
 * - the install footprint (node_modules).
 * It prints a table, checks the budgets (README, Performance) and exits 1 when one is missed.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../scripts/bundle') as { bundle: (entry?: string, outfile?: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { detectDrift } = require('../cli/drift') as typeof import('../cli/drift');

const ROOT = path.join(__dirname, '..');
const VARIANT = path.join(__dirname, '.variant');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-bench-'));
const USAGE = path.join(__dirname, 'usage.js');
const EXAMPLE = path.join(ROOT, 'examples', 'all-sinks.yaml');

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

/** One synth as a whole process; wall time from here, CPU and peak memory from the process itself. */
function synth(script: string, config: string): Run {
  const usageFile = path.join(WORK, `usage-${Math.random().toString(36).slice(2)}.jsonl`);
  const outdir = path.join(WORK, `out-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', USAGE, script], {
    env: { PATH: process.env.PATH, OKTA_LOG_STREAMING_CONFIG: config, CDKTF_OUTDIR: outdir, BENCH_USAGE_FILE: usageFile },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${script} failed:\n${run.stderr}`);
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8').trim().split('\n').pop() as string);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { wallMs, cpuMs: usage.cpuMs, maxRssMb: usage.maxRssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(runs: Run[]): Run {
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

/**
 * Each program run `rounds` times in alternation with the others: a slower stretch of a shared
 * machine falls on all of them, and round i of one program can be compared with round i of another.
 * A warm-up run each first, unless the programs have just run (so every measured run starts alike).
 */
function alternate(scripts: readonly { script: string; config: string }[], rounds: number, warmUp = true): Run[][] {
  if (warmUp) for (const { script, config } of scripts) synth(script, config);
  const runs: Run[][] = scripts.map(() => []);
  for (let round = 0; round < rounds; round++) scripts.forEach(({ script, config }, i) => runs[i].push(synth(script, config)));
  return runs;
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The same sources with every deep provider import turned into a root import. */
function rootImportVariant(): string {
  fs.rmSync(VARIANT, { recursive: true, force: true });
  let rewritten = 0;
  // Every folder main.ts reaches: the cli/ libraries it imports too (synth flags, usage, HCL export).
  for (const dir of ['modules', 'stacks', 'schema', 'cli']) {
    for (const file of listTs(path.join(ROOT, dir))) {
      const target = path.join(VARIANT, 'src', path.relative(ROOT, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const source = fs.readFileSync(file, 'utf8').replace(
        /import \{([^}]*)\} from '@cdktf\/provider-(aws|okta|time)\/lib\/([a-z0-9-]+)';/g,
        (_match, names: string, provider: string, lib: string) => {
          rewritten += 1;
          const namespace = lib.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
          const alias = `root_${provider}_${namespace}`;
          return `import { ${namespace} as ${alias} } from '@cdktf/provider-${provider}';\nconst { ${names.trim()} } = ${alias};`;
        },
      );
      fs.writeFileSync(target, source);
    }
  }
  fs.copyFileSync(path.join(ROOT, 'main.ts'), path.join(VARIANT, 'src', 'main.ts'));
  if (rewritten === 0) throw new Error('the variant rewrote no import: the sources changed shape');
  return bundle(path.join(VARIANT, 'src', 'main.ts'), path.join(VARIANT, 'okta-log-streaming.js'));
}

/** A config with `count` stacks: one Bronto stack per stream, two streams per Okta org. */
function configWith(count: number): string {
  const file = path.join(WORK, `stacks-${count}.yaml`);
  const stacks = Array.from({ length: count }, (_v, i) => ({
    name: `okta-${i}`,
    event_source_name: `okta_${i}`,
    okta: { org_name: `org-${Math.floor(i / 2)}` },
    sink: { type: 'bronto', region: 'eu', collection: `c${i}` },
  }));
  fs.writeFileSync(
    file,
    stringify({
      okta: { org_name: 'org-0' },
      aws: { account_id: '123456789012', region: 'eu-west-1' },
      backend: { type: 's3', bucket: 'acme-okta-log-streaming-tfstate' },
      stacks,
    }),
  );
  return file;
}

/** Peak total RSS of a command and all its descendants, sampled from /proc every 100 ms (sampling costs CPU too). */
async function measureTree(command: string, args: string[]): Promise<{ wallMs: number; peakMb: number; status: number | null }> {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, CI: 'true' } });
  let peakKb = 0;
  const timer = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid as number))), 100);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, peakMb: peakKb / 1024, status };
}

function treeRssKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4); // pages of 4 KiB
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while being read
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function directorySizeMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.lstatSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1024 / 1024;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

const DRIFT_STACKS = 8;

/** Eight applied fixture stacks, as cdktf lays them out: each one terraform_data with local state. */
function driftFixture(): { outdir: string; env: NodeJS.ProcessEnv } {
  const outdir = path.join(WORK, 'drift');
  const env = { PATH: process.env.PATH ?? '', HOME: WORK, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_PLUGIN_CACHE_DIR: path.join(WORK, 'cache'), OKTA_LOG_STREAMING_LOCK_DIR: path.join(WORK, 'locks') };
  const stacks: Record<string, unknown> = {};
  for (let i = 0; i < DRIFT_STACKS; i += 1) {
    const name = `stack-${i}`;
    const dir = path.join(outdir, 'stacks', name);
    fs.mkdirSync(dir, { recursive: true });
    const config = { terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: { terraform_data: { stream_status: { input: 'ACTIVE' } } } };
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(config));
    for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) spawnSync('terraform', [`-chdir=${dir}`, ...args], { env, encoding: 'utf8' });
    stacks[name] = { name, workingDirectory: `stacks/${name}` };
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
  return { outdir, env };
}

/** Median wall time of a drift check over the fixture at each parallelism, in alternating rounds. */
async function driftTimes(workers: readonly number[], rounds: number): Promise<number[]> {
  const { outdir, env } = driftFixture();
  const times = workers.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, parallel] of workers.entries()) {
      const start = Date.now();
      const verdicts = await detectDrift({ outdir, env, parallel });
      if (verdicts.some((v) => v.status !== 'clean')) throw new Error(`bench drift fixture is not clean: ${JSON.stringify(verdicts)}`);
      times[i].push(Date.now() - start);
    }
  }
  return times.map(median);
}

async function main(): Promise<number> {
  const started = Date.now();
  // The shipped form: `npm run build` writes it, `npm run synth` runs it.
  const shippedBundle = bundle();
  const [shippedRuns, rootRuns] = alternate(
    [
      { script: shippedBundle, config: EXAMPLE },
      { script: rootImportVariant(), config: EXAMPLE },
    ],
    5,
  );
  const [shipped, root] = [summarize(shippedRuns), summarize(rootRuns)];
  // Each round's two runs follow each other, so their ratio sees the machine as it was then.
  const timeRatio = median(shippedRuns.map((run, i) => run.wallMs / rootRuns[i].wallMs));
  fs.rmSync(VARIANT, { recursive: true, force: true }); // measured: gone before the tests run

  const counts = [1, 10, 50, 100];
  const growth = alternate(
    counts.map((count) => ({ script: shippedBundle, config: configWith(count) })),
    5,
    false, // the bundle has just run
  ).map((runs, i) => ({ count: counts[i], run: summarize(runs) }));
  const perStack = (a: (typeof growth)[number], b: (typeof growth)[number]) => (b.run.wallMs - a.run.wallMs) / (b.count - a.count);
  // 1→10 also pays V8's warm-up of the stack code; linear means the later steps cost alike per
  // stack. Steps of 40 and 50 stacks keep a shared machine's noise small beside what they measure.
  const [early, middle, late] = [perStack(growth[0], growth[1]), perStack(growth[1], growth[2]), perStack(growth[2], growth[3])];

  const driftWorkers = [1, 2, 4];
  const drift = await driftTimes(driftWorkers, 3);

  const tests = await measureTree('npm', ['test', '--silent']);
  const installMb = directorySizeMb(path.join(ROOT, 'node_modules'));

  const cpu = os.cpus();
  const rows: [string, string][] = [
    ['machine', `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`],
    ['full example synth, shipped bundle (median of 5)', `${fmt(shipped.wallMs / 1000)} s wall, ${fmt(shipped.cpuMs / 1000)} s CPU, ${fmt(shipped.maxRssMb, 0)} MB peak`],
    ['same, root-import variant, same build (median of 5)', `${fmt(root.wallMs / 1000)} s wall, ${fmt(root.cpuMs / 1000)} s CPU, ${fmt(root.maxRssMb, 0)} MB peak`],
    ['shipped / root-import variant (median of 5 paired runs)', `${fmt(timeRatio)} time, ${fmt(shipped.maxRssMb / root.maxRssMb)} memory`],
    ...growth.map(({ count, run }): [string, string] => [`synth of ${count} stack${count > 1 ? 's' : ''}`, `${fmt(run.wallMs / 1000)} s wall, ${fmt(run.maxRssMb, 0)} MB peak`]),
    ['cost per added stack', `${fmt(early, 0)} ms (1→10), ${fmt(middle, 0)} ms (10→50), ${fmt(late, 0)} ms (50→100)`],
    [
      `drift over ${DRIFT_STACKS} fixture stacks (median of 3)`,
      driftWorkers.map((n, i) => `${fmt(drift[i] / 1000, 1)} s with ${n === 1 ? '1 stack at a time' : `--parallel ${n}`}`).join(', '),
    ],
    ['npm test', `${fmt(tests.wallMs / 1000, 1)} s wall, ${fmt(tests.peakMb, 0)} MB peak (whole process tree)${tests.status === 0 ? '' : ', FAILED'}`],
    ['install footprint (node_modules)', `${fmt(installMb, 0)} MB`],
  ];

  const budgets: [string, boolean, string][] = [
    ['full example synth ≤ 0.5 s median', shipped.wallMs <= 500, `${fmt(shipped.wallMs / 1000)} s`],
    ['full example synth ≤ 200 MB', shipped.maxRssMb <= 200, `${fmt(shipped.maxRssMb, 0)} MB`],
    ['full example synth ≤ 0.15 of the root-import variant', timeRatio <= 0.15, fmt(timeRatio)],
    ['drift with the default --parallel 2 faster than one at a time', drift[1] < drift[0], `${fmt(drift[1] / drift[0])}×`],
    ['npm test ≤ 30 s wall', tests.wallMs <= 30_000 && tests.status === 0, `${fmt(tests.wallMs / 1000, 1)} s`],
    ['npm test ≤ 1 GB peak', tests.peakMb <= 1024, `${fmt(tests.peakMb, 0)} MB`],
    // Linear (or better): a stack added to 50 costs no more than one added to 10, within noise.
    ['growth linear in stacks (cost per stack 50→100 ≤ 1.5× 10→50)', late <= 1.5 * middle, `${fmt(late / middle)}×`],
  ];

  const width = Math.max(...rows.map(([k]) => k.length), ...budgets.map(([k]) => k.length));
  console.log('\nokta-log-streaming bench\n');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log('\nbudgets\n');
  for (const [k, ok, v] of budgets) console.log(`${ok ? '✓' : '✗'} ${k.padEnd(width)}  ${v}`);
  console.log(`\nbench took ${fmt((Date.now() - started) / 1000, 0)} s`);
  return budgets.every(([, ok]) => ok) ? 0 : 1;
}

/** The variant's root imports must not outlive the run: the tree holds deep imports only. */
function cleanUp(): void {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.rmSync(VARIANT, { recursive: true, force: true });
}

main()
  .then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`bench failed: ${error.message}`);
      process.exitCode = 1;
    },
  )
  .finally(cleanUp);
