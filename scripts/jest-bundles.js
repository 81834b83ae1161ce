// Jest global setup: the heavy dependencies each test file loads afresh (cdktf's ~380 modules,
// zod, yaml), bundled into one file each, which Jest's module map points at (jest.config.js). The
// same code and versions as node_modules, as `npm run synth` ships them in its own bundle: a test
// file's imports take a third of the time, about ten seconds of a suite run. Rebuilt every run
// (~0.5 s), so they never go stale. `constructs` stays external: the providers and our constructs
// must share its classes.
const fs = require('fs');
const path = require('path');
const { buildSync, stop } = require('esbuild');
const { WITHOUT_ARCHIVER } = require('./bundle');

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, 'node_modules', '.cache', 'okta-log-streaming', 'jest');
const PACKAGES = ['cdktf', 'zod', 'yaml'];

const bundlePath = (name) => path.join(DIR, `${name}.js`);

/** For jest.config.js: `^cdktf$` → the bundle's path. */
const moduleNameMapper = Object.fromEntries(PACKAGES.map((name) => [`^${name}$`, bundlePath(name)]));

module.exports = function bundleDependencies() {
  fs.mkdirSync(DIR, { recursive: true });
  for (const name of PACKAGES) {
    buildSync({
      entryPoints: [require.resolve(name, { paths: [ROOT] })],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['constructs'],
      alias: WITHOUT_ARCHIVER,
      outfile: bundlePath(name),
      logLevel: 'error',
    });
  }
  stop();
};
module.exports.moduleNameMapper = moduleNameMapper;
