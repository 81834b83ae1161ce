import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly repository?: string | { readonly url: string };
}

let cached: PackageInfo | undefined;

/**
 * This package's package.json, found by walking up from this file: the sources sit one level below
 * it in a clone, the compiled files deeper in the installed package.
 */
export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageInfo;
      if (json.name === 'okta-log-streaming') return (cached = json);
    }
    if (path.dirname(dir) === dir) throw new Error(`okta-log-streaming: no package.json of okta-log-streaming above ${__dirname}`);
  }
}
