/**
 * `okta-log-streaming lock-files` with the real terraform 1.11.4, offline: the providers come from a
 * filesystem mirror this test builds in Terraform's packed layout
 * (<mirror>/registry.terraform.io/hashicorp/fake/terraform-provider-fake_<version>_<os>_<arch>.zip),
 * zips of a fake provider whose "executable" is a line of text: `terraform providers lock` unpacks
 * and hashes a package, it never runs it (a run of text would fail). The h1: checksums expected are
 * computed here, independently of Terraform: Go's dirhash Hash1 of the package's files. Nothing leaves
 * loopback: every run names the mirror, so Terraform never asks a registry.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMMANDS } from '../../cli/commands';
import { lockedProviders } from '../../cli/lock-files';
import { run } from '../../cli/okta-log-streaming';
import { DEFAULT_LOCK_PLATFORMS } from '../../cli/terraform-failures';
import { capturedUntimed } from '../helpers/output';
import { FixtureOutdir } from '../helpers/terraform-fixtures';

const STATE = 'okta-log-streaming-state';
const PROVIDER = 'registry.terraform.io/hashicorp/fake';

// ---- A provider package, as a registry or mirror serves it -------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer) => (data.reduce((c, byte) => CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** A zip of the given files, stored (not compressed), as Go's archive/zip reads it. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    // version needed 2.0, no flags, stored, 1980-01-01 00:00, crc, sizes, name length, no extra.
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(0, at + 2);
      header.writeUInt16LE(0, at + 4);
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE(0x21, at + 8);
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(fileName.length, at + 22);
      header.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common(central, 6);
    // comment length, disk, internal and external attributes zero; then the local header's offset.
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Terraform's h1: checksum of a package: Go's dirhash.Hash1, sha256 of "<sha256 hex>  <name>\n" per file, sorted. */
function h1(files: Record<string, string>): string {
  const summary = Object.keys(files)
    .sort()
    .map((name) => `${crypto.createHash('sha256').update(files[name]).digest('hex')}  ${name}\n`)
    .join('');
  return `h1:${crypto.createHash('sha256').update(summary).digest('base64')}`;
}

/** The fake provider's package for one version and platform: what is zipped, and its h1: checksum. */
const packageOf = (version: string, platform: string) => ({ [`terraform-provider-fake_v${version}`]: `not a program: fake ${version} ${platform}\n` });
const hashOf = (version: string, platform: string) => h1(packageOf(version, platform));

function buildMirror(dir: string, versions: Record<string, readonly string[]>): void {
  const into = path.join(dir, PROVIDER);
  fs.mkdirSync(into, { recursive: true });
  for (const [version, platforms] of Object.entries(versions)) {
    for (const platform of platforms) fs.writeFileSync(path.join(into, `terraform-provider-fake_${version}_${platform}.zip`), zip(packageOf(version, platform)));
  }
}

