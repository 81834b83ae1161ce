/** `okta-log-streaming iam-policy`: the document alone on stdout, as JSON, with --json, or as Terraform. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as tool } from '../../cli/okta-log-streaming';
import { deployerPolicy } from '../../stacks/deployer-policy';
import { captured } from '../helpers/output';

const root = path.join(__dirname, '..', '..');
let outdir: string;
beforeAll(() => (outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-policy-'))));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
const env = () => ({ PATH: process.env.PATH, CDKTF_OUTDIR: outdir, OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', 'bronto.yaml') });
const stacks = () => [{ name: 'okta-bronto', json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf.json'), 'utf8')) }];

describe('okta-log-streaming iam-policy', () => {
  test('stdout is the policy document alone, for the config\'s pipeline stacks; synthesis and the summary go to stderr', async () => {
    const { lines, output } = captured();
    expect(await tool(['iam-policy', '--role', 'plan'], env(), output)).toBe(0);
    expect(JSON.parse(lines.out.join('\n'))).toEqual(deployerPolicy('plan', stacks()));
    expect(lines.err[lines.err.length - 1]).toMatch(/^okta-log-streaming: iam-policy plan: \d+ statements for 1 stack, \d+ characters \(IAM allows 10240/);
  });

  test('--json adds the role, stacks and size; --terraform is a data source terraform fmt accepts', async () => {
    const json = captured();
    expect(await tool(['iam-policy', '--role', 'apply', '--json', '--no-synth'], env(), json.output)).toBe(0);
    expect(JSON.parse(json.lines.out.join('\n'))).toMatchObject({ role: 'apply', stacks: ['okta-bronto'], policy: deployerPolicy('apply', stacks()) });
    const hcl = captured();
    expect(await tool(['iam-policy', '--role', 'apply', '--terraform', '--no-synth'], env(), hcl.output)).toBe(0);
    const text = `${hcl.lines.out.join('\n')}\n`;
    expect(text).toContain('data "aws_iam_policy_document" "okta_log_streaming_apply" {');
    const fmt = spawnSync('terraform', ['fmt', '-check', '-'], { input: text, encoding: 'utf8', env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1', HOME: os.tmpdir() } });
    expect(fmt.status).toBe(0);
  });

  test('fails when --role is missing or unknown, or both forms are asked for, running nothing', async () => {
    for (const args of [['iam-policy'], ['iam-policy', '--role', 'admin'], ['iam-policy', '--rol', 'plan']]) {
      const { lines, output } = captured();
      expect(await tool(args, env(), output)).toBe(2);
      expect(lines.out).toEqual([]);
    }
    const both = captured();
    expect(await tool(['iam-policy', '--role', 'plan', '--json', '--terraform', '--no-synth'], env(), both.output)).toBe(2);
    expect(both.lines.out).toEqual([]);
  });
});
