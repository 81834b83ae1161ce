/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm test` type-checks the whole program once with tsc before Jest runs.
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  // Two cores: more workers only add memory.
  maxWorkers: 2,
};
