/**
 * Pull requests: one plan comment, updated on each push. Finds its own earlier comment by a marker
 * (GET /repos/{owner}/{repo}/issues/{n}/comments, every page) and updates it (PATCH
 * /repos/{owner}/{repo}/issues/comments/{id}), or creates it (POST …/issues/{n}/comments).
 * Usage: PR_NUMBER=… GITHUB_TOKEN=… node scripts/ci/plan-comment.js cdktf.out/plan-summary.md
 */
'use strict';
const fs = require('fs');
const { client, main } = require('./github');

const MARKER = '<!-- okta-log-streaming plan -->';
/** GitHub refuses a comment body over 65,536 characters. */
const LIMIT = 65000;

async function planComment(file, env = process.env) {
  const github = client(env);
  const number = env.PR_NUMBER;
  if (!/^\d+$/.test(number || '')) throw new Error('PR_NUMBER must be the pull request number');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'okta-log-streaming: no plan summary was written; see the job log.';
  const note = '\n\n… cut to fit GitHub\'s comment limit: the whole summary is in the job summary.';
  const body = `${MARKER}\n${text}`.length > LIMIT ? `${MARKER}\n${text}`.slice(0, LIMIT - note.length) + note : `${MARKER}\n${text}`;
  const comments = await github.all(`/repos/${github.repo}/issues/${number}/comments?per_page=100`);
  const ours = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
  if (ours) {
    await github.request('PATCH', `/repos/${github.repo}/issues/comments/${ours.id}`, { body });
    console.log(`okta-log-streaming: plan comment ${ours.id} updated`);
  } else {
    const { json } = await github.request('POST', `/repos/${github.repo}/issues/${number}/comments`, { body });
    console.log(`okta-log-streaming: plan comment ${json.id} created`);
  }
}

module.exports = { planComment, MARKER };
if (require.main === module) main(() => planComment(process.argv[2] || 'cdktf.out/plan-summary.md'));
