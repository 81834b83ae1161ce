import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('npm run test:provider', () => {
  test('fails, saying what it needs, where the aws provider is not in the plugin directory (never a silent pass)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-plugins-'));
    try {
      const run = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'test-provider.js')], {
        env: { PATH: process.env.PATH ?? '', OKTA_LOG_STREAMING_TF_PLUGIN_DIR: empty },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`no hashicorp/aws provider in ${empty}`);
      expect(run.stderr).toContain('OKTA_LOG_STREAMING_TF_PLUGIN_DIR');
      expect(run.stderr).toContain('registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
