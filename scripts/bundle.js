// `npm run build`: main.ts and everything it loads as one minified file, dist/okta-log-streaming.js.
// Transpile only (npm test type-checks). One file parses and loads several times faster than the
// hundreds of modules it replaces: the difference between a 0.6 s and a 0.4 s synth.
const path = require('path');
const { buildSync, stop } = require('esbuild');

const ROOT = path.join(__dirname, '..');
const OUTFILE = path.join(ROOT, 'dist', 'okta-log-streaming.js');
/** cdktf's asset zipping, which no stack uses (scripts/archiver-unavailable.js). */
const WITHOUT_ARCHIVER = { archiver: path.join(__dirname, 'archiver-unavailable.js') };

function bundle(entry = path.join(ROOT, 'main.ts'), outfile = OUTFILE) {
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    outfile,
    alias: WITHOUT_ARCHIVER,
    logLevel: 'error',
  });
  // The sync API keeps a worker thread and a ~100 MB esbuild process alive for the caller's
  // lifetime; a test run that bundles once does not need them afterwards.
  stop();
  return outfile;
}

module.exports = { bundle, OUTFILE, WITHOUT_ARCHIVER };

if (require.main === module) {
  const written = bundle();
  const size = (require('fs').statSync(written).size / 1024 / 1024).toFixed(1);
  console.log(`okta-log-streaming: built ${path.relative(process.cwd(), written)} (${size} MB, main.ts and everything it loads)`);
}
