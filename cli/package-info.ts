import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly repository?: string | { readonly url: string };
}

let cachedDir: string | undefined;
let cached: PackageInfo | undefined;

/**
 * This package's own directory, where its package.json is, found by walking up from this file: the
 * sources sit one level below it in a clone, the compiled files deeper in the installed package
 * (`dist/package/cli/`), the bundle in `dist/`. The files the tool reads of its own (package.json,
 * the shipped examples) are at the same places under it in a clone and in the npm package.
 */
export function packageDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as PackageInfo).name === 'okta-log-streaming') return (cachedDir = dir);
    if (path.dirname(dir) === dir) throw new Error(`okta-log-streaming: no package.json of okta-log-streaming above ${__dirname}`);
  }
}

/** This package's package.json (see packageDir). */
export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  return (cached = JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as PackageInfo);
}
