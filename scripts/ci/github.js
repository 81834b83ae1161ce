/**
 * GitHub's REST API for the workflow steps (plan comment, drift issue): fetch with the job's token,
 * GITHUB_API_URL and GITHUB_REPOSITORY as Actions sets them, a timeout on every request, and any
 * answer that is not 2xx an error naming the method, path, status and GitHub's message (or the
 * content type of an answer that is not JSON). The token is never printed.
 */
'use strict';

function client(env = process.env) {
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const repo = env.GITHUB_REPOSITORY;
  const token = env.GITHUB_TOKEN;
  if (!repo || !token) throw new Error('GITHUB_REPOSITORY and GITHUB_TOKEN must be set (GitHub Actions sets the first; pass github.token as the second)');
  const timeoutMs = Number(env.GITHUB_REQUEST_TIMEOUT_MS || 30000);
  async function request(method, path, body) {
    const url = path.startsWith('http') ? path : `${api}${path}`;
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: { Accept: 'application/vnd.github+json', Authorization: `Bearer ${token}`, 'X-GitHub-Api-Version': '2022-11-28', ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const what = error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : String(error && error.message);
      throw new Error(`${method} ${new URL(url).pathname}: ${what}`);
    }
    const type = response.headers.get('content-type') || '';
    const text = await response.text();
    const json = type.includes('json') && text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = json && json.message ? json.message : `an answer of ${type || 'no content type'}, not GitHub's JSON`;
      throw new Error(`${method} ${new URL(url).pathname}: ${response.status} ${message}`);
    }
    return { json, next: /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') || '')?.[1] };
  }
  /** Every item of a paginated list (Link rel="next"). */
  async function all(path) {
    const items = [];
    for (let next = path; next; ) {
      const page = await request('GET', next);
      items.push(...page.json);
      next = page.next;
    }
    return items;
  }
  return { repo, request, all };
}

/** Runs a step's main, printing an error and exiting 1 when it fails. */
function main(run) {
  run().catch((error) => {
    console.error(`okta-log-streaming: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { client, main };
