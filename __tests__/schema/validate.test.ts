import { OKTA_STREAM_REGIONS } from '../../modules/facts';
import { STACK_NAME_MAX_LENGTH } from '../../schema/rules';
import { formatProblems, loadConfig, parseConfigText, validateConfig } from '../../schema/validate';
import { brontoConfig } from '../helpers/config';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

type Raw = Record<string, any>;

function withChange(change: (config: Raw) => void): Raw {
  const config = brontoConfig();
  change(config);
  return config;
}

describe('validateConfig', () => {
  test('accepts the base config and fills in defaults', () => {
    const result = validateConfig(brontoConfig());
    if (!result.ok) throw new Error(formatProblems('config', result.problems));
    const [stack] = result.value.stacks;
    if (stack.kind !== 'single') throw new Error(`expected a single-sink stack, got ${stack.kind}`);
    expect(stack.partner_source_wait_seconds).toBe(60);
    expect(stack.sink).toEqual({
      type: 'bronto',
      region: 'eu',
      collection: 'okta-prod',
      dataset: 'Okta',
      api_key_variable: 'bronto_api_key',
      invocation_rate_limit_per_second: 300,
      delivery: { maximum_event_age_seconds: 86400, maximum_retry_attempts: 185 },
    });
    expect(stack.prevent_destroy).toBe(true);
    expect(stack.archive_retention_days).toBe(30);
    expect(stack.alarms).toEqual({ email: [], https: [], okta_quiet_hours: 2 });
    expect(stack.okta).toEqual({ org_name: 'acme', base_url: 'okta.com' });
    expect(stack.aws).toEqual({ account_id: '123456789012', region: 'eu-west-1' });
    expect(stack.backend).toEqual({
      type: 's3',
      bucket: 'acme-okta-log-streaming-tfstate',
      key_prefix: 'okta-log-streaming/test',
      // The state bucket's region, from the top-level aws section.
      region: 'eu-west-1',
      bootstrap: false,
      noncurrent_version_expiration_days: 90,
    });
  });

  test('a stack inherits okta and aws and overrides single fields', () => {
    const result = validateConfig(
      withChange((c) => {
        c.stacks[0].okta = { org_name: 'other-org' };
        c.stacks[0].aws = { region: 'us-east-2' };
      }),
    );
    if (!result.ok) throw new Error(formatProblems('config', result.problems));
    expect(result.value.stacks[0].okta).toEqual({ org_name: 'other-org', base_url: 'okta.com' });
    expect(result.value.stacks[0].aws).toEqual({ account_id: '123456789012', region: 'us-east-2' });
  });

  describe('okta', () => {
    test.each(['acme', 'dev-123456', 'a', 'x'.repeat(63)])('accepts org_name %s', (orgName) => {
      expect(problemsOf(withChange((c) => (c.okta.org_name = orgName)))).toEqual([]);
    });
    test('fails when org_name is a host name, and says to put the domain in base_url', () => {
      expectOnlyProblem(withChange((c) => (c.okta.org_name = 'acme.okta.com')), 'okta.org_name', 'got "acme.okta.com"', 'subdomain only', 'base_url');
    });
    test.each(['Acme', '-acme', 'acme-', 'x'.repeat(64), 'ac_me'])('fails when org_name is %s', (orgName) => {
      expectOnlyProblem(withChange((c) => (c.okta.org_name = orgName)), 'okta.org_name', 'lowercase', 'e.g. "acme"');
    });
    test('fails when org_name is missing', () => {
      expectOnlyProblem(withChange((c) => delete c.okta.org_name), 'okta.org_name', 'missing');
    });
    test.each(['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com'])('accepts base_url %s', (baseUrl) => {
      expect(problemsOf(withChange((c) => (c.okta.base_url = baseUrl)))).toEqual([]);
    });
    test.each(['https://okta.com', 'okta.com/', 'okta', 'OKTA.COM'])('fails when base_url is %s', (baseUrl) => {
      expectOnlyProblem(withChange((c) => (c.okta.base_url = baseUrl)), 'okta.base_url', 'without scheme');
    });
    test('base_url defaults to okta.com', () => {
      const result = validateConfig(withChange((c) => delete c.okta.base_url));
      expect(result.ok && result.value.config.okta.base_url).toBe('okta.com');
    });
    test('fails on an unknown key and lists the allowed ones', () => {
      expectOnlyProblem(withChange((c) => (c.okta.api_token = 'x')), 'okta.api_token', 'unknown key', 'org_name, base_url');
    });
  });

  describe('aws', () => {
    test('accepts an account id with a leading zero', () => {
      expect(problemsOf(withChange((c) => (c.aws.account_id = '012345678901')))).toEqual([]);
    });
    test('fails when the account id is an unquoted number, and says to quote it', () => {
      expectOnlyProblem(withChange((c) => (c.aws.account_id = 123456789012)), 'aws.account_id', 'got 123456789012', 'quoted string of 12 digits');
    });
    test.each(['12345678901', '1234567890123', '12345678901a', ''])('fails when the account id is "%s"', (id) => {
      expectOnlyProblem(withChange((c) => (c.aws.account_id = id)), 'aws.account_id', '12 digits');
    });
    test.each([...OKTA_STREAM_REGIONS])('accepts region %s', (region) => {
      expect(problemsOf(withChange((c) => (c.aws.region = region)))).toEqual([]);
    });
    test.each(['eu-south-1', 'me-central-1', 'us-gov-west-1', 'EU-WEST-1'])('fails when the region is %s (Okta does not stream there)', (region) => {
      expectOnlyProblem(withChange((c) => (c.aws.region = region)), 'aws.region', `got "${region}"`, 'region Okta streams to', 'eu-west-1');
    });
  });

  describe('backend', () => {
    test('accepts a local backend and defaults its directory', () => {
      const result = validateConfig(withChange((c) => (c.backend = { type: 'local' })));
      expect(result.ok && result.value.config.backend).toEqual({ type: 'local', directory: 'terraform-state' });
    });
    test('fails on an unknown backend type', () => {
      expectOnlyProblem(withChange((c) => (c.backend = { type: 'gcs' })), 'backend.type', 'got "gcs"', '"s3"', '"local"');
    });
    test.each(['ab', 'Acme-State', '-acme', 'acme..state', '192.168.1.1', 'xn--acme', 'a'.repeat(64)])('fails when the bucket is %s', (bucket) => {
      expectOnlyProblem(withChange((c) => (c.backend.bucket = bucket)), 'backend.bucket', 'S3 bucket name');
    });
    test('fails when the key prefix has a leading slash', () => {
      expectOnlyProblem(withChange((c) => (c.backend.key_prefix = '/state')), 'backend.key_prefix', 'without leading or trailing "/"');
    });
    test('fails when the state region is not a region', () => {
      expectOnlyProblem(withChange((c) => (c.backend.region = 'Ireland')), 'backend.region', 'AWS region');
    });
    test('fails when the KMS key is not an ARN', () => {
      expectOnlyProblem(withChange((c) => (c.backend.kms_key_id = 'alias/state')), 'backend.kms_key_id', 'KMS key or alias ARN');
    });
    test('accepts a KMS key ARN', () => {
      expect(problemsOf(withChange((c) => (c.backend.kms_key_id = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')))).toEqual([]);
    });
    test('fails when the s3 backend has no bucket', () => {
      expectOnlyProblem(withChange((c) => delete c.backend.bucket), 'backend.bucket', 'missing');
    });
  });

  describe('tags', () => {
    test('accepts tags with the characters AWS allows', () => {
      expect(problemsOf(withChange((c) => (c.tags = { 'cost-center': '4711', 'owner:team': 'sec@acme', Name: 'Okta logs' })))).toEqual([]);
    });
    test('fails when a key starts with aws:', () => {
      expectOnlyProblem(withChange((c) => (c.tags = { 'aws:owner': 'x' })), 'tags.aws:owner', 'got key "aws:owner"', 'reserved');
    });
    test('fails when a value is not a string', () => {
      expectOnlyProblem(withChange((c) => (c.tags = { Cost: 42 })), 'tags.Cost', 'got 42', 'quote numbers');
    });
    test('fails when a value is longer than 256 characters', () => {
      expectOnlyProblem(withChange((c) => (c.tags = { Note: 'x'.repeat(257) })), 'tags.Note', 'at most 256');
    });
    test('fails when a key has a character AWS rejects', () => {
      expectOnlyProblem(withChange((c) => (c.tags = { 'team#1': 'x' })), 'tags.team#1', 'tag keys may hold');
    });
  });

  describe('stacks', () => {
    test('fails when there are no stacks', () => {
      expectOnlyProblem(withChange((c) => (c.stacks = [])), 'stacks', 'at least one stack');
    });
    test('fails when stacks is not a list', () => {
      expectOnlyProblem(withChange((c) => (c.stacks = { name: 'x' })), 'stacks', 'list of stacks');
    });
    test.each(['okta', 'okta-bronto-2', `a${'b'.repeat(STACK_NAME_MAX_LENGTH - 1)}`])('accepts stack name %s', (name) => {
      expect(problemsOf(withChange((c) => (c.stacks[0].name = name)))).toEqual([]);
    });
    test.each(['Okta', 'okta_bronto', '1okta', 'okta--bronto', 'okta-'])('fails when the stack name is %s', (name) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].name = name)), 'stacks[0].name', 'kebab-case');
    });
    test('fails when the stack name is too long for the AWS names derived from it', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].name = 'a'.repeat(STACK_NAME_MAX_LENGTH + 1))), 'stacks[0].name', `at most ${STACK_NAME_MAX_LENGTH}`);
    });
    test('fails when two stacks share a name', () => {
      const config = withChange((c) => c.stacks.push({ ...c.stacks[0], event_source_name: 'okta_other' }));
      expectOnlyProblem(config, 'stacks[1].name', 'got "okta-bronto"', 'must be unique', 'stacks[0]');
    });
    test.each(['okta_bronto', 'Okta.Bronto_2', 'x'.repeat(75)])('accepts event source name %s', (name) => {
      expect(problemsOf(withChange((c) => (c.stacks[0].event_source_name = name)))).toEqual([]);
    });
    test('fails when the event source name has a hyphen, explains the provider bug and suggests underscores', () => {
      expectOnlyProblem(
        withChange((c) => (c.stacks[0].event_source_name = 'okta-bronto')),
        'stacks[0].event_source_name',
        'got "okta-bronto"',
        'the okta provider (4.20.0 to 6.x) rejects it',
        'double-escaped',
        'e.g. "okta_bronto"',
      );
    });
    test.each(['', 'x'.repeat(76), 'okta bronto', 'okta/bronto'])('fails when the event source name is "%s"', (name) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].event_source_name = name)), 'stacks[0].event_source_name', '[A-Za-z0-9._]{1,75}');
    });
    test('fails when two stacks of one org share an event source name', () => {
      const config = withChange((c) => c.stacks.push({ ...c.stacks[0], name: 'okta-bronto-2' }));
      expectOnlyProblem(config, 'stacks[1].event_source_name', 'unique per Okta org', 'acme.okta.com');
    });
    test('accepts one event source name in two orgs', () => {
      const config = withChange((c) => c.stacks.push({ ...c.stacks[0], name: 'okta-bronto-2', okta: { org_name: 'other' } }));
      expect(problemsOf(config)).toEqual([]);
    });
    test.each([1, 60, 600])('accepts partner_source_wait_seconds %d', (seconds) => {
      expect(problemsOf(withChange((c) => (c.stacks[0].partner_source_wait_seconds = seconds)))).toEqual([]);
    });
    test.each([0, 601, 1.5, '60'])('fails when partner_source_wait_seconds is %p', (seconds) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].partner_source_wait_seconds = seconds)), 'stacks[0].partner_source_wait_seconds', 'whole number from 1 to 600');
    });
    test('fails on an unknown stack key', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].targets = [])), 'stacks[0].targets', 'unknown key', 'event_source_name, okta, aws');
    });
    test('fails on a stack-level okta override with a bad org', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].okta = { org_name: 'Other' })), 'stacks[0].okta.org_name', 'lowercase');
    });
  });

  describe('streams per Okta org', () => {
    const stack = (name: string, org?: string) => ({
      name,
      event_source_name: name.replace(/-/g, '_'),
      ...(org === undefined ? {} : { okta: { org_name: org } }),
      sink: { type: 'bronto', region: 'eu', collection: 'c' },
    });
    test('accepts two streams on one org', () => {
      expect(problemsOf(withChange((c) => (c.stacks = [stack('one'), stack('two')])))).toEqual([]);
    });
    test('fails when a third stream targets one org, naming the stacks', () => {
      expectOnlyProblem(
        withChange((c) => (c.stacks = [stack('one'), stack('two'), stack('three')])),
        'stacks',
        'acme.okta.com would get 3 log streams',
        'one, two, three',
        'at most 2 per org',
      );
    });
    test('counts orgs by name and domain: the same name on oktapreview.com is another org', () => {
      const third = { ...stack('three'), okta: { org_name: 'acme', base_url: 'oktapreview.com' } };
      expect(problemsOf(withChange((c) => (c.stacks = [stack('one'), stack('two'), third])))).toEqual([]);
    });
    test('accepts four streams over two orgs', () => {
      const stacks = [stack('one'), stack('two'), stack('three', 'other'), stack('four', 'other')];
      expect(problemsOf(withChange((c) => (c.stacks = stacks)))).toEqual([]);
    });
  });

  describe('bronto sink', () => {
    test.each(['eu', 'us'])('accepts region %s', (region) => {
      expect(problemsOf(withChange((c) => (c.stacks[0].sink.region = region)))).toEqual([]);
    });
    test('fails on another region', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.region = 'ap')), 'stacks[0].sink.region', 'got "ap"', 'eu, us');
    });
    test('fails when the collection is missing', () => {
      expectOnlyProblem(withChange((c) => delete c.stacks[0].sink.collection), 'stacks[0].sink.collection', 'missing');
    });
    test.each([' okta', 'okta ', 'ok\nta', 'x'.repeat(513), '']) ('fails when the collection is %p', (collection) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.collection = collection)), 'stacks[0].sink.collection', 'printable ASCII');
    });
    test('accepts a dataset with inner blanks', () => {
      expect(problemsOf(withChange((c) => (c.stacks[0].sink.dataset = 'Okta System Log')))).toEqual([]);
    });
    test.each(['BRONTO_KEY', '1key', 'key-name', 'k'.repeat(65)])('fails when api_key_variable is %s', (name) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.api_key_variable = name)), 'stacks[0].sink.api_key_variable', 'Terraform variable name');
    });
    test.each([0, 301, 2.5])('fails when invocation_rate_limit_per_second is %p', (rate) => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.invocation_rate_limit_per_second = rate)), 'stacks[0].sink.invocation_rate_limit_per_second', 'whole number from 1 to 300');
    });
    test('fails on an unknown sink type, listing the known ones', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink = { type: 'loggly' })), 'stacks[0].sink.type', 'got "loggly"', 'bronto');
    });
    test('fails on a misspelt key and lists the allowed ones', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.colection = 'x')), 'stacks[0].sink.colection', 'unknown key', 'collection');
    });
    test('fails when a secret is put in the sink instead of a variable name', () => {
      expectOnlyProblem(withChange((c) => (c.stacks[0].sink.api_key = 'abc')), 'stacks[0].sink.api_key', 'unknown key', 'api_key_variable');
    });
  });

  test('reports every problem at once, each with its path', () => {
    const config = withChange((c) => {
      c.okta.org_name = 'Acme';
      c.aws.account_id = 1;
      c.aws.region = 'mars-1';
      c.stacks[0].event_source_name = 'okta-bronto';
      c.stacks[0].sink.region = 'ap';
      c.stacks.push({ ...c.stacks[0] });
    });
    const paths = problemsOf(config).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'okta.org_name',
        'aws.account_id',
        'aws.region',
        'stacks[0].event_source_name',
        'stacks[0].sink.region',
        'stacks[1].event_source_name',
        'stacks[1].sink.region',
        'stacks[1].name',
      ]),
    );
  });

  test.each([null, undefined, 'text', 42, []])('fails when the document is %p', (raw) => {
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path).toBe('(file)');
  });
});

