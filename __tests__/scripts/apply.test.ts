import { runApply } from '../../scripts/apply';
import { detectDrift } from '../../scripts/drift';
import { FixtureOutdir, terraformEnv } from '../helpers/terraform-fixtures';

let fixture: FixtureOutdir;
beforeEach(() => (fixture = new FixtureOutdir()));
afterEach(() => fixture.remove());

describe('npm run apply', () => {
  test('applies every stack in order, after which none drifts', () => {
    fixture.writeStack('first', 'ACTIVE');
    fixture.writeStack('second', 'ACTIVE');
    const lines: string[] = [];
    expect(runApply(['--no-synth'], { ...terraformEnv, CDKTF_OUTDIR: fixture.outdir }, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines).toEqual(['first: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.', 'second: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.']);
    expect(detectDrift({ outdir: fixture.outdir, env: terraformEnv }).map((v) => v.status)).toEqual(['clean', 'clean']);
  });

  test('stops at the first stack that fails: later stacks are not touched', () => {
    fixture.writeStack('broken', '${terraform_data.missing.id}');
    fixture.writeStack('later', 'ACTIVE');
    const lines: string[] = [];
    expect(runApply(['--no-synth'], { ...terraformEnv, CDKTF_OUTDIR: fixture.outdir }, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^broken: terraform apply failed: Error: Reference to undeclared resource/)]);
    expect(detectDrift({ outdir: fixture.outdir, env: terraformEnv }).find((v) => v.stack === 'later')?.status).toBe('drift');
  });
});
