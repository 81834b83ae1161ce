// Jest for the published HCL (`node scripts/test-modules.js`): the files scripts/jest-module-tests.js
// lists, which jest.config.js leaves out of npm test. The same transform, dependency bundles, private
// temp dir and setup as jest.config.js; only the files differ.
const fs = require('fs');
const path = require('path');
const base = require('./jest.config');
const MODULE_TESTS = require('./scripts/jest-module-tests');

// A listed file renamed or moved would leave both commands silently: say so instead.
const missing = MODULE_TESTS.filter((p) => !fs.existsSync(path.join(__dirname, p)));
if (missing.length > 0) throw new Error(`scripts/jest-module-tests.js lists what is not there: ${missing.join(', ')}`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: MODULE_TESTS.map((p) => `<rootDir>/${p}${p.endsWith('/') ? '**/*.test.ts' : ''}`),
  testPathIgnorePatterns: ['/node_modules/'],
};
