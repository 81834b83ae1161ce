#!/usr/bin/env node
/**
 * The release workflow's checks, before anything is published: the tag is `v` + a SemVer 2.0.0
 * version and equals `v` + package.json's version; CHANGELOG.md has a dated section for it
 * (`## [<version>] - YYYY-MM-DD`) with at least one entry, a link reference for its heading, and
 * none of its entries still listed under Unreleased; the Terraform modules in terraform/ are exactly
 * what `okta-log-streaming modules` writes (`modules --check`, which needs terraform on PATH).
 * Every problem is reported at once, each naming what was given and what is allowed; exit 1 on any.
 * When all pass, the section's body is written to --notes (the GitHub Release's notes).
 *
 * Usage: node scripts/release/check.js --tag v1.2.3 [--root DIR] [--notes FILE] [--skip-modules]
 *   --root          the repository to check (default: the one this script is in)
 *   --notes FILE    write the CHANGELOG section's body here when every check passes
 *   --skip-modules  leave out the modules check (a quick look before tagging; the workflow never skips it)
 * Exit codes: 0 every check passed, 1 a check failed (each named), 2 usage.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');

const PREFIX = 'okta-log-streaming:';
const REPO = path.join(__dirname, '..', '..');
const USAGE = 'Usage: node scripts/release/check.js --tag v1.2.3 [--root DIR] [--notes FILE] [--skip-modules]';

/** SemVer 2.0.0's own regular expression (semver.org, "Is there a suggested regular expression"). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const show = (value) => JSON.stringify(value);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A real calendar day in YYYY-MM-DD. */
function isDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === text;
}

/** CHANGELOG.md's `## ` sections (outside code fences): heading, line number, body lines. */
function sections(text) {
  const found = [];
  let fenced = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && /^## /.test(line)) found.push({ heading: line.trimEnd(), line: index + 1, body: [] });
    else if (found.length > 0) found[found.length - 1].body.push(line);
  });
  // Link reference definitions (the bottom of the file) belong to no section.
  for (const section of found) section.body = section.body.filter((line) => !/^\[[^\]]+\]:\s*\S/.test(line));
  return found;
}

