/**
 * README and docs/: the generated pages are fresh, every relative link and anchor resolves, the
 * quick start is the CI's test command, every npm script named exists, and the README stays short.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { configJsonSchema } from '../schema/json-schema';
import { formatProblems, validateConfig } from '../schema/validate';
import { errorsExample } from '../scripts/docs/configuration-reference';
import { generatedDocs } from '../scripts/generate-docs';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}
const pages = ['README.md', ...markdownFiles('docs')];
const withoutCode = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}
const anchors = (file: string) => new Set([...read(file).replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1].replace(/`/g, ''))));

/** Every config setting by its path: `okta.org_name`, `stacks[].name`, `sink.region` (sink keys relative to the sink). */
function configKeys(): string[] {
  const keys: string[] = [];
  const visit = (node: any, at: string): void => {
    for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
      if (key === '$schema' || key === 'type' && at === 'sink') continue;
      const name = at === '' ? key : `${at}.${key}`;
      if (key === 'sink') {
        for (const option of child.anyOf ?? []) visit(option, 'sink');
      } else if (key === 'sinks') {
        continue;
      } else if (child.items?.properties) {
        visit(child.items, `${name}[]`);
      } else if (child.properties || child.anyOf?.some((o: any) => o.properties)) {
        keys.push(name);
        visit(child.properties ? child : child.anyOf.find((o: any) => o.properties), name);
      } else {
        keys.push(name);
      }
    }
  };
  visit(configJsonSchema(), '');
  return [...new Set(keys)];
}

