/**
 * `npm run docs`: writes the generated documentation — docs/configuration.md (from the config schema)
 * and docs/resources.md (from synthesis). A test fails when a committed page differs from a fresh one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { configurationReference } from './docs/configuration-reference';
import { resourcesPage } from './docs/resources-page';

export const ROOT = path.join(__dirname, '..');

export function generatedDocs(): Record<string, string> {
  return {
    'docs/configuration.md': configurationReference(ROOT),
    'docs/resources.md': resourcesPage(),
  };
}

if (require.main === module) {
  for (const [file, text] of Object.entries(generatedDocs())) {
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`okta-log-streaming: wrote ${file} (generated; commit it)`);
  }
}
