/**
 * The published Terraform modules: committed as generated, in Terraform's standard module structure,
 * formatted, no backend or provider configuration, accepted by Terraform's loader with their
 * examples, documented in tables GitHub renders, described in the module's own terms, and validating
 * inputs by the config's rules with the config's messages — checked by letting terraform 1.11.4
 * itself evaluate the variable validations.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import MarkdownIt from 'markdown-it';
import { MODULES } from '../../cli/terraform-modules/definitions';
import { EXAMPLE_DIR, MODULES_DIR, moduleConfig as buildModuleConfig, writeModules } from '../../cli/modules';
import { renderHcl } from '../../cli/hcl/render';
import { stackSchema, awsSchema, oktaSchema } from '../../schema/config';
import { brontoSinkShape } from '../../schema/sinks/bronto';
import { deliveryShape } from '../../schema/delivery';
import { filterSchema } from '../../schema/filter';
import { s3ArchiveSinkShape } from '../../schema/sinks/s3-archive';
import { ADMITTED, admittedConstraint } from '../../schema/provider-versions';
import { run } from '../../cli/okta-log-streaming';
import { captured } from '../helpers/output';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'modules-'));
const cliConfig = path.join(workspace, 'terraformrc');
fs.writeFileSync(cliConfig, '');
const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
const target = path.join(workspace, 'terraform');
const written = writeModules(target);
const configs = new Map<string, ReturnType<typeof buildModuleConfig>>();
/** Each module synthesized once for all the tests that read its Terraform JSON. */
function moduleConfig(definition: (typeof MODULES)[number]) {
  if (!configs.has(definition.name)) configs.set(definition.name, buildModuleConfig(definition));
  return configs.get(definition.name)!;
}
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

function terraform(cwd: string, ...args: string[]) {
  return spawnSync('terraform', [...args, '-no-color'], { cwd, env, encoding: 'utf8' });
}
const problems = (run: { stdout: string; stderr: string }) => (run.stdout + run.stderr).split('\n').filter((l) => /^(Warning|Error):/.test(l));

/** Every file under dir, relative, sorted. */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A Markdown document's tables under a `## heading`, as GitHub-flavoured Markdown parses them: rows of cell texts. */
function tableAfter(markdown: string, heading: string): string[][] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const start = tokens.findIndex((t, i) => t.type === 'heading_open' && t.tag === 'h2' && tokens[i + 1].content === heading);
  if (start < 0) throw new Error(`no "## ${heading}"`);
  const rows: string[][] = [];
  for (let i = start + 3; i < tokens.length && !(tokens[i].type === 'heading_open' && tokens[i].tag === 'h2'); i++) {
    if (tokens[i].type === 'tr_open') rows.push([]);
    if (tokens[i].type === 'inline' && (tokens[i - 1].type === 'td_open' || tokens[i - 1].type === 'th_open')) rows[rows.length - 1].push(tokens[i].content);
  }
  return rows;
}

