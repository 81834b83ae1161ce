// Jest global setup and teardown: every temp file of a run goes to one private directory, removed
// when the run ends, so however Jest is started (npm test, npx jest), the system temp dir is left as
// it was. cdktf's Testing.app() alone makes a cdktf.outdir.* directory per stack and never removes it.
// Workers are started after global setup and inherit TMPDIR, which os.tmpdir() reads on each call.
const fs = require('fs');
const os = require('os');
const path = require('path');

const KEY = 'OKTA_LOG_STREAMING_TEST_TMPDIR';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-log-streaming-test-'));
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

function teardown() {
  const dir = process.env[KEY];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

// Jest's globalTeardown is the module's function; global setup takes setup from it.
module.exports = teardown;
module.exports.setup = setup;