describe('parseConfigText', () => {
  test('parses YAML', () => {
    expect(parseConfigText('okta:\n  org_name: acme\n', 'c.yaml')).toEqual({ ok: true, value: { okta: { org_name: 'acme' } } });
  });
  test('parses JSON strictly when the file ends in .json, a syntax error on one line with its line and column', () => {
    expect(parseConfigText('{"a": 1}', 'c.json')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseConfigText('{\n  "okta": {"org_name": "acme",}\n}', 'c.json')).toEqual({
      ok: false,
      problems: [{ path: 'c.json:2:30', message: 'is not valid JSON: a trailing comma before "}"; JSON allows none (YAML does): remove it' }],
    });
    expect(parseConfigText('{"a": ', 'c.json')).toEqual({ ok: false, problems: [{ path: 'c.json:1:7', message: 'is not valid JSON: the file ends before the JSON does' }] });
  });
  test('fails on a YAML syntax error with file, line and column, on one line', () => {
    const result = parseConfigText('okta: [acme\n', 'c.yaml');
    expect(!result.ok && result.problems[0]).toEqual({ path: expect.stringMatching(/^c\.yaml:\d+:\d+$/), message: expect.stringMatching(/^is not valid YAML: [^\n]+$/) });
  });
  test('fails on a duplicate key, naming it and where it repeats', () => {
    expect(parseConfigText('okta:\n  org_name: a\naws: {}\nokta: {}\n', 'c.yaml')).toEqual({
      ok: false,
      problems: [{ path: 'c.yaml:4:1', message: 'key "okta" appears twice in one mapping (YAML would keep only one silently): keep one' }],
    });
  });
  test('fails on several YAML documents in one file, saying so in plain words', () => {
    expect(parseConfigText('a: 1\n---\nb: 2\n', 'c.yaml')).toEqual({
      ok: false,
      problems: [{ path: 'c.yaml:2:1', message: 'starts a second YAML document ("---"); a config file is one document: put each in a file of its own' }],
    });
  });
  test('fails on a YAML merge key, naming it instead of the keys it would have brought', () => {
    const text = 'defaults: &d\n  org_name: acme\nokta:\n  <<: *d\n';
    expect(parseConfigText(text, 'c.yaml')).toEqual({
      ok: false,
      problems: [{ path: 'okta.<<', message: 'is a YAML merge key (<<), which this config does not support (YAML 1.2 has none): write the keys out' }],
    });
  });
  test('fails on aliases that expand past the limit (billion laughs), naming the file', () => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i += 1) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    expect(parseConfigText(lines.join('\n'), 'bomb.yaml')).toEqual({
      ok: false,
      problems: [{ path: 'bomb.yaml', message: expect.stringContaining('uses YAML aliases (*name) that expand to more than 100 copies; refused') }],
    });
  });
});

