// `npm run test:provider`: the acceptance tests that drive the real hashicorp/aws provider
// (jest.provider.config.js). They need the provider in Terraform's plugin-directory layout, which
// only some machines have; without it this fails and says what it needs, never a silent pass.
// Jest runs in this process, as in scripts/test.js; extra arguments go to Jest.
const fs = require('fs');
const path = require('path');

const WORKER_HEAP_MB = 224;
const ENV = 'OKTA_LOG_STREAMING_TF_PLUGIN_DIR';
const pluginDir = path.resolve(process.env[ENV] || '/opt/tf-plugins');

/** <dir>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws* */
function awsProviderBinaries(dir) {
  const base = path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
  const list = (p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? fs.readdirSync(p) : []);
  return list(base).flatMap((version) =>
    list(path.join(base, version)).flatMap((platform) =>
      list(path.join(base, version, platform))
        .filter((file) => file.startsWith('terraform-provider-aws'))
        .map((file) => path.join(base, version, platform, file)),
    ),
  );
}

if (awsProviderBinaries(pluginDir).length === 0) {
  console.error(
    [
      `test-provider: no hashicorp/aws provider in ${pluginDir}.`,
      `These tests run the real provider offline (terraform init -plugin-dir). Set ${ENV} to a directory in`,
      "Terraform's plugin-directory layout holding the aws provider, e.g. /opt/tf-plugins:",
      '  registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_v<version>_x5',
    ].join('\n'),
  );
  process.exit(1);
}

process.env[ENV] = pluginDir;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${WORKER_HEAP_MB}`.trim();
// jest.run exits non-zero when a test fails or none runs.
require('jest').run(['--config', path.join(__dirname, '..', 'jest.provider.config.js'), ...process.argv.slice(2)]);
