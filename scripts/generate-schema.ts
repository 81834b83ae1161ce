/** Writes schema/config.schema.json from the zod schema; a test fails when the committed file is stale. */
import * as fs from 'fs';
import * as path from 'path';
import { configJsonSchemaText } from '../schema/json-schema';

const target = path.join(__dirname, '..', 'schema', 'config.schema.json');
fs.writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