describe('did you mean', () => {
  test('a misspelt required key is one problem with the key it meant, not a missing and an unknown one', () => {
    const raw = brontoConfig();
    raw.okta = { org_nme: 'acme' };
    expect(problemsOf(raw)).toEqual([
      { path: 'okta.org_nme', message: 'unknown key; did you mean "org_name" (required, and missing)? Allowed keys here: org_name, base_url' },
    ]);
  });
  test('a misspelt optional key says what it meant; a key like none of them does not guess', () => {
    expect(problemsOf(withChange((c) => (c.stacks[0].sink.colection = 'x')))[0].message).toContain('did you mean "collection"?');
    expect(problemsOf(withChange((c) => (c.stacks[0].sink.zebra = 'x')))[0].message).toBe(
      'unknown key; allowed keys here: type, region, collection, dataset, api_key_variable, invocation_rate_limit_per_second, delivery, filter, adopt',
    );
  });
});

describe('where a key belongs', () => {
  const fanOut = (sink: Record<string, unknown>) => {
    const raw = brontoConfig();
    raw.stacks[0] = { name: 'okta-fan-out', event_source_name: 'okta_fan_out', sinks: [{ name: 'bronto', type: 'bronto', region: 'eu', collection: 'c', ...sink }] };
    return raw;
  };

  test('a key that belongs elsewhere says where: sinks inside a sink, a sink\'s key on the stack, a stack\'s key on a sink', () => {
    expectOnlyProblem(fanOut({ sinks: [] }), 'stacks[0].sinks[0].sinks', 'unknown key here; "sinks" is a key of stacks[0]. Allowed keys here: name, type');
    expectOnlyProblem(withChange((c) => (c.stacks[0].collection = 'x')), 'stacks[0].collection', '"collection" is a key of stacks[0].sink (type bronto) or stacks[0].sinks[] (type bronto)');
    expectOnlyProblem(fanOut({ archive_retention_days: 7 }), 'stacks[0].sinks[0].archive_retention_days', '"archive_retention_days" is a key of stacks[0]');
    expectOnlyProblem(withChange((c) => (c.filter = { include: { severities: ['ERROR'] } })), 'filter', '"filter" is a key of stacks[] or stacks[].sink');
  });

  test('a key of another sink type says which types have it', () => {
    expectOnlyProblem(withChange((c) => (c.stacks[0].sink.site = 'datadoghq.eu')), 'stacks[0].sink.site', '"site" is a key of stacks[0].sink only with type datadog, not bronto');
  });

  test('a key both misspelt and at home elsewhere gets both hints', () => {
    const message = problemsOf(withChange((c) => (c.stacks[0].sink.filter = { exclude: { event_type_prefixes: ['user.'] } })))[0].message;
    expect(message).toBe(
      'unknown key; did you mean "event_type_prefix"? ("event_type_prefixes" is a key of stacks[0].sink.filter.include.) Allowed keys here: event_types, event_type_prefix, severities, outcomes',
    );
  });

  test('a key found nowhere keeps the plain message', () => {
    expect(problemsOf(withChange((c) => (c.stacks[0].zebra = 1)))[0].message).toMatch(/^unknown key; allowed keys here: /);
  });
});

