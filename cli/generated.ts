/** `schema` and `docs`: the generated files maintainers commit (the generators live in scripts/). */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Context } from './command';
import { PREFIX } from './output';

export async function runSchema({ output }: Context): Promise<number> {
  const { writeSchema } = require('../scripts/generate-schema') as typeof import('../scripts/generate-schema');
  output.out(`${PREFIX} wrote ${writeSchema()} (generated; commit it)`);
  return 0;
}

export async function runDocs({ output }: Context): Promise<number> {
  const { writeDocs } = require('../scripts/generate-docs') as typeof import('../scripts/generate-docs');
  for (const file of writeDocs()) output.out(`${PREFIX} wrote ${file} (generated; commit it)`);
  return 0;
}
