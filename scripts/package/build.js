// `npm run build:package`, and `prepack` (so `npm pack` and `npm publish` always ship fresh output):
// the package's JavaScript and type declarations in dist/package/ (scripts/package/tsconfig.json),
// from a clean directory, so no output of a removed source file is shipped. It prints on stderr only:
// `npm pack --json` prints its result on stdout, after this.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const OUT = path.join(__dirname, '..', '..', 'dist', 'package');

fs.rmSync(OUT, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.json')], { stdio: ['ignore', 2, 2] });
if (tsc.status !== 0) {
  console.error('okta-log-streaming: the package build failed (tsc above); nothing to pack');
  process.exit(tsc.status ?? 1);
}
const count = fs.readdirSync(OUT, { recursive: true }).filter((f) => f.endsWith('.js')).length;
console.error(`okta-log-streaming: built ${path.relative(process.cwd(), OUT)}/ (${count} JavaScript files, each with its type declarations)`);
