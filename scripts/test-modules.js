// `npm run test:modules`: the published HCL (jest.modules.config.js): the modules in terraform/
// regenerated and compared byte for byte, loaded by Terraform and in parity with the stacks as
// Terraform evaluates both, `synth --hcl`'s export, the address manifest and the release checks.
// Jest runs in this process, as in scripts/test.js; extra arguments go to Jest.
const path = require('path');

const WORKER_HEAP_MB = 224;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${WORKER_HEAP_MB}`.trim();
// jest.run exits non-zero when a test fails or none runs.
require('jest').run(['--config', path.join(__dirname, '..', 'jest.modules.config.js'), ...process.argv.slice(2)]);
