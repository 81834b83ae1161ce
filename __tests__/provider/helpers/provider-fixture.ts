/**
 * A synthesized stack (cdk.tf.json as cdktf writes it) as a configuration the real hashicorp/aws
 * 5.100.0 provider applies offline against the loopback fake (./aws-loopback.ts):
 *
 * - the resources of the types the fake serves are kept as synthesized;
 * - every other resource or data source they reference becomes a `terraform_data` stand-in whose
 *   input holds a plausible literal per referenced attribute (an ARN of the right service for
 *   `.arn`), referenced as `terraform_data.<x>.output.<attribute>`, so the ordering edges survive;
 * - outputs survive only when they reference nothing but kept resources; variables and locals only
 *   when something kept uses them;
 * - `removed` / `import` / `moved` blocks survive when they name a kept type;
 * - the terraform block becomes a local backend and an unconstrained hashicorp/aws requirement
 *   (5.100 is below the package's floor), the aws provider block fake static credentials, no account
 *   checks, the stack's region and default tags, and every endpoint the provider calls at the fake.
 *
 * Arguments that exist in aws 6.x only are removed by the explicit list below; any other argument
 * 5.100 does not know is left in, and Terraform refuses it loudly.
 */

/** Resource types the fake serves (aws-loopback.ts): these keep their synthesized configuration. */
export const SERVED_TYPES = ['aws_kms_key', 'aws_kms_alias', 'aws_kms_key_policy', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy'] as const;

/**
 * Arguments of the served types that hashicorp/aws 6.x has and 5.100.0 does not (the 6.25.0-generated
 * bindings in @cdktf/provider-aws 21.22.1 against `terraform providers schema -json` of 5.100.0):
 * - `region`: the per-resource Region override, new in 6.0.0 on every regional resource. The fixture
 *   runs in the provider's region anyway; a resource of another region would need a second endpoint.
 * - `deletion_protection_enabled` (aws_cloudwatch_log_group): new in 6.x; protection against
 *   DeleteLogGroup, which an apply and a plan never call.
 * Each removal is reported in ProviderFixture.stripped.
 */
export const ARGUMENTS_ONLY_IN_6X: Readonly<Record<(typeof SERVED_TYPES)[number], readonly string[]>> = {
  aws_kms_key: ['region'],
  aws_kms_alias: ['region'],
  aws_kms_key_policy: ['region'],
  aws_cloudwatch_log_group: ['region', 'deletion_protection_enabled'],
  aws_iam_role: [],
  aws_iam_role_policy: [],
};

type Json = Record<string, any>;

export interface ProviderFixtureOptions {
  /** The loopback server's URL, e.g. http://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Used in stand-ins' ARNs when the provider block names no allowed account. @default '123456789012' */
  readonly accountId?: string;
}

export interface ProviderFixture {
  /** The Terraform JSON configuration to write as main.tf.json. */
  readonly config: Json;
  /** Addresses the stand-ins replace, e.g. aws_s3_bucket.Archive → terraform_data.aws_s3_bucket_Archive. */
  readonly standIns: Readonly<Record<string, string>>;
  /** "type.name.argument" of every 6.x-only argument removed. */
  readonly stripped: readonly string[];
  /** The stack's aws provider region. */
  readonly region: string;
}

const served = new Set<string>(SERVED_TYPES);

/** `${…}` expressions of a string, with nested braces balanced. */
function expressions(value: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let i = value.indexOf('${'); i !== -1; i = value.indexOf('${', i + 1)) {
    if (i > 0 && value[i - 1] === '$') continue; // "$${" is an escaped literal
    let depth = 0;
    for (let j = i + 1; j < value.length; j++) {
      if (value[j] === '{') depth++;
      else if (value[j] === '}' && --depth === 0) {
        found.push({ start: i + 2, end: j });
        i = j;
        break;
      }
    }
  }
  return found;
}

