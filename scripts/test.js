// `npm test`: type-check and lint side by side (two cores, two independent checks), then Jest.
// Exits with the first failure's code; Jest does not start when the program does not type-check.
const { spawn, spawnSync } = require('child_process');
const path = require('path');

const bin = (name) => path.join(__dirname, '..', 'node_modules', '.bin', name);
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(bin(command), args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });

(async () => {
  const [typecheck, lint] = await Promise.all([run('tsc', ['--noEmit', '-p', 'tsconfig.json']), run('eslint', ['.'])]);
  if (typecheck !== 0 || lint !== 0) {
    console.error(`npm test: ${typecheck !== 0 ? 'type-check' : ''}${typecheck !== 0 && lint !== 0 ? ' and ' : ''}${lint !== 0 ? 'lint' : ''} failed; Jest not run`);
    process.exit(typecheck || lint);
  }
  const jest = spawnSync(bin('jest'), process.argv.slice(2), { stdio: 'inherit' });
  process.exit(jest.status ?? 1);
})();
