import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem, problemsOf } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>) =>
  withStacks({
    name: 'okta-siem',
    event_source_name: 'okta_siem',
    sink: { type: 'https', endpoint: 'https://intake.example.com/okta', auth: { type: 'api_key', header: 'X-Api-Key' }, ...sink },
  });

describe('https sink config', () => {
  test('defaults: POST, the envelope, 300 per second, TF_VAR_https_api_key', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({
      sink: { http_method: 'POST', body: 'envelope', invocation_rate_limit_per_second: 300, auth: { type: 'api_key', value_variable: 'https_api_key' } },
    });
  });
  test.each(['https://intake.example.com', 'https://intake.example.com:8443/v1/logs', 'https://10.0.0.1/raw'])('accepts endpoint %s', (endpoint) => {
    expect(problemsOf(withSink({ endpoint }))).toEqual([]);
  });
  test.each(['http://intake.example.com', 'https://user:pw@intake.example.com', 'https://intake.example.com/?token=x', 'intake.example.com'])(
    'fails on endpoint %s',
    (endpoint) => expectOnlyProblem(withSink({ endpoint }), 'stacks[0].sink.endpoint', 'https:// URL without query string'),
  );
  test.each(['GET', 'DELETE'])('fails on method %s', (method) => {
    expectOnlyProblem(withSink({ http_method: method }), 'stacks[0].sink.http_method', 'POST, PUT or PATCH');
  });
  test('fails on an unknown auth type', () => {
    expectOnlyProblem(withSink({ auth: { type: 'bearer' } }), 'stacks[0].sink.auth.type', 'api_key, basic or oauth_client_credentials');
  });
  test('accepts basic auth and OAuth client credentials', () => {
    expect(problemsOf(withSink({ auth: { type: 'basic', username: 'okta' } }))).toEqual([]);
    const oauth = { type: 'oauth_client_credentials', authorization_endpoint: 'https://id.example.com/token', client_id: 'c', body_parameters: { scope: 'x' } };
    expect(problemsOf(withSink({ auth: oauth }))).toEqual([]);
  });
  test('fails when the basic auth password is put in the config', () => {
    expectOnlyProblem(withSink({ auth: { type: 'basic', username: 'okta', password: 'hunter2' } }), 'stacks[0].sink.auth.password', 'unknown key', 'password_variable');
  });
  test('fails on a plain-HTTP token endpoint', () => {
    const oauth = { type: 'oauth_client_credentials', authorization_endpoint: 'http://id.example.com/token', client_id: 'c' };
    expectOnlyProblem(withSink({ auth: oauth }), 'stacks[0].sink.auth.authorization_endpoint', 'https://');
  });
  test('fails when an Authorization header is set in headers', () => {
    expectOnlyProblem(withSink({ headers: { Authorization: 'Bearer x' } }), 'stacks[0].sink.headers.Authorization', 'belongs in auth');
  });
  test('fails when the auth header is repeated in headers, where it would travel in the clear', () => {
    expectOnlyProblem(
      withSink({ auth: { type: 'api_key', header: 'X-Collector-Auth' }, headers: { 'x-collector-auth': 'x' } }),
      'stacks[0].sink.headers.x-collector-auth',
      'it is the auth header',
    );
  });

  test('fails on a credential in headers or query parameters, never printing it', () => {
    const key = 'q9T2mX7vL4pZ8rK1sW6yB3nC5dF0gH2j';
    const problems = problemsOf(withSink({ headers: { 'x-api-key': 'short', 'X-Env': key }, query_parameters: { token: 'abc', index: 'okta' } }));
    expect(problems.map((p) => p.path)).toEqual(['stacks[0].sink.headers.x-api-key', 'stacks[0].sink.headers.X-Env', 'stacks[0].sink.query_parameters.token']);
    for (const problem of problems) expect(problem.message).toContain('must not be in the config: use auth');
    expect(problems[1].message).toContain('got a value that looks like a secret (32 characters of letters and digits, like a key or token; 32 characters, not shown)');
    const text = problems.map((p) => p.message).join('\n');
    for (const secret of ['short', key, '"abc"']) expect(text).not.toContain(secret);
  });

  test('fails on credentials in the endpoint URL, never printing them', () => {
    const problems = problemsOf(withSink({ endpoint: 'https://user:hunter2pass@intake.example.com/okta?token=tok3n' }));
    expect(problems.map((p) => p.path)).toEqual(['stacks[0].sink.endpoint']);
    expect(problems[0].message).toContain('got a value that looks like a secret (a URL with credentials in it;');
    expect(problems[0].message).not.toContain('hunter2');
    expect(problemsOf(withSink({ endpoint: 'https://intake.example.com/okta?api_key=tok3n' }))[0].message).toContain('a URL with a credential in its query string');
  });
  test.each([['bad header', 'v'], ['X-Ok', ' padded ']])('fails on header %p: %p', (name, value) => {
    const problems = problemsOf(withSink({ headers: { [name]: value } }));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(`stacks[0].sink.headers.${name}`);
  });
  test('fails on a query parameter with a control character', () => {
    expectOnlyProblem(withSink({ query_parameters: { index: 'a\u0001b' } }), 'stacks[0].sink.query_parameters.index', 'control characters');
  });
});