/** A lock file's entry for the provider: its version and hashes, as Terraform wrote them. */
function entry(text: string, provider = PROVIDER) {
  const block = new RegExp(`provider "${provider.replace(/[./]/g, '\\$&')}" \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? '';
  return {
    version: /version\s*=\s*"([^"]+)"/.exec(block)?.[1],
    constraints: /constraints\s*=\s*"([^"]+)"/.exec(block)?.[1],
    hashes: [...block.matchAll(/"(h1:[^"]+|zh:[^"]+)"/g)].map((m) => m[1]).sort(),
  };
}

// ---- The workspace: mirror, synthesized stacks, kept lock dir, Terraform's temp dir ------------

let workspace: string;
let fixture: FixtureOutdir;
const lockDir = () => path.join(workspace, 'terraform-locks');
const kept = (stack: string) => path.join(lockDir(), `${stack}.terraform.lock.hcl`);
const keptFiles = () => (fs.existsSync(lockDir()) ? fs.readdirSync(lockDir()).sort() : []);
const mirror = () => path.join(workspace, 'mirror');
/** Go's os.TempDir for terraform: providers lock stages packages there and must leave nothing behind. */
const terraformTemp = () => path.join(workspace, 'tmp');

/** A stack requiring the fake provider (and `more`), with an S3 backend nobody could reach: providers lock needs no backend and no credentials. */
function writeStack(name: string, more: Record<string, unknown> = {}): void {
  fixture.writeStack(name, 'ACTIVE', {
    terraform: {
      required_providers: { fake: { source: 'hashicorp/fake', version: '~> 1.2' }, ...more },
      backend: { s3: { bucket: 'no-such-bucket', key: `${name}.tfstate`, region: 'eu-west-1', use_lockfile: true } },
    },
  });
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: path.join(workspace, 'home'),
  TMPDIR: terraformTemp(),
  CHECKPOINT_DISABLE: '1',
  CDKTF_OUTDIR: fixture.outdir,
  TF_PLUGIN_CACHE_DIR: path.join(workspace, 'plugin-cache'),
  OKTA_LOG_STREAMING_LOCK_DIR: lockDir(),
  ...extra,
});

/** The command in this process: stdout and stderr apart (seconds left out), and the last line either printed. */
async function lockFiles(args: string[], extra: Record<string, string> = {}) {
  const { lines, err, output } = capturedUntimed();
  let last: string | undefined;
  const status = await run(['lock-files', ...args], env(extra), { out: (l) => output.out((last = l)), err: (l) => output.err((last = l)) });
  return { status, stdout: lines.join('\n'), stderr: err.join('\n'), last };
}

// An existing kept lock of okta-b: an older version, with the checksum of one platform only (made on a Windows laptop).
const OKTA_B_LOCK = `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "${PROVIDER}" {
  version     = "1.2.0"
  constraints = "~> 1.2"
  hashes = [
    "${hashOf('1.2.0', 'windows_amd64')}",
  ]
}
`;

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-files-test-'));
  for (const dir of ['home', 'tmp', 'terraform-locks']) fs.mkdirSync(path.join(workspace, dir));
  buildMirror(mirror(), {
    '1.2.0': ['linux_amd64', 'darwin_arm64', 'darwin_amd64', 'windows_amd64'],
    '1.2.3': ['linux_amd64', 'darwin_arm64', 'darwin_amd64', 'linux_arm64'],
  });
  fixture = new FixtureOutdir();
  writeStack(STATE);
  writeStack('okta-a');
  writeStack('okta-b');
  // A provider the mirror does not have.
  writeStack('okta-c', { absent: { source: 'hashicorp/absent', version: '1.0.0' } });
  fs.writeFileSync(kept('okta-b'), OKTA_B_LOCK);
});
afterAll(() => {
  fixture.remove();
  fs.rmSync(workspace, { recursive: true, force: true });
  expect(fs.existsSync(workspace)).toBe(false);
  expect(fs.existsSync(fixture.outdir)).toBe(false);
});

describe('lock-files, with real terraform and a filesystem mirror (the steps build on each other)', () => {
  const inStack = (stack: string) => path.join(fixture.outdir, 'stacks', stack, '.terraform.lock.hcl');

  test('fails when a stack\'s provider is not in the mirror: the others are locked, but no lock file of any stack is changed', async () => {
    const result = await lockFiles(['--no-synth', '--fs-mirror', mirror()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✓ okta-a: hashicorp/fake 1.2.3; new lock file`);
    expect(result.stdout).toContain(`✓ okta-b: hashicorp/fake 1.2.0; lock file updated`);
    // Terraform's diagnostic whole, under the stack's ✗ line.
    expect(result.stdout).toMatch(/^✗ okta-c: terraform providers lock failed: Error: Could not retrieve providers for locking\n\n {4}Terraform failed to fetch the requested providers for linux_amd64/m);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('registry.terraform.io/hashicorp/absent: no available releases match the given constraints 1.0.0');
    expect(result.stderr).toContain(`okta-log-streaming: okta-c: terraform providers lock for linux_amd64, darwin_arm64, darwin_amd64 from the mirror ${mirror()}…`);
    expect(result.last).toBe(`okta-log-streaming: lock-files: 1 of 4 stacks could not be locked (okta-c: see the ✗ lines above); no lock file in ${lockDir()}/ was changed`);
    // All or nothing: okta-b's lock as it was, none for the others, no temporary file.
    expect(keptFiles()).toEqual(['okta-b.terraform.lock.hcl']);
    expect(fs.readFileSync(kept('okta-b'), 'utf8')).toBe(OKTA_B_LOCK);
    // Nor does a later init in cdktf.out/ pick up what this run made: each stack has its kept lock back.
    expect(fs.existsSync(inStack('okta-a'))).toBe(false);
    expect(fs.readFileSync(inStack('okta-b'), 'utf8')).toBe(OKTA_B_LOCK);
    expect(fs.readdirSync(terraformTemp())).toEqual([]);
  });

  test('writes every stack\'s kept lock file, the state bucket stack\'s too, with the h1: checksums of the three default platforms; an existing lock keeps its version and gains checksums', async () => {
    const result = await lockFiles(['--no-synth', '--fs-mirror', mirror(), '--stack', STATE, '--stack', 'okta-a', '--stack', 'okta-b']);
    expect(result.status).toBe(0);
    // A line per stack as each ends (two at a time: in the order they end), the summary last.
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, -1).sort()).toEqual([
      '✓ okta-a: hashicorp/fake 1.2.3; new lock file',
      '✓ okta-b: hashicorp/fake 1.2.0; lock file updated',
      `✓ ${STATE}: hashicorp/fake 1.2.3; new lock file`,
    ]);
    expect(lines.at(-1)).toBe(`okta-log-streaming: lock-files: 3 stacks locked for linux_amd64, darwin_arm64, darwin_amd64; lock files in ${lockDir()}/: 2 new, 1 updated, 0 unchanged; review and commit them`);
    expect(keptFiles()).toEqual(['okta-a.terraform.lock.hcl', 'okta-b.terraform.lock.hcl', `${STATE}.terraform.lock.hcl`]);
    const newest = { version: '1.2.3', constraints: '~> 1.2', hashes: DEFAULT_LOCK_PLATFORMS.map((p) => hashOf('1.2.3', p)).sort() };
    expect(new Set(newest.hashes).size).toBe(3);
    for (const stack of [STATE, 'okta-a']) expect(entry(fs.readFileSync(kept(stack), 'utf8'))).toEqual(newest);
    // Terraform merged: 1.2.0 stays (1.2.3 is allowed and in the mirror), the Windows checksum too.
    const b = fs.readFileSync(kept('okta-b'), 'utf8');
    expect(entry(b)).toEqual({ version: '1.2.0', constraints: '~> 1.2', hashes: ['windows_amd64', ...DEFAULT_LOCK_PLATFORMS].map((p) => hashOf('1.2.0', p)).sort() });
    expect(lockedProviders(b)).toEqual(['hashicorp/fake 1.2.0']);
    expect(fs.readdirSync(terraformTemp())).toEqual([]);
  });

  test('--platform replaces the defaults; a relative --fs-mirror is the working directory\'s, not the stack\'s', async () => {
    const result = await lockFiles(['--no-synth', '--fs-mirror', path.relative(process.cwd(), mirror()), '--stack', 'okta-a', '--platform', 'linux_arm64']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`okta-a: terraform providers lock for linux_arm64 from the mirror ${mirror()}…`);
    expect(result.stdout).toContain('✓ okta-a: hashicorp/fake 1.2.3; lock file updated');
    expect(entry(fs.readFileSync(kept('okta-a'), 'utf8')).hashes).toEqual([...DEFAULT_LOCK_PLATFORMS, 'linux_arm64'].map((p) => hashOf('1.2.3', p)).sort());
  });

  test('a lock file that has every checksum already is left as it is, not rewritten', async () => {
    const before = fs.statSync(kept(STATE));
    const result = await lockFiles(['--no-synth', '--fs-mirror', mirror(), '--stack', STATE, '--platform', 'linux_amd64', '--platform', 'linux_amd64']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`✓ ${STATE}: hashicorp/fake 1.2.3; lock file unchanged`);
    expect(result.last).toBe(`okta-log-streaming: lock-files: 1 stack locked for linux_amd64; the lock files in ${lockDir()}/ were up to date`);
    const after = fs.statSync(kept(STATE));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(keptFiles()).toEqual(['okta-a.terraform.lock.hcl', 'okta-b.terraform.lock.hcl', `${STATE}.terraform.lock.hcl`]);
    expect(fs.readdirSync(terraformTemp())).toEqual([]);
  });
});

