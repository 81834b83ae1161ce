/**
 * The generated documentation (`okta-log-streaming docs`) — docs/configuration.md (from the config
 * schema), docs/resources.md (from synthesis) and docs/cli.md (from the command definitions). A test
 * fails when a committed page differs from a fresh one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cliReference } from './docs/cli-reference';
import { configurationReference } from './docs/configuration-reference';
import { resourcesPage } from './docs/resources-page';

export const ROOT = path.join(__dirname, '..');

export function generatedDocs(): Record<string, string> {
  return {
    'docs/configuration.md': configurationReference(ROOT),
    'docs/resources.md': resourcesPage(),
    'docs/cli.md': cliReference(),
  };
}

/** Writes every generated page; returns their paths. */
export function writeDocs(): string[] {
  return Object.entries(generatedDocs()).map(([file, text]) => {
    fs.writeFileSync(path.join(ROOT, file), text);
    return file;
  });
}
