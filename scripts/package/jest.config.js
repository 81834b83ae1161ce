// Jest for the npm package check (`node scripts/test-package.js`): __tests__/package/ packs the
// package, installs the tarball offline into a fresh project and runs it there. The same transform,
// dependency bundles, private temp dir and setup as jest.config.js; only the roots and ignores differ.
const path = require('path');
const base = require('../../jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..', '..'),
  roots: ['<rootDir>/__tests__/package'],
  // jest.config.js ignores __tests__/package/ (too slow for npm test); not here.
  testPathIgnorePatterns: ['/node_modules/'],
  // One test file, whose npm and tsc runs take the cores.
  maxWorkers: 1,
};
