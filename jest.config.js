const { moduleNameMapper } = require('./scripts/jest-bundles');

const MODULE_TESTS = require('./scripts/jest-module-tests');

/** A path of scripts/jest-module-tests.js as a testPathIgnorePatterns regular expression. */
const ignorePattern = (p) => `<rootDir>/${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${p.endsWith('/') ? '' : '$'}`;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // The real-provider acceptance tests need /opt/tf-plugins: their own command (npm run test:provider);
  // the npm package check packs and installs the package (~30 s): its own too (npm run test:package);
  // so do the published HCL's tests (npm run test:modules, scripts/jest-module-tests.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/provider/', '<rootDir>/__tests__/package/', ...MODULE_TESTS.map(ignorePattern)],
  // Transpile only: `npm test` type-checks the whole program once with tsc before Jest runs.
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  // cdktf, zod and yaml from one-file bundles of the installed packages (see scripts/jest-bundles.js),
  // and a private temp dir for the run, removed at its end (scripts/jest-tmpdir.js).
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-tmpdir.js',
  // No cdktf token stack traces (see scripts/jest-setup.js).
  setupFiles: ['<rootDir>/scripts/jest-setup.js'],
  moduleNameMapper,
  // Two cores: more workers only add memory.
  maxWorkers: 2,
};
