#!/usr/bin/env node
// `okta-log-streaming` (package.json "bin"). In a clone it runs the TypeScript sources through tsx,
// so the tool works right after `npm ci`, with no build step; the npm package has no sources, and
// it runs the compiled JavaScript (dist/package/, built by `prepack`), with no tsx. `npm run synth`
// uses the esbuild bundle instead.
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const source = path.join(__dirname, 'okta-log-streaming.ts');
const fromSource = fs.existsSync(source);
if (fromSource) require('tsx/cjs/api').register();
const { run } = require(fromSource ? source : path.join(__dirname, '..', 'dist', 'package', 'cli', 'okta-log-streaming.js'));

/** A question on the terminal; none in CI or without one (approval then needs a flag). */
const ask =
  process.stdin.isTTY && process.stderr.isTTY && !process.env.CI
    ? (question) =>
        new Promise((resolve) => {
          const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
          rl.question(question, (answer) => {
            rl.close();
            resolve(answer);
          });
        })
    : undefined;

run(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) }, { ask }).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`okta-log-streaming: ${error && error.message ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