/** A resource or data source reference inside an expression: [data.]type.name[.attribute]. */
const REFERENCE = /(?<![\w.])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g;
const VARIABLE = /(?<![\w.])(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

interface Dropped {
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly attributes: Set<string>;
}

class Builder {
  readonly dropped = new Map<string, Dropped>();
  readonly variables = new Set<string>();
  readonly locals = new Set<string>();

  constructor(
    private readonly json: Json,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  static standInName(d: { data: boolean; type: string; name: string }): string {
    return `${d.data ? 'data_' : ''}${d.type}_${d.name}`;
  }

  /** Whether a [data.]type.name is kept as it is. */
  private kept(data: boolean, type: string, name: string): boolean {
    return !data && served.has(type) && this.json.resource?.[type]?.[name] !== undefined;
  }

  /** The references of a value to things that are not kept. */
  foreignReferences(value: unknown): string[] {
    const out: string[] = [];
    this.walk(value, (text) => {
      for (const { start, end } of expressions(text)) {
        for (const m of text.slice(start, end).matchAll(REFERENCE)) if (!this.kept(m[1] !== undefined, m[2], m[3])) out.push(m[0]);
      }
    });
    return out;
  }

  private walk(value: unknown, visit: (text: string) => void): void {
    if (typeof value === 'string') visit(value);
    else if (Array.isArray(value)) value.forEach((v) => this.walk(v, visit));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => this.walk(v, visit));
  }

  /** A value with every reference to a dropped resource pointed at its stand-in. */
  rewrite(value: unknown, key?: string): unknown {
    if (typeof value === 'string') {
      if (key === 'depends_on') return this.rewriteAddress(value);
      let out = '';
      let last = 0;
      for (const { start, end } of expressions(value)) {
        out += value.slice(last, start) + this.rewriteExpression(value.slice(start, end));
        last = end;
      }
      return out + value.slice(last);
    }
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v, key));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewrite(v, k === 'depends_on' ? k : undefined)]));
    return value;
  }

  private rewriteExpression(expression: string): string {
    for (const m of expression.matchAll(VARIABLE)) (m[1] === 'var' ? this.variables : this.locals).add(m[2]);
    return expression.replace(REFERENCE, (whole, data: string | undefined, type: string, name: string, attribute: string | undefined) => {
      if (this.kept(data !== undefined, type, name)) return whole;
      const d = this.drop(data !== undefined, type, name);
      if (attribute === undefined) return `terraform_data.${Builder.standInName(d)}.output`;
      d.attributes.add(attribute);
      return `terraform_data.${Builder.standInName(d)}.output.${attribute}`;
    });
  }

  /** depends_on entries are bare addresses. */
  private rewriteAddress(address: string): string {
    const m = /^(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(address);
    if (m === null || this.kept(m[1] !== undefined, m[2], m[3])) return address;
    return `terraform_data.${Builder.standInName(this.drop(m[1] !== undefined, m[2], m[3]))}`;
  }

  private drop(data: boolean, type: string, name: string): Dropped {
    const key = `${data ? 'data.' : ''}${type}.${name}`;
    let d = this.dropped.get(key);
    if (d === undefined) {
      d = { data, type, name, attributes: new Set() };
      this.dropped.set(key, d);
    }
    return d;
  }

  private configOf(data: boolean, type: string, name: string): Json | undefined {
    return (data ? this.json.data : this.json.resource)?.[type]?.[name];
  }

  /**
   * A literal for an argument: the value itself when literal; through one `${type.name.attribute}`
   * to that resource's literal argument (a log stream's group name); else undefined.
   */
  private literal(value: unknown, depth = 0): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (!value.includes('${')) return value;
    const m = /^\$\{(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_]+)\}$/.exec(value);
    if (m === null || depth > 3) return undefined;
    const config = this.configOf(m[1] !== undefined, m[2], m[3]);
    const attribute = m[4] === 'id' ? 'name' : m[4];
    return config === undefined ? undefined : this.literal(config[attribute], depth + 1);
  }

  /** The name a resource would have: its name/bucket argument, a name_prefix completed, or its logical id. */
  private nameOf(d: Dropped): string {
    const config = this.configOf(d.data, d.type, d.name) ?? {};
    const prefix = this.literal(config.name_prefix);
    return this.literal(config.name) ?? this.literal(config.bucket) ?? (prefix === undefined ? undefined : `${prefix}loopback`) ?? d.name.toLowerCase();
  }

  /** A plausible ARN for a dropped resource, of its own service and resource form. */
  private arnOf(d: Dropped): string {
    const config = this.configOf(d.data, d.type, d.name) ?? {};
    const name = this.nameOf(d);
    const at = (service: string) => `arn:aws:${service}:${this.region}:${this.accountId}:`;
    const id = '00000000-0000-4000-8000-000000000000';
    switch (d.type) {
      case 'aws_s3_bucket':
        return `arn:aws:s3:::${name}`;
      case 'aws_kinesis_firehose_delivery_stream':
        return `${at('firehose')}deliverystream/${name}`;
      case 'aws_cloudwatch_event_rule': {
        const bus = this.literal(config.event_bus_name);
        return `${at('events')}rule/${bus === undefined || bus === 'default' ? '' : `${bus}/`}${name}`;
      }
      case 'aws_cloudwatch_event_bus':
        return `${at('events')}event-bus/${name}`;
      case 'aws_cloudwatch_event_archive':
        return `${at('events')}archive/${name}`;
      case 'aws_cloudwatch_event_api_destination':
        return `${at('events')}api-destination/${name}/${id}`;
      case 'aws_cloudwatch_event_connection':
        return `${at('events')}connection/${name}/${id}`;
      case 'aws_cloudwatch_log_stream':
        return `${at('logs')}log-group:${this.literal(config.log_group_name) ?? 'loopback'}:log-stream:${name}`;
      case 'aws_sqs_queue':
        return `${at('sqs')}${name}`;
      case 'aws_sns_topic':
        return `${at('sns')}${name}`;
      case 'aws_secretsmanager_secret':
        return `${at('secretsmanager')}secret:${name}-AbCdEf`;
      default: {
        const [, service = 'unknown', ...rest] = d.type.split('_');
        return `${at(service)}${rest.join('-') || 'resource'}/${name}`;
      }
    }
  }

  private attributeOf(d: Dropped, attribute: string): string {
    if (attribute === 'arn' || attribute.endsWith('_arn')) return this.arnOf(d);
    const config = this.configOf(d.data, d.type, d.name) ?? {};
    const own = this.literal(config[attribute]);
    if (own !== undefined) return own;
    if (d.type === 'aws_sqs_queue' && attribute === 'url') return `https://sqs.${this.region}.amazonaws.com/${this.accountId}/${this.nameOf(d)}`;
    if (attribute === 'name' || attribute === 'id' || attribute === 'bucket') return this.nameOf(d);
    if (attribute === 'account_id') return this.accountId;
    return `${this.nameOf(d)}-${attribute}`;
  }

  /** The terraform_data stand-ins, one per dropped resource, input = { attribute: literal }. */
  standIns(): Json {
    return Object.fromEntries(
      [...this.dropped.values()].map((d) => [Builder.standInName(d), { input: Object.fromEntries([...d.attributes].sort().map((a) => [a, this.attributeOf(d, a)])) }]),
    );
  }
}