describe('modules', () => {
  test('writes the source module and one module per sink kind, and an index', () => {
    expect(written).toEqual(['okta-eventbridge-source', 'bronto', 'datadog', 'slashid', 'cloudwatch-logs', 'https', 's3-archive', 'oort', 'splunk-cloud']);
    expect(fs.readdirSync(target).sort()).toEqual([...written, 'README.md'].sort());
  });

  test(`${MODULES_DIR}/ in the repository is exactly what modules writes: regenerating changes nothing`, () => {
    const committed = path.join(__dirname, '..', '..', MODULES_DIR);
    expect(tree(committed)).toEqual(tree(target));
    const stale = tree(target).filter((f) => fs.readFileSync(path.join(committed, f), 'utf8') !== fs.readFileSync(path.join(target, f), 'utf8'));
    expect(stale).toEqual([]);
  });

  test('modules --check names each stale, missing and extra file and exits 1; a fresh directory exits 0; it writes nothing', async () => {
    const copy = path.join(workspace, 'check-copy');
    fs.cpSync(target, copy, { recursive: true });
    const check = async () => {
      const { lines, output } = captured();
      return { status: await run(['modules', '--check', '--dir', copy], {}, output), lines };
    };
    expect((await check()).status).toBe(0);
    fs.appendFileSync(path.join(copy, 'bronto', 'main.tf'), '# edited by hand\n');
    fs.rmSync(path.join(copy, 'oort', 'outputs.tf'));
    fs.writeFileSync(path.join(copy, 'datadog', 'extra.tf'), '');
    // What terraform leaves behind in an example it ran in is not part of a module.
    fs.mkdirSync(path.join(copy, 'https', EXAMPLE_DIR, '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'https', EXAMPLE_DIR, '.terraform.lock.hcl'), '');
    const stale = await check();
    expect(stale.status).toBe(1);
    expect(stale.lines.err.filter((l) => l.includes('✗'))).toEqual([
      `  ✗ ${path.join(copy, 'oort', 'outputs.tf')} is missing`,
      `  ✗ ${path.join(copy, 'bronto', 'main.tf')} is stale`,
      `  ✗ ${path.join(copy, 'datadog', 'extra.tf')} is not generated (modules would delete it)`,
    ]);
    expect(stale.lines.err.at(-1)).toContain('is not what modules writes (3 files): run okta-log-streaming modules --dir');
    expect(fs.readFileSync(path.join(copy, 'bronto', 'main.tf'), 'utf8')).toContain('# edited by hand');
    const none = path.join(workspace, 'no-such-dir');
    const { lines, output } = captured();
    expect(await run(['modules', '--check', '--dir', none], {}, output)).toBe(1);
    expect(lines.err.filter((l) => l.includes('✗'))).toEqual([`  ✗ ${none} does not exist (modules writes it)`]);
  });

  test('modules never replaces a directory that holds anything it did not write', async () => {
    const dir = path.join(workspace, 'not-modules');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.tf'), 'keep me');
    const { lines, output } = captured();
    expect(await run(['modules', '--dir', dir], {}, output)).toBe(1);
    expect(lines.err.join('\n')).toContain(`${dir} holds main.tf, which modules did not write`);
    expect(fs.readdirSync(dir)).toEqual(['main.tf']);
  });

  test('every file is formatted (terraform fmt -check -recursive)', () => {
    const fmt = terraform(target, 'fmt', '-check', '-recursive');
    expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 0, unformatted: '' });
  });

  test('the index lists every module with the source a team writes, at this version', () => {
    const rows = tableAfter(`## Modules\n\n${fs.readFileSync(path.join(target, 'README.md'), 'utf8').split('\n').filter((l) => l.startsWith('|')).join('\n')}\n`, 'Modules');
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(rows.slice(1).map((r) => r[0])).toEqual(written.map((m) => `[${m}](${m}/README.md)`));
    for (const [index, row] of rows.slice(1).entries()) expect(row[2]).toMatch(new RegExp(`^\`git::https://github\\.com/[^/]+/okta-log-streaming\\.git//terraform/${written[index]}\\?ref=v${version.replace(/\./g, '\\.')}\`$`));
  });

  describe.each(MODULES.map((m) => [m.name, m] as const))('%s', (name, definition) => {
    const dir = path.join(target, name);
    const versionsTf = fs.readFileSync(path.join(dir, 'versions.tf'), 'utf8');

    test('has the standard module structure: versions.tf, variables.tf, main.tf, outputs.tf, README.md, examples/basic/main.tf', () => {
      expect(tree(dir)).toEqual(['README.md', path.join(EXAMPLE_DIR, 'main.tf'), 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf'].sort());
    });

    test('each file holds its part: versions.tf the requirements, variables.tf the inputs, main.tf the resources, outputs.tf the outputs', async () => {
      const sections = async (file: string) => Object.keys(await parse(file, fs.readFileSync(path.join(dir, file), 'utf8'))).sort();
      expect(await sections('versions.tf')).toEqual(['terraform']);
      expect(await sections('variables.tf')).toEqual(['variable']);
      expect((await sections('main.tf')).filter((s) => !['data', 'resource', 'moved', 'removed'].includes(s))).toEqual([]);
      expect(await sections('outputs.tf')).toEqual(['output']);
    });

    test('resources have names a person would choose: snake_case words, no construct hashes, stable', () => {
      const { addresses } = moduleConfig(definition);
      for (const address of addresses.keys()) expect(address).toMatch(/^(data\.)?[a-z0-9_]+\.(this|[a-z]+(_[a-z]+)*)$/);
      expect([...addresses.keys()].filter((a) => /_[0-9A-F]{8}$/.test(a))).toEqual([]);
    });

    test('carries no backend and no provider configuration, only the package\'s version ranges and required_version', async () => {
      const parsed = await parse('versions.tf', versionsTf);
      expect(parsed.provider).toBeUndefined();
      expect(parsed.terraform).toHaveLength(1);
      expect(Object.keys(parsed.terraform[0]).sort()).toEqual(['required_providers', 'required_version']);
      expect(parsed.terraform[0].required_version).toBe(admittedConstraint('terraform'));
      const providers = parsed.terraform[0].required_providers[0];
      expect(providers).toEqual(Object.fromEntries(definition.providers.map((p) => [p, { source: ADMITTED[p].source, version: admittedConstraint(p) }])));
    });

    test('Terraform\'s loader accepts the module and its example without a warning', () => {
      const module = terraform(dir, 'providers');
      expect({ status: module.status, problems: problems(module) }).toEqual({ status: 0, problems: [] });
      // The example calls modules by relative path: install them (offline for local paths), then load.
      const copy = path.join(workspace, 'examples-copy', name);
      fs.cpSync(target, copy, { recursive: true });
      const exampleDir = path.join(copy, name, EXAMPLE_DIR);
      const get = terraform(exampleDir, 'get');
      expect(get.status).toBe(0);
      const example = terraform(exampleDir, 'providers');
      expect({ status: example.status, problems: problems(example) }).toEqual({ status: 0, problems: [] });
    });

    test('the README\'s tables render as tables: one row per input and output, short types in the cell, long ones written out below', () => {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      const { config } = moduleConfig(definition);
      const inputs = tableAfter(readme, 'Inputs');
      expect(inputs[0]).toEqual(['Name', 'Description', 'Type', 'Default', 'Required']);
      expect(inputs.slice(1).map((row) => row.length)).toEqual(Object.keys(config.variable).map(() => 5));
      expect(inputs.slice(1).map((row) => row[0])).toEqual(Object.keys(config.variable).map((n) => `\`${n}\``));
      for (const [index, [variableName, variable]] of Object.entries<{ type: string; default?: unknown }>(config.variable).entries()) {
        const row = inputs[index + 1];
        expect({ variableName, required: row[4] }).toEqual({ variableName, required: 'default' in variable ? 'no' : 'yes' });
        if (variable.type.includes('\n')) {
          expect(row[2]).toBe(`\`${variable.type.split('(')[0]}\` ([below](#${variableName}))`);
          expect(readme).toContain(`### \`${variableName}\`\n\nType:\n\n\`\`\`hcl\n${variable.type}\n\`\`\``);
        } else {
          expect(row[2]).toBe(`\`${variable.type}\``);
        }
      }
      const outputs = tableAfter(readme, 'Outputs');
      expect(outputs.slice(1).map((row) => [row.length, row[0]])).toEqual(Object.keys(config.output).map((n) => [2, `\`${n}\``]));
      const resources = tableAfter(readme, 'Resources');
      expect(resources.slice(1).map((row) => row[0].replace(/`/g, '')).sort()).toEqual([...moduleConfig(definition).addresses.keys()].sort());
    });

    test('descriptions speak of the module, not of stacks or config files; every input and output has one', () => {
      const { config } = moduleConfig(definition);
      const texts = [
        ...Object.entries<{ description?: string }>(config.variable).map(([n, v]) => [`variable ${n}`, v.description] as const),
        ...Object.entries<{ description?: string }>(config.output).map(([n, v]) => [`output ${n}`, v.description] as const),
        ['module', definition.description] as const,
      ];
      expect(texts.filter(([, text]) => text === undefined || text.trim() === '').map(([what]) => what)).toEqual([]);
      expect(texts.filter(([, text]) => /\bstacks?\b|\bstack's\b|\bconfig\b|config's|encryption\.kms_key|\bquoted\b|\(sensitive\)/i.test(text ?? '')).map(([what, text]) => `${what}: ${text}`)).toEqual([]);
    });

    test('validation messages say what is allowed in words, never as a regular expression', () => {
      const { config } = moduleConfig(definition);
      const messages = Object.values<{ validation?: { error_message: string }[] }>(config.variable).flatMap((v) => (v.validation ?? []).map((r) => r.error_message));
      // An anchored pattern (`^[a-z]…$`, `^\\d{12}$`) or an escape class is a regular expression; a list of allowed characters is not.
      expect(messages.filter((m) => /\^[[(\\a-z]|[\])}*+]\$|\\[dwsDWS./]|a match of/.test(m))).toEqual([]);
      expect(messages.filter((m) => !/^(Invalid [a-z_]+: |Give [a-z_]+: )/.test(m))).toEqual([]);
    });

    test('secrets are sensitive inputs; no output carries one', () => {
      const { config } = moduleConfig(definition);
      const secrets = Object.entries<Record<string, unknown>>(config.variable).filter(([, v]) => v.sensitive === true);
      for (const [variable] of secrets) expect(JSON.stringify(config.output)).not.toContain(`var.${variable}`);
      expect(secrets.map(([n]) => n)).toEqual(Object.keys(config.variable).filter((n) => /(api_key|token|secret|password)$/.test(n)));
    });
  });

  test('outputs name what callers need: stream, bus, archive and topic from the source; rule and DLQ from each sink', () => {
    const outputs = (name: string) => Object.keys(moduleConfig(MODULES.find((m) => m.name === name)!).config.output).sort();
    expect(outputs('okta-eventbridge-source')).toEqual(['alarm_topic_arn', 'archive_arn', 'kms_key_policy_statements', 'okta_log_stream_id', 'partner_event_bus_arn', 'partner_event_bus_name']);
    for (const sink of ['bronto', 'datadog', 'slashid', 'cloudwatch-logs', 'https', 's3-archive']) expect(outputs(sink)).toEqual(['dead_letter_queue_url', 'kms_key_policy_statements', 'rule_arn']);
    expect(outputs('oort')).toEqual(['okta_log_stream_id']);
    expect(outputs('splunk-cloud')).toEqual(['okta_log_stream_id']);
  });
});

describe('a team sources a module from the repository at a release tag', () => {
  test('terraform get of a root module with git::file:// sources of a bare clone at v<version> fetches the module folders', () => {
    const repo = path.join(__dirname, '..', '..');
    const version = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
    const bare = path.join(workspace, 'okta-log-streaming.git');
    const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } });
    expect(git(workspace, 'clone', '--quiet', '--bare', '--no-tags', repo, bare).status).toBe(0);
    expect(git(bare, 'tag', `v${version}`, 'HEAD').status).toBe(0);
    const root = path.join(workspace, 'team-root');
    fs.mkdirSync(root);
    const source = (module: string) => `git::file://${bare}//terraform/${module}?ref=v${version}`;
    fs.writeFileSync(
      path.join(root, 'main.tf'),
      [
        `module "okta_source" {\n  source = "${source('okta-eventbridge-source')}"\n}`,
        `module "bronto" {\n  source = "${source('bronto')}"\n}`,
        '',
      ].join('\n'),
    );
    const get = terraform(root, 'get');
    expect({ status: get.status, stderr: get.stderr }).toEqual({ status: 0, stderr: '' });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, '.terraform', 'modules', 'modules.json'), 'utf8')) as { Modules: { Key: string; Source: string; Dir: string }[] };
    const fetched = Object.fromEntries(manifest.Modules.filter((m) => m.Key !== '').map((m) => [m.Key, m]));
    expect(Object.keys(fetched).sort()).toEqual(['bronto', 'okta_source']);
    for (const [key, module] of [['bronto', 'bronto'], ['okta_source', 'okta-eventbridge-source']]) {
      expect(fetched[key].Source).toBe(source(module));
      expect(fetched[key].Dir.split(path.sep).slice(-2)).toEqual(['terraform', module]);
      expect(fs.readdirSync(path.join(root, fetched[key].Dir)).sort()).toEqual(fs.readdirSync(path.join(repo, 'terraform', module)).sort());
    }
  });
});

describe('module input validation, evaluated by terraform, agrees with the config validator', () => {
  /** A root module made of nothing but the module's variable blocks: planning it runs their validations. */
  function variablesOnly(moduleName: string): string {
    const dir = fs.mkdtempSync(path.join(workspace, `vars-${moduleName}-`));
    const { config } = moduleConfig(MODULES.find((m) => m.name === moduleName)!);
    fs.writeFileSync(path.join(dir, 'variables.tf'), renderHcl({ variable: config.variable }, new Set()));
    expect(terraform(dir, 'init', '-input=false').status).toBe(0);
    return dir;
  }

  function plan(dir: string, values: Record<string, unknown>) {
    fs.writeFileSync(path.join(dir, 'values.auto.tfvars.json'), JSON.stringify(values));
    return terraform(dir, 'plan', '-input=false', '-lock=false');
  }

  const sourceCases = {
    name: { field: stackSchema.shape.name, good: 'okta-logs', bad: 'Okta_Logs' },
    okta_org_name: { field: oktaSchema.shape.org_name, good: 'acme', bad: 'acme.okta.com' },
    event_source_name: { field: stackSchema.shape.event_source_name, good: 'okta_logs', bad: 'okta-logs' },
    aws_account_id: { field: awsSchema.shape.account_id, good: '012345678901', bad: '1234' },
    aws_region: { field: awsSchema.shape.region, good: 'eu-west-1', bad: 'eu-south-1' },
    archive_retention_days: { field: stackSchema.shape.archive_retention_days, good: 0, bad: 4000 },
  };

  test('okta-eventbridge-source: the config\'s good values pass, its bad ones fail, each by name', () => {
    const dir = variablesOnly('okta-eventbridge-source');
    for (const { field, good, bad } of Object.values(sourceCases)) {
      expect(field.safeParse(good).success).toBe(true);
      expect(field.safeParse(bad).success).toBe(false);
    }
    const goodRun = plan(dir, Object.fromEntries(Object.entries(sourceCases).map(([k, c]) => [k, c.good])));
    expect({ status: goodRun.status, problems: problems(goodRun) }).toEqual({ status: 0, problems: [] });
    const badRun = plan(dir, Object.fromEntries(Object.entries(sourceCases).map(([k, c]) => [k, c.bad])));
    expect(badRun.status).toBe(1);
    for (const variable of Object.keys(sourceCases)) expect(badRun.stdout + badRun.stderr).toContain(`Invalid ${variable}:`);
  });

  test('a module input refuses a value with the message the config validator gives for it', () => {
    const cases = {
      aws_account_id: { field: awsSchema.shape.account_id, bad: '1234' },
      name: { field: stackSchema.shape.name, bad: 'Okta_Logs' },
      okta_org_name: { field: oktaSchema.shape.org_name, bad: 'ACME' },
      aws_region: { field: awsSchema.shape.region, bad: 'eu-south-1' },
      archive_retention_days: { field: stackSchema.shape.archive_retention_days, bad: 4000 },
    };
    const good = Object.fromEntries(Object.entries(sourceCases).map(([k, c]) => [k, c.good]));
    const errors = validateEach('okta-eventbridge-source', {}, Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, { ...good, [k]: c.bad }])));
    for (const [variable, { field, bad }] of Object.entries(cases)) {
      const parsed = field.safeParse(bad);
      const message = parsed.success ? 'accepted' : parsed.error.issues[0].message;
      expect({ variable, errors: errors[variable] }).toEqual({ variable, errors: [`Invalid ${variable}: it ${message.replace(/\.?$/, '.')}`] });
    }
  });

  test('bronto: region, headers, rate and retries follow the config rules; the key must not be blank', () => {
    const dir = variablesOnly('bronto');
    const common = { name: 'okta-bronto', event_bus_name: 'aws.partner/okta.com/acme/okta_logs', alarm_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:okta-logs-alarms' };
    const cases = {
      bronto_region: { field: brontoSinkShape.region, good: 'us', bad: 'ap' },
      collection: { field: brontoSinkShape.collection, good: 'okta prod', bad: ' padded ' },
      invocation_rate_limit_per_second: { field: brontoSinkShape.invocation_rate_limit_per_second, good: 300, bad: 301 },
      maximum_event_age_seconds: { field: deliveryShape.maximum_event_age_seconds, good: 60, bad: 59 },
      maximum_retry_attempts: { field: deliveryShape.maximum_retry_attempts, good: 0, bad: 186 },
    };
    for (const { field, good, bad } of Object.values(cases)) {
      expect(field.safeParse(good).success).toBe(true);
      expect(field.safeParse(bad).success).toBe(false);
    }
    const goodRun = plan(dir, { ...common, bronto_api_key: 'k', ...Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, c.good])) });
    expect({ status: goodRun.status, problems: problems(goodRun) }).toEqual({ status: 0, problems: [] });
    const badRun = plan(dir, { ...common, bronto_api_key: '  ', ...Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, c.bad])) });
    expect(badRun.status).toBe(1);
    for (const variable of Object.keys(cases)) expect(badRun.stdout + badRun.stderr).toContain(`Invalid ${variable}:`);
    expect(badRun.stdout + badRun.stderr).toContain('Give bronto_api_key: the Bronto API key.');
  });

  /**
   * One value per module call: a root module calls the module's variables once per value, and one
   * plan reports each call's validation errors under its own name.
   */
  function validateEach(moduleName: string, common: Record<string, unknown>, values: Record<string, Record<string, unknown>>): Record<string, string[]> {
    const root = fs.mkdtempSync(path.join(workspace, `calls-${moduleName}-`));
    // The called module is the module's variable blocks alone; only the root needs `init`.
    fs.mkdirSync(path.join(root, 'mod'));
    const { config } = moduleConfig(MODULES.find((m) => m.name === moduleName)!);
    fs.writeFileSync(path.join(root, 'mod', 'variables.tf'), renderHcl({ variable: config.variable }, new Set()));
    const calls = Object.entries(values).map(([name, inputs]) => ({ module: { [name]: { source: './mod', ...common, ...inputs } } }));
    fs.writeFileSync(path.join(root, 'main.tf.json'), JSON.stringify(Object.assign({ module: {} }, { module: Object.assign({}, ...calls.map((c) => c.module)) })));
    expect(terraform(root, 'init', '-input=false').status).toBe(0);
    const run = terraform(root, 'plan', '-input=false', '-lock=false');
    const errors: Record<string, string[]> = Object.fromEntries(Object.keys(values).map((name) => [name, []]));
    for (const block of (run.stdout + run.stderr).split(/^Error: /m).slice(1)) {
      const call = /in module\.([A-Za-z0-9_-]+):/.exec(block)?.[1];
      // The message is the paragraph after the value box, wrapped by Terraform.
      const message = /^((?:Invalid [a-z_]+:|Give [a-z_]+:) [\s\S]*?)\n\n/m.exec(block)?.[1].replace(/\s*\n\s*/g, ' ');
      if (call !== undefined && message !== undefined) errors[call].push(message);
    }
    return errors;
  }

  const sinkCommon = { name: 'okta-logs-x', event_bus_name: 'aws.partner/okta.com/acme/okta_logs', alarm_topic_arn: 'arn:aws:sns:eu-west-1:123456789012:okta-logs-alarms', slashid_api_token: 'k' };
  const longPrefixes = Array.from({ length: 80 }, (_, i) => `application.lifecycle.a_very_long_event_type_name_segment_number_${i}.`);
  const filters: Record<string, { filter: unknown; ok: boolean }> = {
    include_all: { filter: { include: { event_type_prefixes: ['user.session.', 'user.authentication.auth_via_IDP'], severities: ['WARN'], outcomes: ['FAILURE'] } }, ok: true },
    exclude_all: { filter: { exclude: { event_type_prefix: 'system.', severities: ['DEBUG'], outcomes: ['SKIPPED'] } }, ok: true },
    mixed: { filter: { include: { severities: ['WARN'] }, exclude: { event_types: ['user.session.start'] } }, ok: true },
    include_types: { filter: { include: { event_types: ['user.session.start', 'user.authentication.auth_via_mfa'] } }, ok: true },
    include_types_and_prefixes: { filter: { include: { event_types: ['user.session.start'], event_type_prefixes: ['user.account.'], outcomes: ['FAILURE'] } }, ok: true },
    include_types_and_exclude_types: { filter: { include: { event_types: ['user.session.start'] }, exclude: { event_types: ['user.session.end'] } }, ok: false },
    exact_type_as_prefix: { filter: { include: { event_types: ['user.session.'] } }, ok: false },
    exclude_exact_type_as_prefix: { filter: { exclude: { event_types: ['user.session.'] } }, ok: false },
    lowercased_mixed_case_exact_type: { filter: { include: { event_types: ['user.authentication.auth_via_idp'] } }, ok: false },
    empty_types: { filter: { include: { event_types: [] } }, ok: false },
    too_long_types: { filter: { include: { event_types: longPrefixes.map((p) => `${p}x`) } }, ok: false },
    empty_list: { filter: { include: { severities: [] } }, ok: false },
    unknown_severity: { filter: { include: { severities: ['NOTICE'] } }, ok: false },
    unknown_outcome: { filter: { exclude: { outcomes: ['MAYBE'] } }, ok: false },
    bad_event_type: { filter: { include: { event_type_prefixes: ['user session'] } }, ok: false },
    lowercased_mixed_case_type: { filter: { include: { event_type_prefixes: ['user.authentication.auth_via_idp'] } }, ok: false },
    types_and_prefix: { filter: { exclude: { event_types: ['a.b'], event_type_prefix: 'c.' } }, ok: false },
    include_and_exclude_one_field: { filter: { include: { severities: ['WARN'] }, exclude: { severities: ['DEBUG'] } }, ok: false },
    too_long: { filter: { include: { event_type_prefixes: longPrefixes } }, ok: false },
  };

  test('sink modules: the filter input accepts exactly the filters the config accepts, and says why not', () => {
    const errors = validateEach('slashid', sinkCommon, Object.fromEntries(Object.entries(filters).map(([name, { filter }]) => [name, { filter }])));
    for (const [name, { filter, ok }] of Object.entries(filters)) {
      expect({ name, config: filterSchema.safeParse(filter).success }).toEqual({ name, config: ok });
      expect({ name, module: ok ? errors[name] : errors[name].length > 0 }).toEqual({ name, module: ok ? [] : true });
      for (const message of errors[name]) expect(message).toMatch(/^Invalid filter: /);
    }
  });

  test('KMS inputs of the dead-letter queue and the alarm topic take key and alias ARNs, never an AWS managed key; the s3-archive inputs follow the config', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyValues = { key: { ok: true, arn: key }, alias: { ok: true, arn: 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs' }, managed: { ok: false, arn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sqs' }, bare_alias: { ok: false, arn: 'alias/okta-logs' } };
    const dlq = validateEach('slashid', sinkCommon, Object.fromEntries(Object.entries(keyValues).map(([n, v]) => [n, { dead_letter_queue_kms_key_arn: v.arn }])));
    for (const [name, { ok, arn }] of Object.entries(keyValues)) {
      expect({ name, config: deliveryShape.dead_letter_queue_kms_key_arn.safeParse(arn).success, module: dlq[name].length === 0 }).toEqual({ name, config: ok, module: ok });
    }
    const archiveCommon = { name: 'okta-archive', event_bus_name: sinkCommon.event_bus_name, alarm_topic_arn: sinkCommon.alarm_topic_arn };
    const archive = validateEach('s3-archive', archiveCommon, {
      good: { bucket_name: 'acme-okta-archive', transition_to_glacier_days: 90, expiration_days: 2557, kms_key_arn: key },
      ip_bucket: { bucket_name: '192.168.1.10' },
      punycode_bucket: { bucket_name: 'xn--okta-archive' },
    });
    // Validations that read other inputs run after the others have passed and stop at the first failure: one plan each.
    for (const [name, inputs] of Object.entries({
      expiry_before_transition: { bucket_name: 'acme-okta-archive', transition_to_glacier_days: 90, expiration_days: 30 },
    })) {
      Object.assign(archive, validateEach('s3-archive', archiveCommon, { [name]: inputs }));
    }
    expect(archive.good).toEqual([]);
    expect(archive.ip_bucket).toEqual(['Invalid bucket_name: it must not be an IP address.']);
    expect(archive.punycode_bucket).toEqual(['Invalid bucket_name: it must not start with "xn--".']);
    expect(archive.expiry_before_transition).toEqual(['Invalid expiration_days: it must be greater than transition_to_glacier_days, as S3 requires.']);
    expect(Object.keys(archive).sort()).toEqual(['expiry_before_transition', 'good', 'ip_bucket', 'punycode_bucket']);
    for (const bucket of ['192.168.1.10', 'xn--okta-archive']) expect(s3ArchiveSinkShape.bucket_name.safeParse(bucket).success).toBe(false);
  });

  test('https: each auth type needs its own settings and secret, and only those', () => {
    const common = { name: 'okta-siem', event_bus_name: sinkCommon.event_bus_name, alarm_topic_arn: sinkCommon.alarm_topic_arn, endpoint: 'https://collector.example.com/v1/okta' };
    const oauth = { auth_type: 'oauth_client_credentials', oauth_authorization_endpoint: 'https://auth.example.com/token', oauth_client_id: 'okta' };
    const good = validateEach('https', common, {
      api_key: { api_key_header: 'X-Api-Key', https_api_key: 'k' },
      basic: { auth_type: 'basic', basic_username: 'okta', https_password: 'p' },
      oauth: { ...oauth, https_client_secret: 's' },
    });
    expect(good).toEqual({ api_key: [], basic: [], oauth: [] });
    const bad: Record<string, [Record<string, unknown>, string]> = {
      // auth_type given: an error about a default value does not name the module call.
      api_key_without_header: [{ auth_type: 'api_key', https_api_key: 'k' }, 'Invalid auth_type: it needs api_key_header when it is api_key.'],
      basic_without_password: [{ auth_type: 'basic', basic_username: 'okta', https_password: null }, 'Give https_password: the basic auth password (auth_type basic).'],
      oauth_without_client_id: [{ auth_type: 'oauth_client_credentials', oauth_authorization_endpoint: 'https://auth.example.com/token', https_client_secret: 's' }, 'Invalid auth_type: it needs oauth_authorization_endpoint and oauth_client_id when it is oauth_client_credentials.'],
      blank_secret: [{ ...oauth, https_client_secret: ' ' }, 'Give https_client_secret: the OAuth client secret (auth_type oauth_client_credentials).'],
    };
    // Validations that read other inputs stop the plan at the first failure: one plan each.
    for (const [name, [inputs, message]] of Object.entries(bad)) expect(validateEach('https', common, { [name]: inputs })).toEqual({ [name]: [message] });
    const headers = validateEach('https', { ...common, api_key_header: 'X-Api-Key', https_api_key: 'k' }, {
      plain: { headers: { 'X-Source': 'okta' }, query_parameters: { channel: 'okta' } },
      authorization_header: { headers: { Authorization: 'Bearer abc' } },
      token_query: { query_parameters: { token: 'abc' } },
      bad_name: { headers: { 'X Source': 'okta' } },
    });
    expect(headers).toEqual({
      plain: [],
      authorization_header: ['Invalid headers: it must not carry a credential (a name such as api_key, token, secret or authorization): use auth_type with its secret input.'],
      token_query: ['Invalid query_parameters: it must not carry a credential (a name such as api_key, token, secret or authorization): use auth_type with its secret input.'],
      bad_name: ["Invalid headers: it must have header names of 1-512 letters, digits and !#$%&'*+,.^_|~-."],
    });
    expect(validateEach('https', { ...common, api_key_header: 'X-Ingest', https_api_key: 'k' }, { repeated: { headers: { 'x-ingest': 'k2' } } })).toEqual({
      repeated: ['Invalid headers: it must not repeat api_key_header: the key would be sent twice, once in the clear from the target.'],
    });
    const unknown = validateEach('https', common, { digest: { auth_type: 'digest' } });
    expect(unknown.digest).toEqual(['Invalid auth_type: it must be one of api_key, basic, oauth_client_credentials.']);
  });
});
