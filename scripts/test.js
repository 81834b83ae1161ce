// `npm test`: type-check and lint side by side (two cores, two independent checks), then Jest.
// Sequential phases keep the peak under 1 GB: tsc and ESLint take ~300 MB each.
// Exits with the first failure's code; Jest does not start when the program does not type-check.
const { spawn } = require('child_process');
const path = require('path');

const WORKER_HEAP_MB = 320;
const ESLINT_CACHE = ['--cache', '--cache-strategy', 'content', '--cache-location', path.join(__dirname, '..', 'node_modules', '.cache', 'okta-log-streaming', 'eslint.json')];
const bin = (name) => path.join(__dirname, '..', 'node_modules', '.bin', name);
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(bin(command), args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });

(async () => {
  // ESLint's cache (by content, under node_modules/.cache) skips files unchanged since the last run;
  // tsc is incremental (tsconfig.json's tsBuildInfoFile). A fresh clone checks everything.
  const [typecheck, lint] = await Promise.all([run('tsc', ['--noEmit', '-p', 'tsconfig.json']), run('eslint', ['.', ...ESLINT_CACHE])]);
  if (typecheck !== 0 || lint !== 0) {
    console.error(`npm test: ${typecheck !== 0 ? 'type-check' : ''}${typecheck !== 0 && lint !== 0 ? ' and ' : ''}${lint !== 0 ? 'lint' : ''} failed; Jest not run`);
    process.exit(typecheck || lint);
  }
  // Each test file loads cdktf and the providers afresh; a small old space makes the workers collect
  // the previous files' modules instead of growing to ~700 MB each. Jest runs in this process (one
  // Node fewer) and its workers inherit the environment: the suite stays under 1 GB.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${WORKER_HEAP_MB}`.trim();
  await require('jest').run(process.argv.slice(2));
})();
