/**
 * The release workflow's checks, run as the workflow runs them (node, a child process) on a temp
 * copy of what a tag holds: package.json, CHANGELOG.md and terraform/. Two runs check the modules for
 * real (they generate them and run terraform fmt, ~2 s each); the others skip that check by its flag.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repo = path.join(__dirname, '..', '..', '..');
const script = path.join(repo, 'scripts', 'release', 'check.js');
/** A real modules check (~2 s alone) shares two cores with the rest of the suite. */
const MODULES_TIMEOUT_MS = 60_000;

const BODY = ['The first release.', '', '### Added', '', '- One thing.', '- Another thing,', '  wrapped over two lines.', ''].join('\n');
const changelog = (release = `## [0.1.0] - 2026-12-07\n\n${BODY}`, unreleased = '### Fixed\n\n- Something not released yet.\n') =>
  [
    '# Changelog',
    '',
    'All notable changes. The format is [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).',
    '',
    '## [Unreleased]',
    '',
    unreleased,
    release,
    '## [0.0.1] - 2026-11-01',
    '',
    '### Added',
    '',
    '- The prototype.',
    '',
    '[Unreleased]: ../../compare/v0.1.0...HEAD',
    '[0.1.0]: ../../releases/tag/v0.1.0',
    '[0.0.1]: ../../releases/tag/v0.0.1',
    '',
  ].join('\n');

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** A temp repository root: package.json at `version`, CHANGELOG.md (none when null), terraform/ copied from the repository's on request. */
function fixture({ version = '0.1.0', log = changelog() as string | null, modules = false } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
  roots.push(root);
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'okta-log-streaming', version }, null, 2));
  if (log !== null) fs.writeFileSync(path.join(root, 'CHANGELOG.md'), log);
  if (modules) fs.cpSync(path.join(repo, 'terraform'), path.join(root, 'terraform'), { recursive: true });
  return root;
}

