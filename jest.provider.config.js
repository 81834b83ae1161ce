// Jest for the provider acceptance tests (`node scripts/test-provider.js`): the real hashicorp/aws
// provider applies against a loopback fake of the AWS APIs (__tests__/provider/). The same transform,
// dependency bundles, private temp dir and setup as jest.config.js; only the roots and ignores differ.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/__tests__/provider'],
  // jest.config.js ignores __tests__/provider/ (npm test runs on machines without the provider); not here.
  testPathIgnorePatterns: ['/node_modules/'],
  // One test file whose terraform runs take the cores; a second worker would only compete.
  maxWorkers: 1,
};
