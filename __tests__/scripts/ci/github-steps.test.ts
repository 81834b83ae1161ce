/**
 * The plan-comment and drift-issue steps, run as the workflows run them (node, a child process)
 * against a loopback server answering as GitHub's REST API documents: JSON bodies, Link pagination,
 * 200/201, a 404 with GitHub's message, an HTML 500 page, and a server that never answers.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

const dir = path.join(__dirname, '..', '..', '..', 'scripts', 'ci');
const TOKEN = 'ghs_loopbackTokenNeverPrinted0123456789';
type Handler = (req: { method: string; url: string; body: unknown; headers: http.IncomingHttpHeaders }, base: string) => { status: number; body?: unknown; headers?: Record<string, string>; html?: string } | 'hang';

let server: http.Server;
let base: string;
let handler: Handler;
const requests: { method: string; url: string; body: unknown; headers: http.IncomingHttpHeaders }[] = [];
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'github-steps-'));
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const request = { method: req.method!, url: req.url!, body: text ? JSON.parse(text) : undefined, headers: req.headers };
      requests.push(request);
      const answer = handler(request, base);
      if (answer === 'hang') return;
      if (answer.html !== undefined) {
        res.writeHead(answer.status, { 'content-type': 'text/html' });
        return res.end(answer.html);
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
      return res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});
beforeEach(() => (requests.length = 0));

function step(script: string, args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, script), ...args], {
      env: { PATH: process.env.PATH, GITHUB_API_URL: base, GITHUB_REPOSITORY: 'acme/okta', GITHUB_TOKEN: TOKEN, GITHUB_REQUEST_TIMEOUT_MS: '500', ...extra },
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => resolve({ code, text }));
  });
}
const summary = () => {
  const file = path.join(work, 'plan-summary.md');
  fs.writeFileSync(file, '## okta-log-streaming plan\n✓ okta-bronto: 2 to add');
  return file;
};
const marked = (body: string) => `<!-- okta-log-streaming plan -->\n${body}`;

describe('scripts/ci/plan-comment.js', () => {
  test('updates its own comment found on the second page, and creates none', async () => {
    handler = ({ method, url }, b) => {
      if (method === 'GET' && url === '/repos/acme/okta/issues/7/comments?per_page=100') return { status: 200, body: [{ id: 1, body: 'LGTM' }], headers: { link: `<${b}/repositories/1/issues/7/comments?per_page=100&page=2>; rel="next", <${b}/repositories/1/issues/7/comments?per_page=100&page=2>; rel="last"` } };
      if (method === 'GET' && url === '/repositories/1/issues/7/comments?per_page=100&page=2') return { status: 200, body: [{ id: 42, body: marked('old plan') }] };
      if (method === 'PATCH' && url === '/repos/acme/okta/issues/comments/42') return { status: 200, body: { id: 42 } };
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    };
    const { code, text } = await step('plan-comment.js', [summary()], { PR_NUMBER: '7' });
    expect({ code, text }).toEqual({ code: 0, text: 'okta-log-streaming: plan comment 42 updated\n' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /repos/acme/okta/issues/7/comments?per_page=100', 'GET /repositories/1/issues/7/comments?per_page=100&page=2', 'PATCH /repos/acme/okta/issues/comments/42']);
    expect(requests[2].body).toEqual({ body: marked('## okta-log-streaming plan\n✓ okta-bronto: 2 to add') });
    expect(requests[0].headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' });
  });

  test('creates the comment when there is none of its own', async () => {
    handler = ({ method }) => (method === 'GET' ? { status: 200, body: [{ id: 1, body: 'LGTM' }] } : { status: 201, body: { id: 99 } });
    expect(await step('plan-comment.js', [summary()], { PR_NUMBER: '7' })).toEqual({ code: 0, text: 'okta-log-streaming: plan comment 99 created\n' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /repos/acme/okta/issues/7/comments?per_page=100', 'POST /repos/acme/okta/issues/7/comments']);
  });

  test('fails on GitHub\'s 404, an HTML 500 page and a server that does not answer, with the status and never the token', async () => {
    handler = () => ({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    const missing = await step('plan-comment.js', [summary()], { PR_NUMBER: '7' });
    expect(missing).toEqual({ code: 1, text: 'okta-log-streaming: GET /repos/acme/okta/issues/7/comments: 404 Not Found\n' });
    handler = () => ({ status: 500, html: '<html><body>Unicorn!</body></html>' });
    const html = await step('plan-comment.js', [summary()], { PR_NUMBER: '7' });
    expect(html).toEqual({ code: 1, text: 'okta-log-streaming: GET /repos/acme/okta/issues/7/comments: 500 an answer of text/html, not GitHub\'s JSON\n' });
    handler = () => 'hang';
    const silent = await step('plan-comment.js', [summary()], { PR_NUMBER: '7' });
    expect(silent).toEqual({ code: 1, text: 'okta-log-streaming: GET /repos/acme/okta/issues/7/comments: no answer in 0.5 s\n' });
    for (const run of [missing, html, silent]) expect(run.text).not.toContain(TOKEN);
  });
});

describe('scripts/ci/drift-issue.js', () => {
  const report = () => {
    const file = path.join(work, 'drift.txt');
    fs.writeFileSync(file, '✗ okta-bronto: drift: okta_log_stream.X (update)');
    return file;
  };

  test('drift with an open drift issue: its body is updated, no second issue (pull requests skipped)', async () => {
    handler = ({ method }) =>
      method === 'GET' ? { status: 200, body: [{ number: 3, pull_request: { url: 'x' } }, { number: 5, title: 'Drift detected 2026-12-06' }] } : { status: 200, body: { number: 5 } };
    expect(await step('drift-issue.js', ['2', report()])).toEqual({ code: 0, text: 'okta-log-streaming: drift issue #5 updated\n' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /repos/acme/okta/issues?state=open&labels=okta-log-streaming-drift&per_page=100', 'PATCH /repos/acme/okta/issues/5']);
    expect(String((requests[1].body as { body: string }).body)).toContain('✗ okta-bronto: drift: okta_log_stream.X (update)');
  });

  test('drift and no open issue: one is opened, labelled', async () => {
    handler = ({ method }) => (method === 'GET' ? { status: 200, body: [] } : { status: 201, body: { number: 8 } });
    expect(await step('drift-issue.js', ['2', report()])).toEqual({ code: 0, text: 'okta-log-streaming: drift issue #8 opened\n' });
    expect(requests[1]).toMatchObject({ method: 'POST', url: '/repos/acme/okta/issues', body: { labels: ['okta-log-streaming-drift'], title: expect.stringMatching(/^Drift detected \d{4}-\d\d-\d\d$/) } });
  });

  test('clean: the open issue is commented on and closed; an error leaves issues alone', async () => {
    handler = ({ method }) => (method === 'GET' ? { status: 200, body: [{ number: 5 }] } : { status: 200, body: {} });
    expect(await step('drift-issue.js', ['0', report()])).toEqual({ code: 0, text: 'okta-log-streaming: drift issue #5 closed\n' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /repos/acme/okta/issues?state=open&labels=okta-log-streaming-drift&per_page=100', 'POST /repos/acme/okta/issues/5/comments', 'PATCH /repos/acme/okta/issues/5']);
    expect(requests[2].body).toEqual({ state: 'closed', state_reason: 'completed' });
    requests.length = 0;
    expect((await step('drift-issue.js', ['1', report()])).code).toBe(0);
    expect(requests).toEqual([]);
  });
});
