// Jest global setup: the dependency bundles (jest-bundles.js) and the run's private temp dir (jest-tmpdir.js).
const bundleDependencies = require('./jest-bundles');
const { setup } = require('./jest-tmpdir');

module.exports = function globalSetup() {
  bundleDependencies();
  setup();
};
