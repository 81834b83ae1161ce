/**
 * The npm package as a platform team or a CDKTF user gets it: `npm pack` (its `prepack` builds
 * dist/package/), then the tarball installed into a fresh project from the npm cache alone, and
 * there the tool run with `npx` on a config of that project, and a TypeScript app of that project
 * that imports the constructs, type-checked with `tsc --strict` and synthesized.
 *
 * Offline: npm runs with `offline` (a package missing from the cache fails the install, ENOTCACHED,
 * instead of being downloaded), and its proxy is a closed loopback port, so any request it made
 * anyway would fail too. `npm install <tarball> typescript@<version>` fails offline (ENOTCACHED:
 * it resolves the specs it is given from registry metadata the cache does not answer for), while an
 * install from a lockfile takes what the repository's `npm ci` left in the cache. So the project
 * gets a lockfile, as a team's repository has one: the tarball, typescript, and the package's
 * production dependencies as package-lock.json resolves them (its entries not marked dev), and
 * `npm ci` installs it. A runtime dependency the package declares only as a dev one is missing
 * there, and the tool fails.
 * Run it with `npm run test:package` (~30 s); `npm test` does not.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  types: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin: Record<string, string>;
};
/** Bound on each npm or node run: the offline install from the cache takes ~10 s here. */
const RUN_TIMEOUT_MS = 240_000;

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-package-'));
const packDir = path.join(workspace, 'pack');
const project = path.join(workspace, 'project');
const home = path.join(workspace, 'home');
for (const dir of [packDir, project, home, path.join(workspace, 'tmp')]) fs.mkdirSync(dir);
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** The machine's npm settings: where `npm ci` left every dependency, and the registry its cache entries are keyed by. */
const npmConfig = (key: string) => spawnSync('npm', ['config', 'get', key], { cwd: root, encoding: 'utf8' }).stdout.trim();
const cache = npmConfig('cache');
const registry = npmConfig('registry');
/** Nothing listens there: a request npm made would fail at once. */
const CLOSED_PORT = 'http://127.0.0.1:9/';

/**
 * A clean environment: no CI (the tool would refuse its shipped example), HOME and TMPDIR in the
 * workspace, npm on the cache only, with no way out of loopback.
 */
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  TMPDIR: path.join(workspace, 'tmp'),
  CHECKPOINT_DISABLE: '1',
  npm_config_cache: cache,
  npm_config_offline: 'true',
  npm_config_registry: registry,
  npm_config_proxy: CLOSED_PORT,
  npm_config_https_proxy: CLOSED_PORT,
  npm_config_noproxy: '',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_logs_dir: path.join(workspace, 'npm-logs'),
};

function run(command: string, args: readonly string[], cwd: string, extra: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
}

/** What a failed run said, for the assertion that shows it. */
const outcome = (result: SpawnSyncReturns<string>) => ({ status: result.status, error: result.error?.message, stderr: result.status === 0 ? '' : `${result.stdout}\n${result.stderr}` });
const ok = { status: 0, error: undefined, stderr: '' };

interface Packed {
  readonly filename: string;
  readonly integrity: string;
  readonly files: readonly { readonly path: string }[];
}

interface LockEntry {
  readonly dev?: boolean;
  readonly [key: string]: unknown;
}

