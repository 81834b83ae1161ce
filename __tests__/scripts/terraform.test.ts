import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeUnlessAsked } from '../../scripts/terraform';
import { captured } from '../helpers/output';

let workspace: string;
beforeEach(() => (workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-test-'))));
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('synthesizeUnlessAsked', () => {
  test('synthesizes the configured stacks into CDKTF_OUTDIR before Terraform runs', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    expect(synthesizeUnlessAsked([], { CDKTF_OUTDIR: outdir }, captured().output)).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf.json'))).toBe(true);
  });

  test('--no-synth leaves cdktf.out/ as it is', () => {
    const outdir = path.join(workspace, 'cdktf.out');
    expect(synthesizeUnlessAsked(['--no-synth'], { CDKTF_OUTDIR: outdir }, captured().output)).toBe(true);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a config that does not synthesize stops the run, with the reason printed', () => {
    const { lines, output } = captured();
    const env = { CDKTF_OUTDIR: path.join(workspace, 'cdktf.out'), OKTA_LOG_STREAMING_CONFIG: path.join(workspace, 'missing.yaml') };
    expect(synthesizeUnlessAsked([], env, output)).toBe(false);
    expect(lines.err.join('\n')).toContain('missing.yaml not found');
  });
});