function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const base = { ...process.env };
  delete base.GITHUB_ACTIONS;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...base, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('scripts/release/check.js', () => {
  test('every check passes: exit 0, and the notes file holds exactly the CHANGELOG section below its heading', async () => {
    const root = fixture({ modules: true });
    const notes = path.join(root, 'notes.md');
    const { code, out, err } = await check(['--tag', 'v0.1.0', '--root', root, '--notes', notes]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('✓ tag v0.1.0: SemVer 2.0.0, package.json\'s version');
    expect(out).toContain('✓ CHANGELOG.md: ## [0.1.0] - 2026-12-07, 2 entries');
    expect(out).toMatch(/✓ modules: \/.*\/terraform\/ is fresh/);
    expect(out.trimEnd().split('\n').pop()).toBe(`okta-log-streaming: release v0.1.0: every check passed; its notes are in ${notes}`);
    expect(fs.readFileSync(notes, 'utf8')).toBe(BODY);
  }, MODULES_TIMEOUT_MS);

  test('fails when the modules are stale, naming the changed file, and reports the other problems with it', async () => {
    const root = fixture({ modules: true });
    const file = path.join(root, 'terraform', 'bronto', 'main.tf');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(resource .*)$/m, '# changed by hand\n$1'));
    const notes = path.join(root, 'notes.md');
    const { code, err } = await check(['--tag', 'v0.2.0', '--root', root, '--notes', notes]);
    expect(code).toBe(1);
    expect(err).toContain(`✗ modules: ${root}/terraform/ is not what okta-log-streaming modules writes`);
    expect(err).toContain(`✗ ${file} is stale`);
    expect(err).toContain('✗ tag "v0.2.0" is not the package version');
    expect(err).toContain('✗ CHANGELOG.md has no section for 0.2.0');
    expect(err.trimEnd().split('\n').pop()).toBe('okta-log-streaming: release v0.2.0 refused: 3 problems; nothing was published');
    expect(fs.existsSync(notes)).toBe(false);
  }, MODULES_TIMEOUT_MS);

  test('the repository\'s own CHANGELOG.md has a section for package.json\'s version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const { code, out, err } = await check(['--tag', `v${version}`, '--skip-modules']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(new RegExp(`✓ CHANGELOG.md: ## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}, \\d+ entries`));
  });

  test('fails when the tag is not the package version, naming both, with an error annotation in GitHub Actions', async () => {
    // The CHANGELOG has the tag's section: only the version differs, and no notes are written.
    const root = fixture({ version: '0.2.0' });
    const notes = path.join(root, 'notes.md');
    const { code, out, err } = await check(['--tag', 'v0.1.0', '--root', root, '--skip-modules', '--notes', notes], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    expect(err).toContain('✗ tag "v0.1.0" is not the package version: package.json has "version": "0.2.0", so the tag allowed is v0.2.0');
    expect(err).toContain('refused: 1 problem;');
    expect(out).toContain('::error title=release v0.1.0 refused::tag "v0.1.0" is not the package version');
    expect(fs.existsSync(notes)).toBe(false);
  });

  test.each(['0.1.0', 'v0.1', 'v01.0.0', 'v0.1.0-', 'v0.1.0-rc..1', 'v0.1.0+', 'release-0.1.0', 'V0.1.0', 'v0.1.0\n'])('fails when the tag %j is not v + a SemVer 2.0.0 version', async (tag) => {
    const { code, err } = await check(['--tag', tag, '--root', fixture(), '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toContain(`✗ tag ${JSON.stringify(tag)} is not a release tag: allowed is v followed by a SemVer 2.0.0 version`);
  });

  test('a pre-release with build metadata is a SemVer tag', async () => {
    const version = '1.2.3-rc.1+build.5';
    const log = changelog(`## [${version}] - 2026-12-07\n\n${BODY}`).replace('[0.1.0]: ', `[${version}]: `);
    const { code, err } = await check(['--tag', `v${version}`, '--root', fixture({ version, log }), '--skip-modules']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
  });

  test('fails when package.json\'s version is not SemVer, or package.json is missing', async () => {
    const bad = await check(['--tag', 'v0.1', '--root', fixture({ version: '0.1' }), '--skip-modules']);
    expect(bad.err).toContain('✗ package.json "version" "0.1" is not a SemVer 2.0.0 version');
    const root = fixture();
    fs.rmSync(path.join(root, 'package.json'));
    const missing = await check(['--tag', 'v0.1.0', '--root', root, '--skip-modules']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`✗ package.json cannot be read in ${root} (ENOENT)`);
  });

  test('fails when CHANGELOG.md has no section for the version, naming the version and the sections it has', async () => {
    const { code, err } = await check(['--tag', 'v0.2.0', '--root', fixture({ version: '0.2.0' }), '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toContain('✗ CHANGELOG.md has no section for 0.2.0: allowed is a section headed "## [0.2.0] - YYYY-MM-DD" (it has "Unreleased", "0.1.0", "0.0.1";');
    expect(err).toContain('refused: 1 problem;');
  });

  test('fails when CHANGELOG.md is missing', async () => {
    const root = fixture({ log: null });
    const { code, err } = await check(['--tag', 'v0.1.0', '--root', root, '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toContain(`✗ CHANGELOG.md: not found in ${root}: allowed is a Keep a Changelog file with a section "## [0.1.0] - YYYY-MM-DD"`);
  });

  test('fails when the section is empty: headings and blank lines only', async () => {
    const { code, err } = await check(['--tag', 'v0.1.0', '--root', fixture({ log: changelog('## [0.1.0] - 2026-12-07\n\n### Added\n\n') }), '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toMatch(/✗ CHANGELOG.md line \d+: the section for 0.1.0 is empty: allowed is at least one entry under it/);
  });

  test.each(['## [0.1.0]', '## [0.1.0] - 2026-13-01', '## [0.1.0] - 7 December 2026', '## 0.1.0 - 2026-12-07', '## [0.1.0] - Unreleased'])('fails when the heading is %j, not a dated release heading', async (heading) => {
    const { code, err } = await check(['--tag', 'v0.1.0', '--root', fixture({ log: changelog(`${heading}\n\n${BODY}`) }), '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toContain(`: ${JSON.stringify(heading)} is not a dated release heading: allowed is "## [0.1.0] - YYYY-MM-DD" with a real date`);
  });

  test('fails when Unreleased still lists an entry of the release (copied, not moved)', async () => {
    const { code, err } = await check(['--tag', 'v0.1.0', '--root', fixture({ log: changelog(undefined, '### Added\n\n- One thing.\n') }), '--skip-modules']);
    expect(code).toBe(1);
    expect(err).toMatch(/✗ CHANGELOG.md line 5: Unreleased still lists 1 entry of 0.1.0 \(first: "- One thing."\): allowed is Unreleased holding only what is not released yet/);
  });

  test('fails when the section is given twice, or its heading has no link reference', async () => {
    const twice = await check(['--tag', 'v0.1.0', '--root', fixture({ log: changelog(`## [0.1.0] - 2026-12-07\n\n${BODY}\n## [0.1.0] - 2026-12-08\n\n- Again.\n\n`) }), '--skip-modules']);
    expect(twice.err).toMatch(/✗ CHANGELOG.md has 2 sections for 0.1.0 \(lines \d+, \d+\): allowed is one/);
    const unlinked = await check(['--tag', 'v0.1.0', '--root', fixture({ log: changelog().replace('[0.1.0]: ../../releases/tag/v0.1.0\n', '') }), '--skip-modules']);
    expect(unlinked.code).toBe(1);
    expect(unlinked.err).toContain('✗ CHANGELOG.md has no link reference for its heading [0.1.0]: allowed is a line such as "[0.1.0]: ../../releases/tag/v0.1.0" at the bottom');
  });

  test('usage: --tag is required and unknown flags are refused, exit 2; --help prints usage', async () => {
    const none = await check(['--skip-modules']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('okta-log-streaming: release check: --tag is required');
    const unknown = await check(['--tag', 'v0.1.0', '--skip-module']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage: node scripts/release/check.js --tag v1.2.3');
    expect(await check(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: node scripts/release/check.js') });
  });
});
