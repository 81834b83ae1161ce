import * as fs from 'fs';
import * as path from 'path';
import { run as tool } from '../../cli/okta-log-streaming';
import { FINGERPRINT_FILE, planMarkdown } from '../../cli/plan';
import { capturedUntimed } from '../helpers/output';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

let fixture: FixtureOutdir;
beforeEach(() => (fixture = new FixtureOutdir()));
afterEach(() => fixture.remove());

const capture = capturedUntimed;
const env = () => ({ ...terraformEnv, CDKTF_OUTDIR: fixture.outdir });

describe('okta-log-streaming plan', () => {
  test('plans every stack with terraform, saves each plan with its fingerprint and writes a Markdown summary', async () => {
    fixture.applied('unchanged', 'ACTIVE');
    fixture.writeStack('new-stack', 'ACTIVE');
    const { lines, output } = capture();
    expect(await tool(['plan', '--no-synth'], env(), output)).toBe(0);
    expect(lines.slice(0, 2).sort()).toEqual(['✓ new-stack: Plan: 1 to add, 0 to change, 0 to destroy.', '✓ unchanged: No changes. Your infrastructure matches the configuration.']);
    expect(lines[2]).toMatch(/^okta-log-streaming: plan: 2 stacks planned; .*okta-log-streaming apply applies exactly these plans\.$/);
    const dir = path.join(fixture.outdir, 'stacks', 'new-stack');
    expect(fs.existsSync(path.join(dir, 'tfplan'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, FINGERPRINT_FILE), 'utf8'))).toEqual({ stack: 'new-stack', config: expect.stringMatching(/^[0-9a-f]{64}$/), plannedAt: expect.any(String) });
    const summary = fs.readFileSync(path.join(fixture.outdir, 'plan-summary.md'), 'utf8');
    expect(summary).toContain('| `new-stack` | Plan: 1 to add, 0 to change, 0 to destroy. |');
    expect(summary).toContain('terraform_data.stream_status will be created');
  });

  test('a stack that cannot be planned: exit 1, and the summary and output carry Terraform\'s whole diagnostic', async () => {
    fixture.writeStack('broken', '${terraform_data.missing.id}');
    const { lines, err, output } = capture();
    expect(await tool(['plan', '--no-synth'], env(), output)).toBe(1);
    // Failure is never reported as success: the last line says what failed, and no line says "saved".
    expect(err[err.length - 1]).toBe('okta-log-streaming: plan: 1 of 1 stack could not be planned (broken: see the ✗ lines above); no plan of theirs was saved');
    expect([...lines, ...err].join('\n')).not.toMatch(/plans saved|Review, then/);
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
    expect(await tool(['plan', '--no-synth', '--parallel', '3'], { ...env(), TF_PLUGIN_CACHE_DIR: cache }, output)).toBe(0);
    // Each stack's line as it ends; all five, each once.
    expect(lines.slice(0, 5).sort()).toEqual(names.map((n) => `✓ ${n}: Plan: 1 to add, 0 to change, 0 to destroy.`));
    expect(fs.statSync(cache).isDirectory()).toBe(true);
  });

  test('refuses to run Terraform while a needed secret variable is unset, naming it, its stack and sink, never a value', async () => {
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const variables = [{ stack: 'okta-bronto', variable: 'bronto_api_key', environment: 'TF_VAR_bronto_api_key', secret: 'BRONTO_API_KEY', what: 'Bronto API key', sinks: ['stacks[0].sink'] }];
    fs.writeFileSync(path.join(fixture.outdir, 'variables.json'), JSON.stringify({ variables }));
    const { err: lines, output } = capture();
    expect(await tool(['plan', '--no-synth'], env(), output)).toBe(1);
    expect(lines).toEqual([
      'okta-log-streaming: 1 secret variable(s) not set; nothing was run:',
      '  - TF_VAR_bronto_api_key (Bronto API key) for stack okta-bronto (stacks[0].sink): set it, e.g. from the repository secret BRONTO_API_KEY',
    ]);
    expect(fs.existsSync(path.join(fixture.outdir, 'stacks', 'okta-bronto', 'tfplan'))).toBe(false);
    expect(await tool(['plan', '--no-synth'], { ...env(), TF_VAR_bronto_api_key: 'value-set' }, capture().output)).toBe(0);
  });

  test('leaves the state bucket stack to bootstrap', async () => {
    fixture.writeStack('okta-log-streaming-state', 'bucket');
    fixture.writeStack('okta-bronto', 'ACTIVE');
    const { lines, output } = capture();
    expect(await tool(['plan', '--no-synth'], env(), output)).toBe(0);
    expect(lines[0]).toBe('✓ okta-bronto: Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(lines.join('\n')).not.toContain('okta-log-streaming-state:');
  });

  test('long plans are cut in the summary', () => {
    const markdown = planMarkdown([{ stack: 's', ok: true, summary: 'Plan: 1 to add', details: 'x'.repeat(50) }], 10);
    expect(markdown).toContain('xxxxxxxxxx\n… (cut; see the job log)');
  });
});
