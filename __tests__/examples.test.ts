/**
 * Every shipped example, synthesized as `npm run synth` would, and held to the project's rules:
 * least privilege, no secret in the output, and delivery that loses nothing silently.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ADMITTED, admittedConstraint, ProviderName } from '../schema/provider-versions';
import { AWS_RESOURCE_NAMES } from '../stacks/unique-names';
import { NeededVariable } from '../stacks/variables-manifest';
import { exportSecrets } from '../cli/export-secrets';
import { missingVariables } from '../cli/preflight';
import { oktaProblems, oktaRecords } from './helpers/provider-schemas';
import { echoedArnReferences } from './helpers/arn-references';
import { TerraformJson, undeclaredReferences } from './helpers/synth';

const root = path.join(__dirname, '..');
const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => /\.(ya?ml|json)$/.test(f));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-test-'));
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface Synthesized {
  readonly example: string;
  readonly stack: string;
  readonly json: TerraformJson;
  readonly text: string;
}

/** A known value for every secret variable an example can declare: the defaults and every `*_variable` the examples name. */
const secrets = new Map<string, string>();

function synthesizeAll(): Synthesized[] {
  const defaults = ['bronto_api_key', 'datadog_api_key', 'slashid_api_token', 'https_api_key', 'https_password', 'https_client_secret', 'splunk_hec_token'];
  const named = examples.flatMap((example) => [...fs.readFileSync(path.join(root, 'examples', example), 'utf8').matchAll(/_variable: *([a-z0-9_]+)/g)].map((m) => m[1]));
  for (const name of new Set([...defaults, ...named])) secrets.set(`TF_VAR_${name}`, `secret-${name}-${Math.random().toString(36).slice(2)}-do-not-leak`);
  secrets.set('OKTA_API_TOKEN', `okta-token-${Math.random().toString(36).slice(2)}`);
  for (const [name, value] of secrets) process.env[name] = value;
  try {
    // Loaded after the environment is set: a read at import time would see the secrets too.
    let main: typeof import('../main').main = () => 1;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      main = require('../main').main;
    });
    return examples.flatMap((example) => {
      const outdir = path.join(workspace, example);
      const errors: string[] = [];
      const code = main({ ...process.env, OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', example), CDKTF_OUTDIR: outdir }, { out: () => undefined, err: (l) => errors.push(l) });
      if (code !== 0) throw new Error(`${example} did not synthesize:\n${errors.join('\n')}`);
      const text = readTree(outdir);
      return fs.readdirSync(path.join(outdir, 'stacks')).map((stack) => ({
        example,
        stack,
        json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as TerraformJson,
        text,
      }));
    });
  } finally {
    for (const name of secrets.keys()) delete process.env[name];
  }
}

