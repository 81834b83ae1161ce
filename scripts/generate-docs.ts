/**
 * The generated documentation (`okta-log-streaming docs`) — docs/configuration.md (from the config
 * schema), docs/resources.md (from synthesis) and docs/cli.md (from the command definitions), and the
 * address manifest docs/addresses.json (scripts/docs/address-manifest.ts). A test fails when a
 * committed file differs from a fresh one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ADDRESS_MANIFEST, addressManifest } from './docs/address-manifest';
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

/**
 * Writes every generated page and the address manifest; returns their paths. The manifest comes
 * first: when an address would change without a moved block it throws, and nothing is written.
 */
export function writeDocs(): string[] {
  const files = { [ADDRESS_MANIFEST]: addressManifest(ROOT), ...generatedDocs() };
  return Object.entries(files).map(([file, text]) => {
    fs.writeFileSync(path.join(ROOT, file), text);
    return file;
  });
}
