/**
 * The release's assets, made as the workflow makes them (bash, a child process) from a temp
 * terraform/ tree: the tarball holds exactly its files, each module's archive exactly that module's
 * at its root, SHA256SUMS verifies with sha256sum -c, and
 * the same tree gives the same bytes whatever the files' times, modes and creation order.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

const script = path.join(__dirname, '..', '..', '..', 'scripts', 'release', 'assets.sh');
const EPOCH = 1796601600; // 2026-12-07T00:00:00Z
const TARBALL = 'okta-log-streaming-terraform-modules-v0.1.0.tar.gz';
/** FILES' module folders in byte order, and each one's archive. */
const MODULES = ['Z-last', 'bronto', 's3-archive', 's3.archive'];
const moduleArchive = (module: string) => `okta-log-streaming-${module}-v0.1.0.tar.gz`;
const ARCHIVES = [...MODULES.map(moduleArchive), TARBALL].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
/** Names that sort differently by locale (upper case, dots, dashes) and a nested example. */
const FILES: Record<string, string> = {
  'terraform/README.md': '# Modules\n',
  'terraform/bronto/main.tf': 'resource "terraform_data" "this" {}\n',
  'terraform/bronto/README.md': '# bronto\n',
  'terraform/bronto/examples/basic/main.tf': 'module "source" {\n  source = "../../../s3-archive"\n}\n\nmodule "bronto" {\n  source = "../.."\n}\n',
  'terraform/s3-archive/variables.tf': 'variable "name" {}\n',
  'terraform/s3.archive/x.tf': '',
  'terraform/Z-last/versions.tf': 'terraform {}\n',
};

const REPOSITORY = 'https://github.com/acme/okta-log-streaming.git';
/** A file as the module's own archive holds it: an example's source of a sibling module is its git source at the tag. */
const inModuleArchive = (file: string, content: string) =>
  file.includes('/examples/') ? content.replace(/source = "\.\.\/\.\.\/\.\.\/([^"]+)"/g, `source = "git::${REPOSITORY}//terraform/$1?ref=v0.1.0"`) : content;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-assets-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A root holding FILES (in the given order, with the given mtime, a mode that varies, not root's). */
function tree(name: string, order: string[], mtime: Date): string {
  const root = path.join(work, name);
  for (const [index, file] of order.entries()) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), FILES[file], { mode: index % 2 === 0 ? 0o600 : 0o664 });
    fs.utimesSync(path.join(root, file), mtime, mtime);
    // Owned by someone other than root, as a checkout is (run as root here, the files are given away).
    if (process.getuid?.() === 0) fs.chownSync(path.join(root, file), 1234, 1234);
  }
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'okta-log-streaming', repository: { type: 'git', url: `git+${REPOSITORY}` } }));
  return root;
}

function assets(args: string[], env: Record<string, string> = { SOURCE_DATE_EPOCH: String(EPOCH) }) {
  const result = spawnSync('bash', [script, ...args], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** The tar entries: name, mode, owner, group, mtime, type and content (ustar/GNU headers, no long names here). */
function entries(tarball: Buffer) {
  const tar = zlib.gunzipSync(tarball);
  const list = [];
  const field = (header: Buffer, at: number, length: number) => header.subarray(at, at + length).toString('latin1').replace(/\0.*$/s, '').trim();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 12), 8);
    list.push({
      name: field(header, 0, 100),
      mode: parseInt(field(header, 100, 8), 8),
      uid: parseInt(field(header, 108, 8), 8),
      gid: parseInt(field(header, 116, 8), 8),
      mtime: parseInt(field(header, 136, 12), 8),
      type: field(header, 156, 1) || '0',
      owner: `${field(header, 265, 32)}/${field(header, 297, 32)}`,
      content: tar.subarray(at + 512, at + 512 + size).toString('utf8'),
    });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return list;
}

const byteOrder = (a: string, b: string) => (Buffer.compare(Buffer.from(a), Buffer.from(b)) as number);

