// Jest global setup: the heavy dependencies each test file loads afresh (cdktf's ~380 modules,
// zod, yaml), bundled into one file each, which Jest's module map points at (jest.config.js). The
// same code and versions as node_modules, as `npm run synth` ships them in its own bundle: a test
// file's imports take a third of the time, about ten seconds of a suite run. Rebuilt (~0.5 s) when
// what they are built from changes: the bundled packages' and esbuild's versions, the lock file (their
// dependencies' versions), this file and the archiver stand-in (a key of those is kept beside them),
// so they never go stale. `constructs` stays
// external: the providers and our constructs must share its classes.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { buildSync, stop } = require('esbuild');
const { WITHOUT_ARCHIVER } = require('./bundle');

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, 'node_modules', '.cache', 'okta-log-streaming', 'jest');
const PACKAGES = ['cdktf', 'zod', 'yaml'];

const bundlePath = (name, dir = DIR) => path.join(dir, `${name}.js`);

/** For jest.config.js: `^cdktf$` → the bundle's path. */
const moduleNameMapper = Object.fromEntries(PACKAGES.map((name) => [`^${name}$`, bundlePath(name)]));

/** What the bundles are built from, as one hash. */
function buildKey() {
  const hash = crypto.createHash('sha256');
  for (const name of [...PACKAGES, 'esbuild']) hash.update(`${name}@${require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version}\n`);
  // The lock file too: a bundle holds its package's dependencies, whose versions can change alone.
  const lock = path.join(ROOT, 'package-lock.json');
  for (const file of [__filename, ...Object.values(WITHOUT_ARCHIVER), ...(fs.existsSync(lock) ? [lock] : [])]) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** Builds the bundles into `dir` (Jest's: DIR), unless they are built from what is installed now. */
module.exports = function bundleDependencies(dir = DIR) {
  fs.mkdirSync(dir, { recursive: true });
  const key = buildKey();
  const keyFile = path.join(dir, 'key');
  const fresh = fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key && PACKAGES.every((name) => fs.existsSync(bundlePath(name, dir)));
  if (fresh) return;
  fs.rmSync(keyFile, { force: true });
  for (const name of PACKAGES) {
    buildSync({
      entryPoints: [require.resolve(name, { paths: [ROOT] })],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['constructs'],
      alias: WITHOUT_ARCHIVER,
      outfile: bundlePath(name, dir),
      logLevel: 'error',
    });
  }
  stop();
  // Written last: a run stopped half-way leaves no key, and the next run builds again.
  fs.writeFileSync(keyFile, key);
};
module.exports.moduleNameMapper = moduleNameMapper;