describe('docs', () => {
  test('the generated pages are what `npm run docs` writes today (configuration reference from the schema, resources from synthesis)', () => {
    for (const [file, text] of Object.entries(generatedDocs())) expect({ file, fresh: read(file) === text }).toEqual({ file, fresh: true });
  });

  test('the configuration reference names every config key', () => {
    const reference = read('docs/configuration.md');
    expect(configKeys().filter((key) => !reference.includes(`\`${key}\``))).toEqual([]);
  });

  test('the configuration reference\'s Errors example is what the validator prints', () => {
    const section = read('docs/configuration.md').split('## Errors')[1];
    expect(section).toContain(`\`\`\`text\n${errorsExample(root)}\n\`\`\``);
    expect(errorsExample(root)).toContain('3 problems');
  });

  test('every relative link and anchor in README and docs resolves', () => {
    const broken: string[] = [];
    for (const file of pages) {
      for (const [, target] of withoutCode(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [linked, anchor] = target.split('#');
        const resolved = linked === '' ? file : path.join(path.dirname(file), linked);
        if (!fs.existsSync(path.join(root, resolved))) broken.push(`${file}: ${target} (no ${resolved})`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${file}: ${target} (no #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
    expect(pages.length).toBeGreaterThan(10);
  });

  test('the README is the short way in: at most 300 lines, the two quick-start commands with one npm ci, and .ci/run runs that test command (then the published HCL, real-provider and npm package checks)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    const quickStart = readme.split('## Quick start')[1].split('\n## ')[0];
    expect(quickStart).toContain('npm ci && npx okta-log-streaming synth --config examples/bronto.yaml');
    expect(quickStart).toMatch(/^npm test\b/m);
    expect(quickStart.match(/npm ci/g)).toHaveLength(1);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci( --no-audit --no-fund)? && npm test && npm run test:modules && npm run test:provider && npm run test:package$/m);
  });

  test('every npm script README and docs name exists', () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts);
    const documented = pages.flatMap((file) => [...read(file).matchAll(/npm run (?:--silent )?([a-z:-]+)/g)].map((m) => m[1]));
    expect(documented.length).toBeGreaterThan(10);
    expect([...new Set(documented)].filter((name) => !scripts.includes(name))).toEqual([]);
  });

  test('every shell snippet runs offline (and is run here) or says what it needs', () => {
    const snippets = pages.flatMap((file) => [...read(file).matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].map((m) => ({ file, body: m[1] })));
    expect(snippets.length).toBeGreaterThan(5);
    // The quick start needs the npm registry (npm ci), and CI runs it on every change (.ci/run, tested
    // above); its synth is the command the next snippet runs here, with another config.
    const quickStart = snippets.find((s) => s.file === 'README.md' && s.body.startsWith('npm ci && '));
    expect(quickStart?.body.split('\n').map((l) => l.replace(/\s+#.*$/, ''))).toEqual(['npm ci && npx okta-log-streaming synth --config examples/bronto.yaml', 'npm test', '']);
    const commands = snippets.filter((s) => s !== quickStart && !s.body.startsWith('# needs: ')).map((s) => s.body);
    expect(commands).toEqual(['npx okta-log-streaming synth --config examples/fan-out.yaml\n']);
    // `npm run <script>` is run as npm runs it, the package.json script in a shell, and `npx
    // okta-log-streaming` as npx runs it, the package's bin — without an npm process in between
    // (that process alone would push the suite's memory past its budget).
    const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string>; bin: Record<string, string> };
    const expand = (command: string) =>
      command
        .replace(/\bnpm run ([a-z:-]+)/g, (_m, name: string) => `sh -c '${packageJson.scripts[name].replace(/'/g, `'\\''`)}'`)
        .replace(/\bnpx okta-log-streaming\b/g, `node ${packageJson.bin['okta-log-streaming']}`);
    for (const command of commands) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-'));
      try {
        const run = spawnSync('bash', ['-euo', 'pipefail', '-c', expand(command)], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
        expect({ command, status: run.status, stderr: run.stderr }).toEqual({ command, status: 0, stderr: '' });
        expect(run.stdout).toMatch(/^next: /m);
        expect(fs.readdirSync(path.join(outdir, 'stacks')).length).toBeGreaterThan(0);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
  });

  test('the payload shapes table lists exactly the sinks whose schema takes each body (bronto takes none: envelope)', () => {
    const options = (configJsonSchema() as any).properties.stacks.items.properties.sink.anyOf as any[];
    const takes = (body: string) =>
      options
        .filter((o) => (o.properties.body?.enum ?? (o.properties.type.const === 'bronto' ? ['envelope'] : [])).includes(body))
        .map((o) => o.properties.type.const as string)
        .sort();
    const table = read('docs/sinks/README.md').split('## Payload shapes')[1];
    for (const body of ['envelope', 'okta_event', 'splunk_hec']) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${body}\` |`))!;
      const types = options.map((o) => o.properties.type.const as string);
      const listed = [...row.split('|')[2].matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1]).filter((t) => types.includes(t)).sort();
      expect({ body, listed }).toEqual({ body, listed: takes(body) });
    }
  });

  test('every YAML config snippet in README and the sink pages is valid config', () => {
    const blocks = ['README.md', ...markdownFiles('docs/sinks')].flatMap((file) => [...read(file).matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => ({ file, yaml: m[1] })));
    const base = { okta: { org_name: 'acme' }, aws: { account_id: '123456789012', region: 'eu-west-1' }, backend: { type: 's3', bucket: 'acme-okta-log-streaming-tfstate' } };
    const problems: string[] = [];
    for (const { file, yaml } of blocks) {
      const parsed = parseYaml(yaml) as Record<string, any>;
      let config: unknown;
      if (parsed.okta !== undefined) config = parsed;
      else if (parsed.stacks !== undefined) config = { ...base, ...parsed };
      else if (parsed.sink !== undefined) {
        const oktaOnly = ['oort', 'splunk_cloud'].includes(parsed.sink.type);
        config = { ...base, stacks: [{ name: 'okta-logs', ...(oktaOnly ? {} : { event_source_name: 'okta_logs' }), sink: parsed.sink }] };
      } else if (parsed.filter !== undefined) config = { ...base, stacks: [{ name: 'okta-logs', event_source_name: 'okta_logs', sink: { type: 'slashid', filter: parsed.filter } }] };
      else problems.push(`${file}: a YAML block this test does not know`);
      const result = validateConfig(config);
      if (!result.ok) problems.push(`${file}: ${formatProblems('snippet', result.problems)}`);
    }
    expect(blocks.length).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });

  test('nothing cites a file the repository does not have', () => {
    for (const file of pages) expect({ file, cites: /design\.md/.test(read(file)) }).toEqual({ file, cites: false });
  });
});