describe('the command line: help and usage errors run nothing', () => {
  // A terraform on PATH that records any call: none may happen here.
  const recorded = () => path.join(workspace, 'terraform-calls');
  const withRecorder = () => {
    const bin = path.join(workspace, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\necho "$@" >> "${recorded()}"\n`, { mode: 0o755 });
    return { PATH: `${bin}:${process.env.PATH ?? ''}`, CDKTF_OUTDIR: path.join(workspace, 'never-synthesized'), TF_PLUGIN_CACHE_DIR: path.join(workspace, 'never-cached') };
  };
  let locksBefore: Record<string, string>;
  beforeEach(() => (locksBefore = Object.fromEntries(keptFiles().map((f) => [f, fs.readFileSync(path.join(lockDir(), f), 'utf8')]))));
  afterEach(() => {
    expect(fs.existsSync(recorded())).toBe(false);
    expect(fs.existsSync(path.join(workspace, 'never-synthesized'))).toBe(false);
    expect(fs.existsSync(path.join(workspace, 'never-cached'))).toBe(false);
    expect(Object.fromEntries(keptFiles().map((f) => [f, fs.readFileSync(path.join(lockDir(), f), 'utf8')]))).toEqual(locksBefore);
  });

  test('--help prints usage and nothing else, whatever else is given', async () => {
    const result = await lockFiles(['--platform', 'nonsense', '--fs-mirror', '/nowhere', '--help'], withRecorder());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: okta-log-streaming lock-files \[flags\]\n/);
    expect(result.stdout).toContain('--platform OS_ARCH');
    expect(result.stdout).toContain('Needs the Terraform registry or a mirror (--fs-mirror, --net-mirror), and no credentials.');
    expect(result.stderr).toBe('');
  });

  test.each([
    [['--platform', 'linux-amd64'], '--platform: got "linux-amd64"; give OS_ARCH as Terraform names platforms: linux_amd64, linux_arm64, darwin_arm64, darwin_amd64, windows_amd64, …'],
    [['--platform', 'linux_x86_64'], '--platform: got "linux_x86_64"'],
    [['--platform', 'macos_arm64'], '--platform: got "macos_arm64"'],
    [['--platform', 'linux_amd64', '--platform', 'Linux_AMD64'], '--platform: got "Linux_AMD64"'],
    [['--platfrom', 'linux_amd64'], 'unknown flag --platfrom (did you mean --platform?)'],
    [['--net-mirror', 'http://mirror.example/'], '--net-mirror: got "http://mirror.example/"; give the network mirror\'s https:// base URL'],
    [['--fs-mirror', ''], '--fs-mirror: is empty'],
    [['--fs-mirror', '/srv/m', '--net-mirror', 'https://mirror.example/'], '--fs-mirror and --net-mirror cannot be given together'],
  ])('%j: a usage error, exit 2', async (args, message) => {
    const result = await lockFiles(args, withRecorder());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`okta-log-streaming: lock-files: ${message}`);
    expect(result.stderr).toContain('Usage: okta-log-streaming lock-files');
    expect(result.stdout).toBe('');
  });

  test('an --fs-mirror that is not a directory: exit 1 before anything runs', async () => {
    const result = await lockFiles(['--fs-mirror', path.join(workspace, 'no-mirror')], withRecorder());
    expect(result.status).toBe(1);
    expect(result.last).toBe(`okta-log-streaming: lock-files: --fs-mirror ${path.join(workspace, 'no-mirror')} is not a directory; nothing was run`);
  });

  test('--stack that is not there lists every stack there is, the state bucket stack too', async () => {
    const result = await lockFiles(['--no-synth', '--stack', 'okta-d'], { ...withRecorder(), CDKTF_OUTDIR: fixture.outdir });
    expect(result.status).toBe(1);
    expect(result.last).toBe(`okta-log-streaming: lock-files failed: no stack named "okta-d" in ${fixture.outdir}; the stacks are: ${STATE}, okta-a, okta-b, okta-c`);
  });

  test('the default platforms --help shows are the ones used', () => {
    const platform = COMMANDS.find((c) => c.name === 'lock-files')!.options.platform;
    expect(platform.default).toBe(`${DEFAULT_LOCK_PLATFORMS.slice(0, -1).join(', ')} and ${DEFAULT_LOCK_PLATFORMS.at(-1)}`);
  });
});
