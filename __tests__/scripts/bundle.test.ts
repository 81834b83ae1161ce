import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle') as { bundle: (entry: string, outfile: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const archiverUnavailable = require('../../scripts/archiver-unavailable') as () => never;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bundle', () => {
  // cdktf alone: the same build options as the shipped bundle, a fraction of its build time and memory.
  const text = fs.readFileSync(bundle(path.join(__dirname, '..', 'fixtures', 'cdktf-entry.ts'), path.join(dir, 'app.js')), 'utf8');

  test('leaves archiver out: cdktf loads it only to zip assets, and no stack has one', () => {
    // archiver's zip writer (compress-commons) would be in the bundle with it.
    expect(text).not.toContain('ZipArchiveOutputStream');
    expect(text).toContain('TerraformAsset is not supported');
  });

  test('what stands in for archiver says why, should anything ever ask it to zip', () => {
    expect(() => archiverUnavailable()).toThrow(/bundles cdktf without archiver: TerraformAsset is not supported/);
  });
});
