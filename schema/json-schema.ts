import { z } from 'zod';
import { configSchema } from './config';

/** The JSON Schema editors use to complete and check config files; generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' });
  return { ...schema, title: 'okta-log-streaming configuration' };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