/** The address a removed/import/moved block names. */
const blockAddress = (block: Json): string[] => [block.from, block.to].filter((a): a is string => typeof a === 'string');
const typeOf = (address: string) => address.split('.')[0];

/** Builds the offline fixture of a synthesized stack. */
export function providerFixture(json: Json, options: ProviderFixtureOptions): ProviderFixture {
  const awsBlocks = (json.provider?.aws ?? []) as Json[];
  if (awsBlocks.length === 0) throw new Error('the stack has no aws provider block');
  const region = awsBlocks[0].region as string;
  const accountId = (awsBlocks[0].allowed_account_ids?.[0] as string | undefined) ?? options.accountId ?? '123456789012';
  const builder = new Builder(json, region, accountId);

  const stripped: string[] = [];
  const resource: Json = {};
  for (const type of SERVED_TYPES) {
    for (const [name, config] of Object.entries((json.resource?.[type] ?? {}) as Json)) {
      const kept: Json = { ...config };
      for (const argument of ARGUMENTS_ONLY_IN_6X[type]) {
        if (argument in kept) {
          delete kept[argument];
          stripped.push(`${type}.${name}.${argument}`);
        }
      }
      resource[type] ??= {};
      resource[type][name] = builder.rewrite(kept);
    }
  }

  // Locals used by kept resources, rewritten the same way (they may use further locals).
  const locals: Json = {};
  for (let size = -1; size !== builder.locals.size; ) {
    size = builder.locals.size;
    for (const name of [...builder.locals]) if (!(name in locals)) locals[name] = builder.rewrite(json.locals?.[name]);
  }
  const variable = Object.fromEntries([...builder.variables].map((name) => [name, json.variable?.[name]]));

  const output = Object.fromEntries(Object.entries((json.output ?? {}) as Json).filter(([, o]) => builder.foreignReferences(o.value).length === 0));
  const keptBlocks = (blocks: unknown): Json[] => ((blocks ?? []) as Json[]).filter((b) => blockAddress(b).every((a) => served.has(typeOf(a))));

  const standIns = builder.standIns();
  if (Object.keys(standIns).length > 0) resource.terraform_data = standIns;

  const provider = awsBlocks.map((block) => ({
    ...(block.alias === undefined ? {} : { alias: block.alias }),
    region: block.region,
    // Fake static credentials; nothing validates them and nothing asks STS or IMDS for an account.
    access_key: 'AKIALOOPBACKEXAMPLE',
    secret_key: 'loopback-secret-key',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    // The SDK's default of 25 retries would turn a fault of the fake into minutes of backoff.
    max_retries: 1,
    ...(block.default_tags === undefined ? {} : { default_tags: block.default_tags }),
    endpoints: [{ kms: options.endpoint, logs: options.endpoint, iam: options.endpoint, sts: options.endpoint }],
  }));

  const config: Json = {
    terraform: {
      backend: { local: { path: 'terraform.tfstate' } },
      required_providers: { aws: { source: 'hashicorp/aws' } },
      ...(json.terraform?.required_version === undefined ? {} : { required_version: json.terraform.required_version }),
    },
    provider: { aws: provider },
    resource,
    ...(Object.keys(variable).length === 0 ? {} : { variable }),
    ...(Object.keys(locals).length === 0 ? {} : { locals }),
    ...(Object.keys(output).length === 0 ? {} : { output }),
  };
  for (const kind of ['removed', 'import', 'moved'] as const) {
    const blocks = keptBlocks(json[kind]);
    if (blocks.length > 0) config[kind] = blocks;
  }

  return {
    config,
    standIns: Object.fromEntries([...builder.dropped.entries()].map(([address, d]) => [address, `terraform_data.${Builder.standInName(d)}`])),
    stripped,
    region,
  };
}
