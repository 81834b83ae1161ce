/**
 * HCL export of every example: native HCL only, formatted, accepted by Terraform's configuration
 * loader without a warning, and equal, parsed back, to the JSON synthesis of the same stack.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { main } from '../../main';
import { synthHcl, terraformFmt, toHcl } from '../../cli/synth-hcl';

const root = path.join(__dirname, '..', '..');
const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.yaml'));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-'));
const cliConfig = path.join(workspace, 'terraformrc');
fs.writeFileSync(cliConfig, '');
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));
const quiet = { out: () => undefined, err: (l: string) => { throw new Error(l); } };

interface Exported {
  readonly stack: string;
  readonly dir: string;
  readonly hcl: string;
  readonly json: Record<string, unknown>;
}

const exported: [string, Exported][] = examples.flatMap((example) => {
  const hclOut = path.join(workspace, example, 'hcl');
  const jsonCopies = path.join(workspace, example, 'json');
  // The same export as `npm run synth:hcl`, with each stack's JSON kept aside before it is converted.
  const keepJsonThenConvert = (staging: string, stacks: Parameters<typeof toHcl>[1]) => {
    fs.cpSync(path.join(staging, 'stacks'), jsonCopies, { recursive: true });
    toHcl(staging, stacks);
  };
  if (main({ OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', example), CDKTF_OUTDIR: hclOut }, quiet, { transform: keepJsonThenConvert }) !== 0) {
    throw new Error(`${example}: synth:hcl failed`);
  }
  return fs.readdirSync(path.join(hclOut, 'stacks')).map((stack): [string, Exported] => [
    `${example}: ${stack}`,
    {
      stack,
      dir: path.join(hclOut, 'stacks', stack),
      hcl: fs.readFileSync(path.join(hclOut, 'stacks', stack, 'cdk.tf'), 'utf8'),
      json: JSON.parse(fs.readFileSync(path.join(jsonCopies, stack, 'cdk.tf.json'), 'utf8')),
    },
  ]);
});

/**
 * `terraform providers` runs the loader offline; it wants an initialized backend, so the copy it
 * reads has none (the backend block itself is checked by fmt and the comparison). Two at a time,
 * beside the tests: terraform waits on the disk as much as on the CPU, and each takes ~50 MB.
 */
const slots: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
let next = 0;
function loaderCheck(hcl: string): Promise<{ status: number | null; output: string }> {
  const slot = next++ % slots.length;
  const result = slots[slot].then(() => runLoader(hcl));
  slots[slot] = result;
  return result;
}

function runLoader(hcl: string): Promise<{ status: number | null; output: string }> {
  const copy = fs.mkdtempSync(path.join(workspace, 'loader-'));
  fs.writeFileSync(path.join(copy, 'main.tf'), hcl.replace(/^ {2}backend "[a-z0-9]+" \{\n[\s\S]*?\n {2}\}\n/m, ''));
  return new Promise((resolve) => {
    const child = spawn('terraform', ['providers', '-no-color'], { cwd: copy, env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
}
const loaderResults = new Map(exported.map(([, e]) => [e.dir, loaderCheck(e.hcl)] as const));

/** Arguments whose JSON strings are references or keywords: HCL writes them bare. */
const BARE = new Set(['depends_on', 'ignore_changes', 'replace_triggered_by', 'provider', 'type', 'to', 'from']);

/** One shape for both sides: no metadata, single-item block lists as their item, bare references unwrapped. */
function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, key));
    return items.length === 1 && typeof items[0] === 'object' && items[0] !== null && !Array.isArray(items[0]) ? items[0] : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, canonical(v, k)]),
    );
  }
  if (typeof value === 'string' && BARE.has(key)) return value.replace(/^\$\{([\s\S]*)\}$/, '$1');
  return value;
}

describe('synth:hcl', () => {
  test('exports every stack of every example', () => {
    expect(exported.length).toBeGreaterThanOrEqual(examples.length);
  });

  test('npm run synth:hcl publishes the same HCL, and says it wrote HCL and what it is for', () => {
    const outdir = path.join(workspace, 'synth-hcl-entry');
    const said: string[] = [];
    expect(synthHcl({ OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', 'bronto.yaml'), CDKTF_OUTDIR: outdir }, { out: (l) => said.push(l), err: (l) => said.push(l) })).toBe(0);
    expect(said[0]).toContain('as native HCL (cdk.tf, terraform fmt)');
    expect(said[said.length - 1]).toBe('next: read or review the HCL; okta-log-streaming synth (without --hcl) writes the JSON that plan and apply use');
    const [, bronto] = exported.find(([name]) => name === 'bronto.yaml: okta-bronto')!;
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'okta-bronto', 'cdk.tf'), 'utf8')).toBe(bronto.hcl);
  });

  test('every exported file is formatted: terraform fmt -check -recursive passes', () => {
    const fmt = spawnSync('terraform', ['fmt', '-check', '-recursive', '-no-color', workspace], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig } });
    expect({ status: fmt.status, output: fmt.stdout + fmt.stderr }).toEqual({ status: 0, output: '' });
    expect(exported.every(([, e]) => e.hcl.length > 0)).toBe(true);
  });

  describe.each(exported)('%s', (_name, { dir, hcl, json }) => {
    test('writes cdk.tf alone: no stale cdk.tf.json, and the manifest points at it', () => {
      expect(fs.readdirSync(dir).sort()).toEqual(['cdk.tf']);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, '..', '..', 'manifest.json'), 'utf8'));
      expect(Object.values<{ synthesizedStackPath: string }>(manifest.stacks).map((s) => s.synthesizedStackPath)).toContain(
        path.join('stacks', path.basename(dir), 'cdk.tf'),
      );
    });

    test('Terraform\'s configuration loader accepts it without a warning (quoted references, precondition as argument …)', async () => {
      const run = await loaderResults.get(dir)!;
      expect({ status: run.status, problems: run.output.split('\n').filter((l) => /^(Warning|Error):/.test(l)) }).toEqual({ status: 0, problems: [] });
    });

    test('parsed back, it is the JSON synthesis of the same stack', async () => {
      const parsed = await parse('cdk.tf', hcl);
      expect(canonical(parsed)).toEqual(canonical(json));
    });

    test('quotes inside strings that carry references are escaped (the IAM policies)', () => {
      expect(hcl).not.toMatch(/= "\{"Version"/);
    });
  });

  test('terraform fmt failing on broken HCL is reported, not published', () => {
    const broken = fs.mkdtempSync(path.join(workspace, 'broken-'));
    fs.writeFileSync(path.join(broken, 'cdk.tf'), 'resource "a" "b" {\n  x = "unterminated\n}\n');
    expect(() => terraformFmt(broken)).toThrow('terraform fmt rejected the HCL');
  });
});
