import * as fs from 'fs';
import * as path from 'path';
import { FINGERPRINT_FILE, planMarkdown, runPlan } from '../../scripts/plan';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

let fixture: FixtureOutdir;
beforeEach(() => (fixture = new FixtureOutdir()));
afterEach(() => fixture.remove());

function capture() {
  const lines: string[] = [];
  return { lines, output: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
}
const env = () => ({ ...terraformEnv, CDKTF_OUTDIR: fixture.outdir });

describe('npm run plan', () => {
  test('plans every stack with terraform, saves each plan with its fingerprint and writes a Markdown summary', async () => {
    fixture.applied('unchanged', 'ACTIVE');
    fixture.writeStack('new-stack', 'ACTIVE');
    const { lines, output } = capture();
    expect(await runPlan(['--no-synth'], env(), output)).toBe(0);
    expect(lines.slice(0, 2)).toEqual(['unchanged: No changes. Your infrastructure matches the configuration.', 'new-stack: Plan: 1 to add, 0 to change, 0 to destroy.']);
    expect(lines[2]).toContain('npm run apply applies exactly these plans');
    const dir = path.join(fixture.outdir, 'stacks', 'new-stack');
    expect(fs.existsSync(path.join(dir, 'tfplan'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, FINGERPRINT_FILE), 'utf8'))).toEqual({ stack: 'new-stack', config: expect.stringMatching(/^[0-9a-f]{64}$/), plannedAt: expect.any(String) });
    const summary = fs.readFileSync(path.join(fixture.outdir, 'plan-summary.md'), 'utf8');
    expect(summary).toContain('| `new-stack` | Plan: 1 to add, 0 to change, 0 to destroy. |');
    expect(summary).toContain('terraform_data.stream_status will be created');
  });

  test('a stack that cannot be planned: exit 1, and the summary and output carry Terraform\'s whole diagnostic', async () => {
    fixture.writeStack('broken', '${terraform_data.missing.id}');
    const { lines, output } = capture();
    expect(await runPlan(['--no-synth'], env(), output)).toBe(1);
    const summary = fs.readFileSync(path.join(fixture.outdir, 'plan-summary.md'), 'utf8');
    expect(summary).toMatch(/\| `broken` \| \*\*error\*\* terraform plan failed: Error: Reference to undeclared resource \|/);
    // The detail, not only the summary line.
    expect(summary).toContain('A managed resource "terraform_data" "missing" has not been declared in the');
    expect(lines.join('\n')).toContain('has not been declared in the');
    expect(fs.existsSync(path.join(fixture.outdir, 'stacks', 'broken', FINGERPRINT_FILE))).toBe(false);
  });

  test('plans stacks in parallel and prints them in manifest order, with one plugin cache created for all', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const name of names) fixture.writeStack(name, 'ACTIVE');
    const cache = path.join(fixture.outdir, 'cache-made-on-demand');
    const { lines, output } = capture();
    expect(await runPlan(['--no-synth', '--parallel', '3'], { ...env(), TF_PLUGIN_CACHE_DIR: cache }, output)).toBe(0);
    expect(lines.slice(0, 5)).toEqual(names.map((n) => `${n}: Plan: 1 to add, 0 to change, 0 to destroy.`));
    expect(fs.statSync(cache).isDirectory()).toBe(true);
  });

  test('refuses to run Terraform while a needed secret variable is unset, naming it, its stack and sink, never a value', async () => {
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const variables = [{ stack: 'okta-bronto', variable: 'bronto_api_key', environment: 'TF_VAR_bronto_api_key', secret: 'BRONTO_API_KEY', what: 'Bronto API key', sinks: ['stacks[0].sink'] }];
    fs.writeFileSync(path.join(fixture.outdir, 'variables.json'), JSON.stringify({ variables }));
    const { lines, output } = capture();
    expect(await runPlan(['--no-synth'], env(), output)).toBe(1);
    expect(lines).toEqual([
      'okta-log-streaming: 1 secret variable(s) not set; nothing was run:',
      '  - TF_VAR_bronto_api_key (Bronto API key) for stack okta-bronto (stacks[0].sink): set it, e.g. from the repository secret BRONTO_API_KEY',
    ]);
    expect(fs.existsSync(path.join(fixture.outdir, 'stacks', 'okta-bronto', 'tfplan'))).toBe(false);
    expect(await runPlan(['--no-synth'], { ...env(), TF_VAR_bronto_api_key: 'value-set' }, capture().output)).toBe(0);
  });

  test('leaves the state bucket stack to npm run bootstrap', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const { lines, output } = capture();
    expect(await runPlan(['--no-synth'], env(), output)).toBe(0);
    expect(lines[0]).toBe('okta-bronto: Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(lines.join('\n')).not.toContain('okta-log-streaming-state:');
  });

  test('long plans are cut in the summary', () => {
    const markdown = planMarkdown([{ stack: 's', ok: true, summary: 'Plan: 1 to add', details: 'x'.repeat(50) }], 10);
    expect(markdown).toContain('xxxxxxxxxx\n… (cut; see the job log)');
  });
});