describe('scripts/release/assets.sh', () => {
  const names = Object.keys(FILES);
  const out = path.join(work, 'out-first');
  let first: string;
  let made: ReturnType<typeof assets>;
  beforeAll(() => {
    first = tree('first', names, new Date('2026-01-02T03:04:05Z'));
    made = assets(['--tag', 'v0.1.0', '--out', out, '--root', first]);
  });

  test('writes the tarball, one archive per module and SHA256SUMS, and says so', () => {
    expect(made).toEqual({ status: 0, err: '', out: `okta-log-streaming: wrote ${out}/${TARBALL} (7 files of terraform/), 4 module archives (${MODULES.join(' ')}) and ${out}/SHA256SUMS\n` });
    expect(fs.readdirSync(out).sort()).toEqual(['SHA256SUMS', ...ARCHIVES].sort());
  });

  test('each module archive holds exactly that module\'s files at its root, as a registry takes a module; its examples source sibling modules by git at the tag', () => {
    for (const module of MODULES) {
      const list = entries(fs.readFileSync(path.join(out, moduleArchive(module))));
      const own = names.filter((n) => n.startsWith(`terraform/${module}/`)).map((n) => n.slice(`terraform/${module}/`.length));
      expect({ module, files: list.map((e) => e.name) }).toEqual({ module, files: [...own].sort(byteOrder) });
      for (const entry of list) {
        const file = `terraform/${module}/${entry.name}`;
        expect(entry).toMatchObject({ type: '0', mode: 0o644, uid: 0, gid: 0, mtime: EPOCH, content: inModuleArchive(file, FILES[file]) });
      }
    }
    // Alone, the module has no sibling folders: a relative path to one would not resolve. Its own (`../..`) still does.
    const example = entries(fs.readFileSync(path.join(out, moduleArchive('bronto')))).find((e) => e.name === 'examples/basic/main.tf')!;
    expect(example.content).toContain(`source = "git::${REPOSITORY}//terraform/s3-archive?ref=v0.1.0"`);
    expect(example.content).toContain('source = "../.."');
    // The whole tree keeps the paths that resolve in it.
    expect(entries(fs.readFileSync(path.join(out, TARBALL))).find((e) => e.name === 'terraform/bronto/examples/basic/main.tf')!.content).toBe(FILES['terraform/bronto/examples/basic/main.tf']);
  });

  test('fails when package.json names no repository (the module archives\' examples source sibling modules by it), writing nothing', () => {
    const root = tree('no-repository', names, new Date('2026-01-02T03:04:05Z'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'okta-log-streaming' }));
    const target = path.join(work, 'out-no-repository');
    const result = assets(['--tag', 'v0.1.0', '--out', target, '--root', root]);
    expect(result).toEqual({ status: 1, out: '', err: expect.stringContaining(`${root}/package.json has no repository URL`) });
    expect(fs.existsSync(target) ? fs.readdirSync(target) : []).toEqual([]);
  });

  test('the tarball holds exactly the files of terraform/, in byte order, owner root, modes 644, the fixed time', () => {
    const list = entries(fs.readFileSync(path.join(out, TARBALL)));
    expect(list.map((e) => e.name)).toEqual([...names].sort(byteOrder));
    for (const entry of list) {
      expect(entry).toMatchObject({ type: '0', mode: 0o644, uid: 0, gid: 0, mtime: EPOCH, content: FILES[entry.name] });
      expect(['/', 'root/root']).toContain(entry.owner);
    }
  });

  test('gzip header without a name or a time', () => {
    const gz = fs.readFileSync(path.join(out, TARBALL));
    expect(gz.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
    expect(gz[3] & 0x08).toBe(0); // FNAME
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
  });

  test('SHA256SUMS is in sha256sum format, lists every archive and verifies with sha256sum -c', () => {
    expect(fs.readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')).toMatch(new RegExp(`^${ARCHIVES.map((a) => `[0-9a-f]{64}  ${a.replace(/\./g, '\\.')}\n`).join('')}$`));
    const verify = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect({ status: verify.status, out: verify.stdout }).toEqual({ status: 0, out: ARCHIVES.map((a) => `${a}: OK\n`).join('') });
    const tampered = path.join(work, 'out-tampered');
    fs.cpSync(out, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, TARBALL), 'x');
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: tampered, encoding: 'utf8' }).status).toBe(1);
  });

  test('two runs give identical bytes: files made in another order, at another time, with other modes', () => {
    const second = tree('second', [...names].reverse(), new Date('2026-06-30T23:59:59Z'));
    const again = path.join(work, 'out-second');
    expect(assets(['--tag', 'v0.1.0', '--out', again, '--root', second]).status).toBe(0);
    for (const archive of ARCHIVES) expect({ archive, same: fs.readFileSync(path.join(again, archive)).equals(fs.readFileSync(path.join(out, archive))) }).toEqual({ archive, same: true });
    expect(fs.readFileSync(path.join(again, 'SHA256SUMS'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'SHA256SUMS'), 'utf8'));
  });

  test('fails when terraform/ is missing or there is no fixed time, naming what is needed', () => {
    const empty = path.join(work, 'no-modules');
    fs.mkdirSync(empty);
    const missing = assets(['--tag', 'v0.1.0', '--out', path.join(work, 'out-none'), '--root', empty]);
    expect(missing).toMatchObject({ status: 1, err: `okta-log-streaming: release assets: ${empty}/terraform/ does not exist: allowed is the repository with its modules (okta-log-streaming modules writes them)\n` });
    const untimed = assets(['--tag', 'v0.1.0', '--out', path.join(work, 'out-untimed'), '--root', first], {});
    expect(untimed).toMatchObject({ status: 1, err: `okta-log-streaming: release assets: no time for the files: ${first} is not a git checkout and SOURCE_DATE_EPOCH is not set\n` });
  });

  test('usage: a tag that cannot name a file, a missing --out, an unknown flag: exit 2, nothing written', () => {
    expect(assets(['--tag', 'v1/../../x', '--out', path.join(work, 'out-bad'), '--root', first])).toMatchObject({ status: 2, err: expect.stringContaining('tag "v1/../../x" is not a release tag') });
    expect(assets(['--tag', 'v0.1.0', '--root', first])).toMatchObject({ status: 2, err: expect.stringContaining('--tag and --out are required') });
    expect(assets(['--tag', 'v0.1.0', '--out', path.join(work, 'out-bad'), '--dir', first])).toMatchObject({ status: 2, err: expect.stringContaining('unknown argument "--dir"') });
    expect(fs.existsSync(path.join(work, 'out-bad'))).toBe(false);
  });
});