const entries = (body) => body.map((line) => line.trim()).filter((line) => line !== '' && !/^#{3,6} /.test(line));
const label = (heading) => /^## \[?([^\]\s]+)/.exec(heading)?.[1] ?? heading;

function checkChangelog(root, version, problems, passed) {
  const file = path.join(root, 'CHANGELOG.md');
  const form = `## [${version}] - YYYY-MM-DD`;
  if (!fs.existsSync(file)) {
    problems.push(`CHANGELOG.md: not found in ${root}: allowed is a Keep a Changelog file with a section ${show(form)} for this release`);
    return undefined;
  }
  const text = fs.readFileSync(file, 'utf8');
  const all = sections(text);
  const mine = all.filter((s) => new RegExp(`^## \\[?v?${escape(version)}\\]?(\\s|$)`).test(s.heading));
  if (mine.length === 0) {
    const have = all.map((s) => label(s.heading));
    problems.push(`CHANGELOG.md has no section for ${version}: allowed is a section headed ${show(form)} (it has ${have.length > 0 ? have.map(show).join(', ') : 'no sections'}; move the release's entries there from Unreleased)`);
    return undefined;
  }
  if (mine.length > 1) {
    problems.push(`CHANGELOG.md has ${mine.length} sections for ${version} (lines ${mine.map((s) => s.line).join(', ')}): allowed is one`);
    return undefined;
  }
  const [section] = mine;
  let ok = true;
  const heading = new RegExp(`^## \\[${escape(version)}\\] - (\\S+)$`).exec(section.heading);
  if (!heading || !isDate(heading[1])) {
    problems.push(`CHANGELOG.md line ${section.line}: ${show(section.heading)} is not a dated release heading: allowed is ${show(form)} with a real date`);
    ok = false;
  }
  const mineEntries = entries(section.body);
  if (mineEntries.length === 0) {
    problems.push(`CHANGELOG.md line ${section.line}: the section for ${version} is empty: allowed is at least one entry under it (### Added, ### Changed, ### Fixed …)`);
    ok = false;
  }
  const unreleased = all.find((s) => /^## \[Unreleased\]/i.test(s.heading));
  const still = unreleased ? entries(unreleased.body).filter((line) => !/^#/.test(line) && mineEntries.includes(line)) : [];
  if (still.length > 0) {
    problems.push(`CHANGELOG.md line ${unreleased.line}: Unreleased still lists ${still.length} ${still.length === 1 ? 'entry' : 'entries'} of ${version} (first: ${show(still[0])}): allowed is Unreleased holding only what is not released yet (move the entries, do not copy them)`);
    ok = false;
  }
  if (!new RegExp(`^\\[${escape(version)}\\]:\\s*\\S`, 'm').test(text)) {
    problems.push(`CHANGELOG.md has no link reference for its heading [${version}]: allowed is a line such as ${show(`[${version}]: ../../releases/tag/v${version}`)} at the bottom`);
    ok = false;
  }
  if (!ok) return undefined;
  const lines = [...section.body];
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const items = mineEntries.filter((line) => /^[-*+] /.test(line)).length;
  passed.push(`CHANGELOG.md: ${section.heading}, ${items} ${items === 1 ? 'entry' : 'entries'}`);
  return `${lines.join('\n')}\n`;
}

function checkModules(root, problems, passed) {
  const target = path.join(root, 'terraform');
  const relative = path.relative(REPO, target);
  const dir = relative.startsWith('..') || path.isAbsolute(relative) ? target : relative || '.';
  const result = spawnSync(process.execPath, [path.join(REPO, 'cli', 'bin.js'), 'modules', '--check', '--dir', dir], { cwd: REPO, encoding: 'utf8', env: process.env });
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd();
  const indented = said
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `    ${line}`)
    .join('\n');
  if (result.status === 0) passed.push(`modules: ${dir}/ is fresh`);
  else if (result.status === 1 && /is not what modules writes/.test(said)) problems.push(`modules: ${dir}/ is not what okta-log-streaming modules writes: allowed is exactly its output (run it, commit, tag again):\n${indented}`);
  else problems.push(`modules: the check could not be made (okta-log-streaming modules --check ${result.error ? `failed to start: ${result.error.message}` : `exited ${result.status ?? result.signal}`}): allowed is a check that runs (terraform on PATH, npm ci done):\n${indented}`);
}

function main(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { tag: { type: 'string' }, root: { type: 'string' }, notes: { type: 'string' }, 'skip-modules': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${PREFIX} release check: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.tag === undefined) {
    console.error(`${PREFIX} release check: --tag is required (the tag being released, e.g. v1.2.3)\n\n${USAGE}`);
    return 2;
  }
  const tag = values.tag;
  const root = path.resolve(values.root ?? REPO);
  const problems = [];
  const passed = [];

  const tagged = /^v(.*)$/s.exec(tag);
  const tagVersion = tagged && SEMVER.test(tagged[1]) ? tagged[1] : undefined;
  if (tagVersion === undefined) problems.push(`tag ${show(tag)} is not a release tag: allowed is v followed by a SemVer 2.0.0 version, such as v1.2.3 or v1.2.3-rc.1`);

  let packageVersion;
  let packageRead = false;
  try {
    packageVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    packageRead = true;
  } catch (error) {
    problems.push(`package.json cannot be read in ${root} (${error.code ?? error.message}): allowed is the package's package.json with its "version"`);
  }
  if (packageRead) {
    if (typeof packageVersion !== 'string' || !SEMVER.test(packageVersion)) problems.push(`package.json "version" ${show(packageVersion ?? null)} is not a SemVer 2.0.0 version: allowed is such as 1.2.3`);
    else if (tag !== `v${packageVersion}`) problems.push(`tag ${show(tag)} is not the package version: package.json has "version": ${show(packageVersion)}, so the tag allowed is v${packageVersion} (or bump "version" and tag again)`);
    else passed.push(`tag ${tag}: SemVer 2.0.0, package.json's version`);
  }

  const version = tagVersion ?? (typeof packageVersion === 'string' && SEMVER.test(packageVersion) ? packageVersion : undefined);
  const notes = version === undefined ? undefined : checkChangelog(root, version, problems, passed);
  if (values['skip-modules']) passed.push('modules: not checked (--skip-modules)');
  else checkModules(root, problems, passed);

  for (const line of passed) console.log(`✓ ${line}`);
  if (problems.length > 0) {
    for (const problem of problems) {
      console.error(`✗ ${problem}`);
      if (env.GITHUB_ACTIONS === 'true') console.log(`::error title=release ${tag} refused::${problem.split('\n')[0]}`);
    }
    console.error(`${PREFIX} release ${tag} refused: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}; nothing was published`);
    return 1;
  }
  if (values.notes !== undefined) fs.writeFileSync(values.notes, notes);
  console.log(`${PREFIX} release ${tag}: every check passed${values.notes !== undefined ? `; its notes are in ${values.notes}` : ''}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2), process.env);
