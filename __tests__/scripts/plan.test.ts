import * as fs from 'fs';
import * as path from 'path';
import { planMarkdown, runPlan } from '../../scripts/plan';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

let fixture: FixtureOutdir;
beforeEach(() => (fixture = new FixtureOutdir()));
afterEach(() => fixture.remove());

function capture() {
  const lines: string[] = [];
  return { lines, output: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
}

describe('npm run plan', () => {
  test('plans every stack with terraform, saves the plan and writes a Markdown summary', () => {
    fixture.applied('unchanged', 'ACTIVE');
    fixture.writeStack('new-stack', 'ACTIVE');
    const { lines, output } = capture();
    expect(runPlan(['--no-synth'], { ...terraformEnv, CDKTF_OUTDIR: fixture.outdir }, output)).toBe(0);
    expect(lines).toEqual(['unchanged: No changes. Your infrastructure matches the configuration.', 'new-stack: Plan: 1 to add, 0 to change, 0 to destroy.']);
    expect(fs.existsSync(path.join(fixture.outdir, 'stacks', 'new-stack', 'tfplan'))).toBe(true);
    const summary = fs.readFileSync(path.join(fixture.outdir, 'plan-summary.md'), 'utf8');
    expect(summary).toContain('| `new-stack` | Plan: 1 to add, 0 to change, 0 to destroy. |');
    expect(summary).toContain('<details><summary>new-stack</summary>');
    expect(summary).toContain('terraform_data.stream_status will be created');
  });

  test('a stack that cannot be planned makes it exit 1, and the summary says why', () => {
    fixture.writeStack('broken', '${terraform_data.missing.id}');
    const { output } = capture();
    expect(runPlan(['--no-synth'], { ...terraformEnv, CDKTF_OUTDIR: fixture.outdir }, output)).toBe(1);
    expect(fs.readFileSync(path.join(fixture.outdir, 'plan-summary.md'), 'utf8')).toMatch(/\| `broken` \| \*\*error\*\* terraform plan failed: Error: Reference to undeclared resource/);
  });

  test('long plans are cut in the summary', () => {
    const markdown = planMarkdown([{ stack: 's', ok: true, summary: 'Plan: 1 to add', details: 'x'.repeat(50) }], 10);
    expect(markdown).toContain('xxxxxxxxxx\n… (cut; see the job log)');
  });
});
