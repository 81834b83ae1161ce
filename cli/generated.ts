/** `schema` and `docs`: the generated files maintainers commit (the generators live in scripts/). */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Context } from './command';
import { PREFIX } from './output';

/**
 * A generator of scripts/, loaded when the command runs. They rewrite files of a clone of the
 * repository; the npm package has no scripts/ (its build compiles main.ts, modules/, stacks/,
 * schema/ and cli/ only, which is also why their types are spelt out here).
 */
function generator<T>(name: string): T {
  const id = `../scripts/${name}`;
  try {
    return require(id) as T;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(id);
    if (!missing) throw error;
    throw new Error(`this command regenerates files of a clone of the okta-log-streaming repository (scripts/${name}.ts); the installed npm package has no scripts/`);
  }
}

export async function runSchema({ output }: Context): Promise<number> {
  const { writeSchema } = generator<{ writeSchema(): string }>('generate-schema');
  output.out(`${PREFIX} wrote ${writeSchema()} (generated; commit it)`);
  return 0;
}

export async function runDocs({ output }: Context): Promise<number> {
  const { writeDocs } = generator<{ writeDocs(): string[] }>('generate-docs');
  for (const file of writeDocs()) output.out(`${PREFIX} wrote ${file} (generated; commit it)`);
  return 0;
}
