import { secretLike } from '../../schema/secrets';
import { formatProblems } from '../../schema/validate';
import { withStacks } from '../helpers/config';
import { problemsOf } from '../helpers/validation';

// Starts with a letter: a Terraform variable name as far as the name pattern goes, so it used to be accepted.
const DATADOG_KEY = 'af3c9a7be21d4c58a9e6b1d07c2f4e8a';
const HEC_TOKEN = '12345678-1234-4234-8234-123456789012';

describe('secretLike', () => {
  test.each([
    [DATADOG_KEY, '32 hex characters'],
    [HEC_TOKEN, 'a UUID'],
    ['https://user:pw@intake.example.com/x', 'a URL with credentials'],
    ['https://intake.example.com/x?index=a&access_token=abc', 'credential in its query string'],
    ['Bearer abc.def.ghi', 'an Authorization header value'],
    ['00uAbCdEfGhIjKlMnOp1234567890', 'letters and digits'],
  ])('recognizes %s', (value, description) => expect(secretLike(value)).toContain(description));

  test.each([
    'datadog_api_key',
    'siem_client_secret_2024_prod',
    'okta_bronto',
    'acme-okta-log-streaming-tfstate',
    'https://http-intake.logs.datadoghq.eu/api/v2/logs',
    'https://intake.example.com/okta?index=okta',
    '/aws/events/okta/okta-logs',
    'user.authentication.auth_via_IDP',
    'arn:aws:kms:eu-west-1:123456789012:key/abc',
  ])('leaves %s alone', (value) => expect(secretLike(value)).toBeUndefined());
});

describe('secrets in the config are refused and never printed', () => {
  const datadog = (extra: Record<string, unknown>) => withStacks({ name: 'okta-dd', event_source_name: 'okta_dd', sink: { type: 'datadog', site: 'datadoghq.eu', ...extra } });

  test('a key pasted where its variable\'s name belongs', () => {
    const problems = problemsOf(datadog({ api_key_variable: DATADOG_KEY }));
    expect(problems.map((p) => p.path)).toEqual(['stacks[0].sink.api_key_variable']);
    expect(problems[0].message).toBe(
      'got a value that looks like a secret (32 hex characters, like an API key; 32 characters, not shown); this is the name of the variable, not the secret ' +
        '(it looks like 32 hex characters, like an API key): put the Datadog API key (sent as header DD-API-KEY) in TF_VAR_datadog_api_key at plan/apply and leave this field out, or name another variable here',
    );
    expect(formatProblems('c.yaml', problems)).not.toContain(DATADOG_KEY);
  });

  test('a token pasted into a *_variable field, whatever it looks like', () => {
    const splunk = withStacks({ name: 'okta-splunk', sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws', token_variable: HEC_TOKEN } });
    const shortToken = 'Ab-9!x';
    const https = withStacks({ name: 'okta-siem', event_source_name: 'okta_siem', sink: { type: 'https', endpoint: 'https://x.example.com', auth: { type: 'basic', username: 'u', password_variable: shortToken } } });
    const text = formatProblems('c.yaml', [...problemsOf(splunk), ...problemsOf(https)]);
    expect(text).toContain('stacks[0].sink.token_variable: got a value that looks like a secret (a UUID, like a Splunk HEC token; 36 characters, not shown)');
    expect(text).toContain('stacks[0].sink.auth.password_variable: got a value that looks like a secret (not a variable name, maybe the secret itself; 6 characters, not shown)');
    expect(text).not.toContain(HEC_TOKEN);
    expect(text).not.toContain(shortToken);
  });
});

describe('what is not a secret is shown', () => {
  const bronto = (extra: Record<string, unknown>) => withStacks({ name: 'okta-bronto', event_source_name: 'okta_bronto', sink: { type: 'bronto', region: 'eu', collection: 'c', ...extra } });

  test.each([
    ['var.bronto_api_key', 'drop the "var." prefix'],
    ['${var.bronto_api_key}', 'drop the "${var." and "}" around it'],
    ['TF_VAR_bronto_api_key', 'drop the "TF_VAR_" prefix'],
  ])('fails on a Terraform reference %s in a *_variable field, showing it and saying what to drop', (given, drop) => {
    const problems = problemsOf(bronto({ api_key_variable: given }));
    expect(problems).toEqual([
      {
        path: 'stacks[0].sink.api_key_variable',
        message: `got ${JSON.stringify(given)}; this field takes the variable's bare name, not a reference to it: ${drop}, e.g. "bronto_api_key" (set it as TF_VAR_bronto_api_key at plan/apply)`,
      },
    ]);
  });

  test('a UUID in a field that is not a credential (an Oort integration id) is shown', () => {
    const problems = problemsOf(withStacks({ name: 'okta-oort', sink: { type: 'oort', integration_id: HEC_TOKEN } }));
    expect(problems.map((p) => p.path)).toEqual(['stacks[0].sink.integration_id']);
    expect(problems[0].message).toMatch(new RegExp(`^got "${HEC_TOKEN}"; contains "-"`));
  });

  test('credential-named fields and secret-shaped values in free text stay hidden', () => {
    const https = (extra: Record<string, unknown>) =>
      withStacks({ name: 'okta-siem', event_source_name: 'okta_siem', sink: { type: 'https', endpoint: 'https://x.example.com', auth: { type: 'api_key', header: 'X-Key' }, ...extra } });
    const text = formatProblems('c.yaml', [
      ...problemsOf(https({ headers: { 'X-Routing': ` ${HEC_TOKEN}` } })),
      ...problemsOf(https({ headers: { token: HEC_TOKEN } })),
      ...problemsOf(bronto({ collection: 42, dataset: DATADOG_KEY, token: 'x' })),
    ]);
    expect(text).not.toContain(HEC_TOKEN);
    expect(text).not.toContain(DATADOG_KEY);
  });
});