describe('loadConfig and formatProblems', () => {
  test('an empty file is one problem that says what the file must hold', () => {
    const result = loadConfig('', 'empty.yaml');
    expect(!result.ok && formatProblems('empty.yaml', result.problems)).toBe(
      'empty.yaml has 1 problem; nothing was synthesized:\n  - (file): is empty; it must be a mapping with okta, aws, backend and stacks',
    );
  });
  test('long given values are cut', () => {
    const problems = problemsOf(withChange((c) => (c.okta.org_name = 'A'.repeat(500))));
    expect(problems[0].message.length).toBeLessThan(300);
    expect(problems[0].message).toContain('...');
  });
});

describe('backend: HCP Terraform and bootstrap', () => {
  test('accepts a cloud backend and defaults its prefix and host', () => {
    const result = validateConfig({ ...brontoConfig(), backend: { type: 'cloud', organization: 'acme' } });
    expect(result.ok && result.value.config.backend).toEqual({ type: 'cloud', organization: 'acme', workspace_prefix: 'okta-log-streaming-', hostname: 'app.terraform.io' });
  });
  test('fails on a cloud hostname with a scheme', () => {
    expectOnlyProblem({ ...brontoConfig(), backend: { type: 'cloud', organization: 'acme', hostname: 'https://app.terraform.io' } }, 'backend.hostname', 'without scheme');
  });
  test('fails on a cloud backend without organization', () => {
    expectOnlyProblem({ ...brontoConfig(), backend: { type: 'cloud' } }, 'backend.organization', 'missing');
  });
  test.each([0, 3651])('fails on noncurrent_version_expiration_days %d', (days) => {
    expectOnlyProblem(withChange((c) => (c.backend.noncurrent_version_expiration_days = days)), 'backend.noncurrent_version_expiration_days', '1 to 3650');
  });
  test('bootstrap only on s3', () => {
    expectOnlyProblem({ ...brontoConfig(), backend: { type: 'local', bootstrap: true } }, 'backend.bootstrap', 'unknown key');
  });
});
