/** schema/config.schema.json from the zod schema; a test fails when the committed file is stale. */
import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchemaText } from '../schema/json-schema';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema', 'config.schema.json');

/** Writes the file; returns its path relative to the repository. */
export function writeSchema(): string {
  fs.writeFileSync(SCHEMA_FILE, configJsonSchemaText());
  return path.relative(path.join(__dirname, '..'), SCHEMA_FILE);
}
