/**
 * The published Terraform modules: formatted, no backend or provider configuration, accepted by
 * Terraform's loader with their examples, documented, and validating inputs by the config's rules —
 * checked by letting terraform 1.11.4 itself evaluate the variable validations.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { MODULES } from '../../cli/terraform-modules/definitions';
import { moduleConfig as buildModuleConfig, writeModules } from '../../cli/modules';
import { renderHcl } from '../../cli/hcl/render';
import { stackSchema, awsSchema, oktaSchema } from '../../schema/config';
import { brontoSinkShape } from '../../schema/sinks/bronto';
import { deliveryShape } from '../../schema/delivery';
import { filterSchema } from '../../schema/filter';
import { s3ArchiveSinkShape } from '../../schema/sinks/s3-archive';
import { ADMITTED, admittedConstraint } from '../../schema/provider-versions';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'modules-'));
const cliConfig = path.join(workspace, 'terraformrc');
fs.writeFileSync(cliConfig, '');
const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
const target = path.join(workspace, 'dist', 'terraform-modules');
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

describe('synth:modules', () => {
  test('writes the source module and one module per sink kind', () => {
    expect(written).toEqual(['okta-eventbridge-source', 'bronto', 'datadog', 'slashid', 'cloudwatch-logs', 'https', 's3-archive', 'oort', 'splunk-cloud']);
    expect(fs.readdirSync(target).sort()).toEqual([...written].sort());
  });

  test('every file is formatted (terraform fmt -check -recursive)', () => {
    const fmt = terraform(target, 'fmt', '-check', '-recursive');
    expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 0, unformatted: '' });
  });

  describe.each(MODULES.map((m) => [m.name, m] as const))('%s', (name, definition) => {
    const dir = path.join(target, name);
    const mainTf = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');

    test('has main.tf, README.md and examples/main.tf', () => {
      expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'examples', 'main.tf']);
      expect(fs.readdirSync(path.join(dir, 'examples'))).toEqual(['main.tf']);
    });

    test('carries no backend and no provider configuration, only the package\'s version ranges and required_version', async () => {
      const parsed = await parse('main.tf', mainTf);
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
      const exampleDir = path.join(copy, name, 'examples');
      const get = terraform(exampleDir, 'get');
      expect(get.status).toBe(0);
      const example = terraform(exampleDir, 'providers');
      expect({ status: example.status, problems: problems(example) }).toEqual({ status: 0, problems: [] });
    });

    test('the README lists every input and output', () => {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      const { config } = moduleConfig(definition);
      for (const input of Object.keys(config.variable)) expect(readme).toContain(`| \`${input}\` |`);
      for (const output of Object.keys(config.output)) expect(readme).toContain(`| \`${output}\` |`);
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
