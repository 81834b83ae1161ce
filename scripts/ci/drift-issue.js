/**
 * The drift workflow: one open issue per drift, labelled okta-log-streaming-drift. On drift (exit 2)
 * its body is updated (PATCH /repos/{o}/{r}/issues/{n}) or it is created (POST /repos/{o}/{r}/issues);
 * when the check is clean (0) it is commented on and closed; on an error (1) issues are left alone.
 * Usage: GITHUB_TOKEN=… node scripts/ci/drift-issue.js CODE drift.txt
 */
'use strict';
const fs = require('fs');
const { client, main } = require('./github');

const LABEL = 'okta-log-streaming-drift';

async function driftIssue(code, file, env = process.env) {
  if (!['0', '1', '2'].includes(String(code))) throw new Error(`the drift exit code must be 0, 1 or 2, got "${code}"`);
  if (String(code) === '1') return console.log('okta-log-streaming: the drift check failed: issues left as they are');
  const github = client(env);
  // The issues list holds pull requests too (they have pull_request).
  const open = (await github.all(`/repos/${github.repo}/issues?state=open&labels=${LABEL}&per_page=100`)).find((i) => !i.pull_request);
  const date = new Date().toISOString().slice(0, 10);
  if (String(code) === '0') {
    if (!open) return console.log('okta-log-streaming: no drift, and no open drift issue');
    await github.request('POST', `/repos/${github.repo}/issues/${open.number}/comments`, { body: `The drift check of ${date} is clean: the drift is gone.` });
    await github.request('PATCH', `/repos/${github.repo}/issues/${open.number}`, { state: 'closed', state_reason: 'completed' });
    return console.log(`okta-log-streaming: drift issue #${open.number} closed`);
  }
  const report = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(no report was written; see the job log)';
  const body = [
    'The scheduled drift check found differences. A stream with `status: "INACTIVE" -> "ACTIVE"` was deactivated by Okta: merge nothing, run the apply workflow to re-activate it (docs/operations.md, Runbook).',
    '',
    `Last checked ${date}:`,
    '',
    '```',
    report.slice(0, 60000),
    '```',
  ].join('\n');
  if (open) {
    await github.request('PATCH', `/repos/${github.repo}/issues/${open.number}`, { body });
    return console.log(`okta-log-streaming: drift issue #${open.number} updated`);
  }
  // A label that does not exist yet is created with the issue (the job's token may push).
  const { json } = await github.request('POST', `/repos/${github.repo}/issues`, { title: `Drift detected ${date}`, body, labels: [LABEL] });
  console.log(`okta-log-streaming: drift issue #${json.number} opened`);
}

module.exports = { driftIssue, LABEL };
if (require.main === module) main(() => driftIssue(process.argv[2], process.argv[3] || 'drift.txt'));
