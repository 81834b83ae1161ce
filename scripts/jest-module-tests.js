// The published HCL's tests: their own command (npm run test:modules, jest.modules.config.js), which
// jest.config.js leaves out of npm test. The modules in terraform/ regenerated and compared, loaded by
// Terraform and evaluated against the stacks (parity), `synth --hcl`'s export, the address manifest
// and the release checks: real terraform and hcl2json for ~35 s of worker time, which took npm test to
// ~50 s on two cores, past its 30 s budget. Test files, and folders (ending in /) of them, from the
// repository root.
module.exports = [
  '__tests__/cli/terraform-modules/',
  '__tests__/cli/modules.test.ts',
  '__tests__/cli/synth-hcl.test.ts',
  '__tests__/scripts/addresses.test.ts',
  '__tests__/scripts/release/',
];
