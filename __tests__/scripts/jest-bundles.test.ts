/**
 * The dependency bundles Jest loads (scripts/jest-bundles.js): built once from what is installed,
 * rebuilt when that changes, never left half-built.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundleDependencies = require('../../scripts/jest-bundles') as (dir?: string) => void;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-bundles-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const mtimes = (dir: string) => ['cdktf.js', 'zod.js', 'yaml.js', 'key'].map((f) => fs.statSync(path.join(dir, f)).mtimeMs);

describe('scripts/jest-bundles.js', () => {
  const dir = path.join(work, 'bundles');

  test('builds cdktf, zod and yaml with a key of what they are built from; a second run with nothing changed writes nothing', () => {
    bundleDependencies(dir);
    expect(fs.readFileSync(path.join(dir, 'key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    const before = mtimes(dir);
    bundleDependencies(dir);
    expect(mtimes(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, 'cdktf.js'), 'utf8')).toContain('TerraformStack');
  }, 30_000);

  test('a key that does not match (another version installed) or a missing bundle builds them again', () => {
    const key = fs.readFileSync(path.join(dir, 'key'), 'utf8');
    fs.writeFileSync(path.join(dir, 'key'), 'cdktf@0.0.0');
    fs.writeFileSync(path.join(dir, 'zod.js'), '');
    bundleDependencies(dir);
    expect(fs.readFileSync(path.join(dir, 'key'), 'utf8')).toBe(key);
    expect(fs.statSync(path.join(dir, 'zod.js')).size).toBeGreaterThan(1000);
    fs.rmSync(path.join(dir, 'yaml.js'));
    bundleDependencies(dir);
    expect(fs.statSync(path.join(dir, 'yaml.js')).size).toBeGreaterThan(1000);
  }, 30_000);
});