/** The project's package.json and package-lock.json: the tarball and typescript, with what they need. */
function writeProject(tarballSpec: string, integrity: string): void {
  const manifest = { name: 'platform-okta-logs', version: '1.0.0', private: true, dependencies: { 'okta-log-streaming': tarballSpec }, devDependencies: { typescript: pkg.devDependencies.typescript } };
  const repoLock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {
    '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
    'node_modules/okta-log-streaming': { version: pkg.version, resolved: tarballSpec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [at, entry] of Object.entries(repoLock.packages)) if (at !== '' && entry.dev !== true) packages[at] = entry;
  packages['node_modules/typescript'] = repoLock.packages['node_modules/typescript'];
  fs.writeFileSync(path.join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

let packed: Packed;

beforeAll(() => {
  const pack = run('npm', ['pack', '--json', '--pack-destination', packDir], root);
  expect(outcome(pack)).toEqual(ok);
  [packed] = JSON.parse(pack.stdout) as Packed[];

  writeProject(`file:${path.relative(project, path.join(packDir, packed.filename))}`, packed.integrity);
  const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
  expect(outcome(install)).toEqual(ok);
}, 2 * RUN_TIMEOUT_MS);

const installed = path.join(project, 'node_modules', 'okta-log-streaming');
const npx = (args: readonly string[], extra: NodeJS.ProcessEnv = {}) => run('npx', ['okta-log-streaming', ...args], project, extra);

describe('the packed files', () => {
  const files = () => packed.files.map((f) => f.path);

  test('are the compiled package, the bin, the examples, the JSON Schema, README and CHANGELOG: no sources, tests or state', () => {
    expect(files().filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files().filter((f) => /(^|\/)(__tests__|node_modules|bench|scripts|terraform|cdktf\.out|\.terraform)\/|\.tfstate|\.test\.|tsbuildinfo/.test(f))).toEqual([]);
    expect(files().filter((f) => !/^(dist\/package\/.+\.(js|d\.ts)|examples\/[^/]+\.ya?ml|cli\/bin\.js|schema\/config\.schema\.json|package\.json|README\.md|CHANGELOG\.md)$/.test(f))).toEqual([]);
    expect(files()).toEqual(expect.arrayContaining(['package.json', 'README.md', 'cli/bin.js', 'examples/bronto.yaml', 'schema/config.schema.json']));
    if (fs.existsSync(path.join(root, 'CHANGELOG.md'))) expect(files()).toContain('CHANGELOG.md');
    // Every compiled module comes with its declarations.
    const js = files().filter((f) => f.startsWith('dist/package/') && f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(100);
    expect(js.filter((f) => !files().includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  test('hold every file package.json points at (main, types, exports, typesVersions, bin)', () => {
    const targets = [
      pkg.main,
      pkg.types,
      ...Object.values(pkg.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry))),
      ...Object.values(pkg.typesVersions['*']).flat(),
      ...Object.values(pkg.bin),
    ].map((target) => path.normalize(target));
    expect(targets.filter((target) => !files().includes(target))).toEqual([]);
  });
});

describe('npx okta-log-streaming, installed from the tarball', () => {
  test('runs the compiled JavaScript: no tsx is installed', () => {
    expect(fs.existsSync(path.join(installed, 'cli', 'bin.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'cli', 'okta-log-streaming.ts'))).toBe(false);
    expect(fs.existsSync(path.join(project, 'node_modules', 'tsx'))).toBe(false);
  });

  test('--version is the package version, --help the usage', () => {
    const version = npx(['--version']);
    expect({ ...outcome(version), out: version.stdout.trim() }).toEqual({ ...ok, out: pkg.version });
    const help = npx(['--help']);
    expect(outcome(help)).toEqual(ok);
    expect(help.stdout).toMatch(/^Usage: okta-log-streaming <command>/m);
    expect(help.stdout).toContain('synth');
  });

  test('synth --config synthesizes a config of the project, which names the shipped JSON Schema', () => {
    fs.writeFileSync(
      path.join(project, 'config.yaml'),
      [
        '# yaml-language-server: $schema=./node_modules/okta-log-streaming/schema/config.schema.json',
        'okta:',
        '  org_name: acme',
        'aws:',
        '  account_id: "123456789012"',
        '  region: eu-west-1',
        'backend:',
        '  type: s3',
        '  bucket: acme-okta-log-streaming-tfstate',
        '  key_prefix: platform/prod',
        'stacks:',
        '  - name: platform-okta-logs',
        '    event_source_name: platform_okta_logs',
        '    sink:',
        '      type: cloudwatch_logs',
        '      log_group_name: /okta/system-log',
        '',
      ].join('\n'),
    );
    expect(fs.existsSync(path.join(project, 'node_modules', 'okta-log-streaming', 'schema', 'config.schema.json'))).toBe(true);
    const synth = npx(['synth', '--config', './config.yaml'], { CDKTF_OUTDIR: path.join(project, 'cdktf.out') });
    expect(outcome(synth)).toEqual(ok);
    expect(synth.stdout).toContain('synthesized 1 stack(s) from ./config.yaml');
    const stack = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', 'platform-okta-logs', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['okta_log_stream', 'aws_cloudwatch_event_bus', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_cloudwatch_log_group']));
    expect(Object.values(stack.resource.aws_cloudwatch_log_group).map((group) => (group as { name: string }).name)).toContain('/okta/system-log');
    expect(stack.terraform.backend.s3.bucket).toBe('acme-okta-log-streaming-tfstate');
  });

  test('synth with no config takes the example shipped in the package, and says where it is', () => {
    const synth = npx(['synth'], { CDKTF_OUTDIR: path.join(project, 'example.out') });
    expect(outcome(synth)).toEqual(ok);
    expect(synth.stderr).toContain(`using the shipped example ${path.join('node_modules', 'okta-log-streaming', 'examples', 'bronto.yaml')}`);
    expect(fs.existsSync(path.join(project, 'example.out', 'stacks', 'okta-bronto', 'cdk.tf.json'))).toBe(true);
  });

  test('fails when asked to regenerate the repository files, saying the package has no scripts/', () => {
    const schema = npx(['schema']);
    expect(schema.status).toBe(1);
    expect(schema.stderr).toContain('the installed npm package has no scripts/');
    expect(fs.existsSync(path.join(installed, 'scripts'))).toBe(false);
  });
});

/** A CDKTF app of the project's own: the package's stacks from a config, and its constructs composed by hand with a sink of the app's. */
const APP = `import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { BrontoSink, createStacks, FanOutStack, loadConfig, OktaEventRule, OktaEventSource, OktaRuleTarget } from 'okta-log-streaming';
import type { OktaLogSink, SinkFactory, SinkTargetConfig } from 'okta-log-streaming';
import { MAX_TARGETS_PER_RULE } from 'okta-log-streaming/modules';
import { formatProblems } from 'okta-log-streaming/schema';
import type { ResolvedConfig } from 'okta-log-streaming/schema';

/** A sink of the app's own, through the package's sink contract: events into an SQS queue. */
class QueueSink implements OktaLogSink {
  constructor(private readonly queueName: string) {}

  bind(scope: Construct, _rule: OktaEventRule): SinkTargetConfig {
    const queue = new SqsQueue(scope, 'Queue', { name: this.queueName });
    return { arn: queue.arn, inputPath: '$.detail' };
  }
}
const queueSink: SinkFactory<{ readonly queueName: string }> = (_secrets, _name, config) => new QueueSink(config.queueName);

class HandMadeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
    new OktaProvider(this, 'okta', { orgName: 'acme' });
    new TimeProvider(this, 'time');
    const apiKey = new TerraformVariable(this, 'bronto_api_key', { type: 'string', sensitive: true });
    const source = new OktaEventSource(this, 'Source', {
      orgName: 'acme',
      streamName: 'hand-made',
      eventSourceName: 'hand_made',
      accountId: '123456789012',
      region: 'eu-west-1',
    });
    const rule = new OktaEventRule(this, 'Rule', { eventBusName: source.eventBus.name, ruleName: 'hand-made' });
    new OktaRuleTarget(this, 'Bronto', {
      rule,
      sink: new BrontoSink({ name: 'hand-made-bronto', region: 'eu', collection: 'okta', apiKey: apiKey.stringValue }),
      targetId: 'bronto',
    });
    new OktaRuleTarget(this, 'Queue', { rule, sink: queueSink({ secretVariable: () => apiKey }, 'queue', { queueName: 'hand-made-events' }, { accountId: '123456789012', region: 'eu-west-1', stackName: id }), targetId: 'queue' });
  }
}

const CONFIG = [
  'okta: { org_name: acme }',
  'aws: { account_id: "123456789012", region: eu-west-1 }',
  'backend: { type: s3, bucket: acme-okta-log-streaming-tfstate, key_prefix: app }',
  'stacks:',
  '  - name: from-config',
  '    event_source_name: from_config',
  '    sinks:',
  '      - { name: logs, type: cloudwatch_logs, log_group_name: /okta/app }',
  '      - { name: bronto, type: bronto, region: us, collection: okta }',
].join('\\n');

const loaded = loadConfig(CONFIG, 'app.yaml');
if (!loaded.ok) throw new Error(formatProblems('app.yaml', loaded.problems));
const config: ResolvedConfig = loaded.value;
const app = new App();
const stacks = createStacks(app, config);
if (!(stacks[0] instanceof FanOutStack)) throw new Error('two sinks on one stream make a fan-out stack');
if (MAX_TARGETS_PER_RULE !== 5) throw new Error('EventBridge allows 5 targets per rule');
new HandMadeStack(app, 'hand-made');
app.synth();
`;

describe('a TypeScript CDKTF app importing the package', () => {
  const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');

  beforeAll(() => {
    fs.writeFileSync(path.join(project, 'main.ts'), APP);
    // As cdktf's TypeScript template compiles an app (`cdktf init`): CommonJS, so node10 resolution
    // (the package's typesVersions for its subpaths), and no @types/node: the package's public
    // declarations need nothing of Node's.
    const template = {
      target: 'ES2018',
      module: 'CommonJS',
      lib: ['es2018'],
      strict: true,
      noImplicitReturns: true,
      noUnusedLocals: true,
      noFallthroughCasesInSwitch: true,
      skipLibCheck: true,
      types: [],
    };
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: template, files: ['main.ts'] }, null, 2));
    // With Node's own resolution (the exports map and its types conditions), and every declaration
    // checked: the package's and those they name (cdktf, constructs, zod …; zod's need esModuleInterop).
    const strictest = { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['es2022'], skipLibCheck: false, esModuleInterop: true, noEmit: true };
    fs.writeFileSync(path.join(project, 'tsconfig.node16.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: strictest }, null, 2));
  });

  test.each([['tsconfig.json'], ['tsconfig.node16.json']])('compiles with tsc --strict (%s)', (config) => {
    expect(outcome(run(process.execPath, [tsc, '-p', config], project))).toEqual(ok);
  });

  test('synthesizes the config stacks and the hand-made stack', () => {
    expect(fs.existsSync(path.join(project, 'main.js'))).toBe(true);
    const outdir = path.join(project, 'app.out');
    expect(outcome(run(process.execPath, ['main.js'], project, { CDKTF_OUTDIR: outdir }))).toEqual(ok);
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

    const fromConfig = read('from-config');
    expect(Object.keys(fromConfig.resource.aws_cloudwatch_event_rule)).toHaveLength(2);
    expect(Object.values(fromConfig.resource.aws_cloudwatch_log_group).map((g) => (g as { name: string }).name)).toContain('/okta/app');
    expect(fromConfig.resource.aws_cloudwatch_event_api_destination).toBeDefined();

    const handMade = read('hand-made');
    expect(Object.values(handMade.resource.okta_log_stream)).toEqual([expect.objectContaining({ name: 'hand-made', type: 'aws_eventbridge' })]);
    const queue = Object.entries(handMade.resource.aws_sqs_queue).find(([, q]) => (q as { name: string }).name === 'hand-made-events');
    expect(queue).toBeDefined();
    const targets = Object.values(handMade.resource.aws_cloudwatch_event_target) as { arn: string; input_path?: string }[];
    expect(targets).toHaveLength(2);
    expect(targets).toContainEqual(expect.objectContaining({ arn: `\${aws_sqs_queue.${queue?.[0]}.arn}`, input_path: '$.detail' }));
    expect(Object.values(handMade.resource.aws_cloudwatch_event_api_destination)).toEqual([expect.objectContaining({ name: 'hand-made-bronto' })]);
  });
});