function readTree(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/** A number from docs/resources.md (generated from synthesis), by the row's first cell. */
function documentedNumber(row: string): number {
  const page = fs.readFileSync(path.join(root, 'docs', 'resources.md'), 'utf8');
  const line = page.split('\n').find((l) => l.startsWith(`| ${row} |`));
  const count = line?.split('|')[2].trim().replace(/^\+/, '');
  if (!count || !/^\d+$/.test(count)) throw new Error(`docs/resources.md: no count for "${row}"`);
  return Number(count);
}

interface SinkConfig {
  readonly type: string;
}

/** What docs/resources.md says a stack of this example holds. */
function documentedCount(example: string, stackName: string): number {
  const config = parse(fs.readFileSync(path.join(root, 'examples', example), 'utf8')) as {
    encryption?: { kms_key?: string };
    bus_logging?: { level?: string };
    alarms?: { email?: string[]; https?: string[] };
    stacks: { name: string; sink?: SinkConfig; sinks?: SinkConfig[]; encryption?: { kms_key?: string }; bus_logging?: { level?: string }; alarms?: { email?: string[]; https?: string[] } }[];
  };
  if (stackName === 'okta-log-streaming-state') {
    return documentedNumber('the state bucket stack (`backend.bootstrap`)') + ((config as { ci?: unknown }).ci === undefined ? 0 : documentedNumber('its pipeline identity (`ci`)'));
  }
  const stack = config.stacks.find((s) => s.name === stackName);
  if (!stack) throw new Error(`${example}: no stack ${stackName} in the config`);
  const sinks = stack.sink ? [stack.sink] : (stack.sinks ?? []);
  if (sinks.some((s) => s.type === 'oort' || s.type === 'splunk_cloud')) return documentedNumber(`a \`${sinks[0].type}\` stack`);
  let count = documentedNumber('every EventBridge stack');
  if ((stack.encryption?.kms_key ?? config.encryption?.kms_key) === 'create') count += documentedNumber('a stack with `encryption.kms_key: create`');
  for (const sink of sinks) count += documentedNumber(`each \`${sink.type}\` sink`);
  const logLevel = (stack.bus_logging ?? config.bus_logging)?.level ?? 'off';
  if (logLevel !== 'off') count += documentedNumber(`a stack with \`bus_logging.level: ${logLevel}\``);
  if (sinks.some((s) => s.type === 'cloudwatch_logs') || logLevel !== 'off') count += documentedNumber('the stack\'s log resource policy (a `cloudwatch_logs` sink or bus logging)');
  const alarms = { ...config.alarms, ...stack.alarms };
  count += ((alarms.email ?? []).length + (alarms.https ?? []).length) * documentedNumber('each alarm email address or HTTPS endpoint (`alarms`)');
  return count;
}

const synthesized = synthesizeAll();
const cases = synthesized.map((s) => [`${s.example}: ${s.stack}`, s] as const);

interface Statement {
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
}

/** Every policy document in a stack: trust policies, role policies, resource policies. */
function policies(json: TerraformJson): { where: string; trust: boolean; statements: Statement[] }[] {
  const found: { where: string; trust: boolean; statements: Statement[] }[] = [];
  for (const [type, byId] of Object.entries(json.resource as Resources)) {
    for (const [id, config] of Object.entries(byId)) {
      for (const attribute of ['policy', 'assume_role_policy', 'policy_document']) {
        if (typeof config[attribute] !== 'string') continue;
        const document = JSON.parse(config[attribute] as string) as { Statement: Statement[] };
        found.push({ where: `${type}.${id}.${attribute}`, trust: attribute === 'assume_role_policy', statements: document.Statement });
      }
    }
  }
  return found;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
/** A reference to one resource's ARN, or to the log streams of one log group, or the objects of one bucket. */
const SCOPED_RESOURCE = /^\$\{aws_[a-z0-9_]+\.[A-Za-z0-9_]+\.arn\}(:\*|:log-stream:\*|\/\*)?$/;

describe('examples', () => {
  test('every example synthesizes (each file at least one stack)', () => {
    expect(new Set(synthesized.map((s) => s.example))).toEqual(new Set(examples));
  });

  describe.each(cases)('%s', (_name, { example, stack, json, text }) => {
    const resources = (json.resource ?? {}) as Resources;
    test('holds as many resources as docs/resources.md says', () => {
      const count = Object.values(resources).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
      expect(count).toBe(documentedCount(example, stack));
    });

    test('states Terraform and provider version ranges, never pins, with one source address per provider', () => {
      const terraform = json.terraform as { required_version?: string; required_providers?: Record<string, { source: string; version: string }> };
      expect(terraform.required_version).toBe(admittedConstraint('terraform'));
      for (const [name, requirement] of Object.entries(terraform.required_providers ?? {})) {
        expect({ name, ...requirement }).toEqual({ name, source: ADMITTED[name as ProviderName].source, version: admittedConstraint(name as ProviderName) });
      }
    });

    test('every AWS resource type it creates says whether and where its name must be unique (stacks/unique-names.ts)', () => {
      expect(Object.keys(resources).filter((type) => type.startsWith('aws_') && AWS_RESOURCE_NAMES[type] === undefined)).toEqual([]);
    });

    test('everything it emits for okta exists, with its type and an allowed value, in every recorded okta version', () => {
      expect([...oktaRecords().values()].flatMap((record) => oktaProblems(json, record))).toEqual([]);
    });

    test('least privilege: no wildcard action allowed, no one allowed at large, every resource scoped to one resource\'s ARN', () => {
      const problems: string[] = [];
      for (const { where, trust, statements } of policies(json)) {
        for (const statement of statements) {
          // A Deny may be broad (the buckets deny s3:* without TLS); an Allow names its actions.
          if (statement.Effect === 'Allow') for (const action of list(statement.Action)) if (action.includes('*')) problems.push(`${where}: wildcard action ${action}`);
          // Anyone may be denied (the state bucket refuses plain HTTP to all); no one may be allowed.
          if (statement.Effect === 'Allow' && JSON.stringify(statement.Principal ?? {}).includes('"*"')) problems.push(`${where}: wildcard principal`);
          if (trust) continue;
          // The pipeline roles' policies grant by name prefix in the stacks' accounts and regions; their
          // scope is proven in __tests__/stacks/deployer-policy.test.ts against AWS's authorization data.
          if (where.startsWith('aws_iam_role_policy.PipelineRoles_') || where.startsWith('aws_iam_policy.PipelineRoles_')) continue;
          // In a key policy the Resource is "*": this key, nothing else (KMS Developer Guide, "Key policies").
          if (where.startsWith('aws_kms_key.')) {
            if (JSON.stringify(statement.Resource) !== '["*"]') problems.push(`${where}: a key policy statement names ${JSON.stringify(statement.Resource)}, not this key ("*")`);
            continue;
          }
          const scoped = list(statement.Resource);
          if (scoped.length === 0) problems.push(`${where}: no resource`);
          for (const resource of scoped) if (!SCOPED_RESOURCE.test(resource)) problems.push(`${where}: unscoped resource ${resource}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test('no secret value appears anywhere in the synthesized output, and every secret variable had one set', () => {
      for (const [name, value] of secrets) expect({ name, leaked: text.includes(value) }).toEqual({ name, leaked: false });
      for (const variable of Object.keys(json.variable ?? {})) expect(secrets.has(`TF_VAR_${variable}`)).toBe(true);
    });

    test('secret variables are sensitive, and no output carries one', () => {
      for (const variable of Object.values(json.variable ?? {})) expect(variable).toMatchObject({ sensitive: true, nullable: false });
      for (const [name, output] of Object.entries(json.output ?? {})) {
        if (JSON.stringify(output.value).includes('var.')) expect({ name, sensitive: output.sensitive }).toEqual({ name, sensitive: true });
      }
    });

    test('every target has a retry policy and an encrypted standard DLQ that only its own rule may send to', () => {
      const rulesByNameRef = Object.fromEntries(Object.keys(resources.aws_cloudwatch_event_rule ?? {}).map((id) => [`\${aws_cloudwatch_event_rule.${id}.name}`, id]));
      for (const target of Object.values(resources.aws_cloudwatch_event_target ?? {})) {
        expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: expect.any(Number), maximum_retry_attempts: expect.any(Number) });
        const queueId = /^\$\{aws_sqs_queue\.([A-Za-z0-9_]+)\.arn\}$/.exec((target.dead_letter_config as { arn: string }).arn)?.[1] as string;
        const queue = resources.aws_sqs_queue[queueId];
        expect(queue.fifo_queue).toBeUndefined();
        expect(queue.sqs_managed_sse_enabled === true || typeof queue.kms_master_key_id === 'string').toBe(true);
        expect(queue.message_retention_seconds).toBe(1209600);
        const policy = Object.values(resources.aws_sqs_queue_policy).find((p) => p.queue_url === `\${aws_sqs_queue.${queueId}.url}`);
        const ruleId = rulesByNameRef[target.rule as string];
        expect(JSON.parse(policy?.policy as string).Statement[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': `\${aws_cloudwatch_event_rule.${ruleId}.arn}` } });
      }
    });

    test('a stack with targets has alarms for each rule, notifying its topic', () => {
      const rules = Object.keys(resources.aws_cloudwatch_event_rule ?? {});
      const alarms = Object.values(resources.aws_cloudwatch_metric_alarm ?? {});
      // Four per rule, and one on the partner bus's own dead-letter queue.
      const buses = Object.keys(resources.aws_cloudwatch_event_bus ?? {}).length;
      expect(alarms).toHaveLength(rules.length * 4 + buses);
      if (rules.length > 0) expect(Object.keys(resources.aws_sns_topic)).toHaveLength(1);
      for (const rule of rules) {
        const watching = alarms.filter((a) => (a.dimensions as Record<string, string>).RuleName === `\${aws_cloudwatch_event_rule.${rule}.name}`);
        expect(watching.map((a) => a.metric_name).sort()).toEqual(['FailedInvocations', 'InvocationsFailedToBeSentToDlq', 'MatchedEvents']);
      }
    });

    test('every reference names something declared in the same stack: stacks never reach into each other', () => {
      expect(undeclaredReferences(json)).toEqual([]);
    });

    test('every ARN it consumes is read from an ARN attribute, never from an echo of another resource\'s input (key_id, name, id)', () => {
      expect(echoedArnReferences(json)).toEqual([]);
    });

    test('no data sources: every name and ARN is derived, so a plan makes no extra reads', () => {
      expect(Object.keys((json as { data?: object }).data ?? {})).toEqual([]);
    });

    test('every partner bus has an archive, and stream and bus are protected', () => {
      for (const id of Object.keys(resources.aws_cloudwatch_event_bus ?? {})) {
        const archives = Object.values(resources.aws_cloudwatch_event_archive ?? {}).filter((a) => a.event_source_arn === `\${aws_cloudwatch_event_bus.${id}.arn}`);
        expect(archives).toHaveLength(1);
        expect(resources.aws_cloudwatch_event_bus[id].lifecycle).toMatchObject({ prevent_destroy: true });
      }
      for (const stream of Object.values(resources.okta_log_stream ?? {})) expect(stream.lifecycle).toMatchObject({ prevent_destroy: true });
    });
  });

  test.each(examples)('%s points editors at the published JSON Schema', (example) => {
    const text = fs.readFileSync(path.join(root, 'examples', example), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/config\.schema\.json$/m);
  });
});

describe('the ARN-reference check', () => {
  test('catches an ARN read through an echo (aws_kms_key_policy.key_id is read back as the bare key id), in arguments, policies, conditions and outputs', () => {
    const echo = '${aws_kms_key_policy.P.key_id}';
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [echo], Condition: { ArnEquals: { 'aws:SourceArn': '${aws_cloudwatch_event_rule.R.name}' } } }] });
    const json = {
      resource: {
        aws_cloudwatch_log_group: { G: { name: 'g', kms_key_id: echo } },
        aws_iam_role_policy: { P: { role: '${aws_iam_role.R.id}', policy } },
        aws_sqs_queue: { Q: { name: '${aws_cloudwatch_event_rule.R.name}-dlq', kms_master_key_id: '${aws_kms_key.K.arn}' } },
      },
      output: { kms_key_arn: { value: echo } },
    } as unknown as TerraformJson;
    expect(echoedArnReferences(json)).toEqual([
      { at: 'aws_cloudwatch_log_group.G.kms_key_id', reference: 'aws_kms_key_policy.P.key_id' },
      { at: 'aws_iam_role_policy.P.policy.(policy).Statement.Resource', reference: 'aws_kms_key_policy.P.key_id' },
      { at: 'aws_iam_role_policy.P.policy.(policy).Statement.Condition.ArnEquals.aws:SourceArn', reference: 'aws_cloudwatch_event_rule.R.name' },
      { at: 'output.kms_key_arn', reference: 'aws_kms_key_policy.P.key_id' },
    ]);
  });
});

describe('every secret variable of every example is provided', () => {
  test.each(examples)('%s: variables.json lists what each stack declares, and the workflows\' export step provides each from its repository secret', (example) => {
    const outdir = path.join(workspace, example);
    const { variables } = JSON.parse(fs.readFileSync(path.join(outdir, 'variables.json'), 'utf8')) as { variables: NeededVariable[] };
    for (const stack of synthesized.filter((s) => s.example === example)) {
      expect(variables.filter((v) => v.stack === stack.stack).map((v) => v.variable).sort()).toEqual(Object.keys(stack.json.variable ?? {}).sort());
    }
    for (const v of variables) expect(v.sinks.length).toBeGreaterThan(0);
    // The repository secrets, by the naming convention, as toJSON(secrets) hands them over.
    const secretsJson = JSON.stringify(Object.fromEntries(variables.map((v) => [v.variable.toUpperCase(), `value-of-${v.variable}`])));
    const githubEnv = path.join(outdir, 'github-env');
    fs.writeFileSync(githubEnv, '');
    expect(exportSecrets({ CDKTF_OUTDIR: outdir, GITHUB_ENV: githubEnv, SECRETS: secretsJson }, { out: () => undefined, err: () => undefined })).toBe(0);
    const exported = fs.readFileSync(githubEnv, 'utf8');
    const env: Record<string, string> = {};
    for (const match of exported.matchAll(/^(TF_VAR_[a-z0-9_]+)<<(EOF_[0-9a-f]+)\n([\s\S]*?)\n\2$/gm)) env[match[1]] = match[3];
    expect(missingVariables(variables, env)).toEqual([]);
    for (const v of variables) expect(env[v.environment]).toBe(`value-of-${v.variable}`);
  });
});
