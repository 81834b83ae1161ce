/**
 * Terraform variables for the published modules, with `validation` blocks generated from the same
 * zod fields the config validator uses: a module input obeys exactly the rules its config key does.
 */
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';

interface FieldSchema {
  readonly type?: string | string[];
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
  readonly description?: string;
  readonly items?: FieldSchema;
  readonly anyOf?: readonly FieldSchema[];
}

export interface ModuleVariableOptions {
  /** The config field whose rules the variable carries. */
  readonly field: z.ZodType;
  /** @default - the field's description */
  readonly description?: string;
  /** @default - the field's default; none makes the variable required */
  readonly default?: string | number | boolean | null | Record<string, string> | readonly string[];
  /** Rules the field's JSON Schema cannot carry (zod refinements), each a Terraform condition on the value. @default - none */
  readonly refinements?: readonly { readonly test: string; readonly allowed: string }[];
}

/** A module input typed and validated like its config field. */
export function moduleVariable(scope: Construct, name: string, options: ModuleVariableOptions): TerraformVariable {
  const schema = fieldSchema(options.field);
  for (const pattern of [schema.pattern, schema.items?.pattern]) {
    // Terraform's regex is RE2: no lookaround. Such a rule would refuse every value.
    if (pattern !== undefined && /\(\?[=!<]/.test(pattern)) throw new Error(`moduleVariable ${name}: ${pattern} has lookaround, which Terraform's RE2 cannot run: split it into refinements`);
  }
  const fallback = options.default !== undefined ? options.default : (schema.default as ModuleVariableOptions['default']);
  const optional = fallback === null;
  return new TerraformVariable(scope, name, {
    type: terraformType(schema),
    description: options.description ?? schema.description,
    // cdktf cannot serialize a plain null default; its null token renders as `null`.
    ...(fallback === undefined ? { nullable: false } : { default: fallback === null ? Token.nullValue() : fallback }),
    validation: [...validations(name, schema, optional), ...refinementRules(name, options.refinements ?? [], optional)],
  });
}

export function fieldSchema(field: z.ZodType): FieldSchema {
  const schema = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as FieldSchema;
  // An optional field is the field itself; its null default is the module's way to say "unset".
  return schema.anyOf?.find((option) => option.type !== 'null') ?? schema;
}

function terraformType(schema: FieldSchema): string {
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'array':
      return `list(${terraformType(schema.items ?? { type: 'string' })})`;
    case 'object':
      return 'map(string)';
    default:
      if (schema.enum?.every((v) => typeof v === 'number')) return 'number';
      if (schema.enum !== undefined || schema.const !== undefined) return 'string';
      throw new Error(`moduleVariable: no Terraform type for ${JSON.stringify(schema)}`);
  }
}

function validations(name: string, schema: FieldSchema, optional: boolean): { condition: string; errorMessage: string }[] {
  const v = `var.${name}`;
  const rules: { test: string; allowed: string }[] = [];
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (values !== undefined) rules.push({ test: `contains(${JSON.stringify(values)}, ${v})`, allowed: `one of ${values.join(', ')}` });
  if (schema.pattern !== undefined) rules.push({ test: `can(regex(${hclString(schema.pattern)}, ${v}))`, allowed: `a match of ${schema.pattern}` });
  if (schema.minLength !== undefined) rules.push({ test: `length(${v}) >= ${schema.minLength}`, allowed: `at least ${schema.minLength} characters` });
  if (schema.maxLength !== undefined) rules.push({ test: `length(${v}) <= ${schema.maxLength}`, allowed: `at most ${schema.maxLength} characters` });
  if (schema.type === 'integer') rules.push({ test: `floor(${v}) == ${v}`, allowed: 'a whole number' });
  if (schema.minimum !== undefined) rules.push({ test: `${v} >= ${schema.minimum}`, allowed: `at least ${schema.minimum}` });
  if (schema.maximum !== undefined) rules.push({ test: `${v} <= ${schema.maximum}`, allowed: `at most ${schema.maximum}` });
  if (schema.type === 'array' && schema.items?.pattern !== undefined) {
    rules.push({ test: `alltrue([for item in ${v} : can(regex(${hclString(schema.items.pattern)}, item))])`, allowed: `items matching ${schema.items.pattern}` });
  }
  return rules.map(({ test, allowed }) => ({
    // Terraform evaluates both sides of ||: try() keeps a null from failing the test itself.
    condition: `\${${optional ? `${v} == null || try(${test}, false)` : test}}`,
    errorMessage: `Invalid ${name}: it must be ${allowed.replace(/\$\{/g, '$${')}.`,
  }));
}

/** `test` uses `value` for the variable's value. */
function refinementRules(name: string, refinements: NonNullable<ModuleVariableOptions['refinements']>, optional: boolean) {
  const v = `var.${name}`;
  return refinements.map(({ test, allowed }) => {
    const condition = test.replace(/\bvalue\b/g, v);
    return { condition: `\${${optional ? `${v} == null || try(${condition}, false)` : condition}}`, errorMessage: `Invalid ${name}: it ${allowed.replace(/\$\{/g, '$${')}.` };
  });
}

/** A JS regex source as an HCL string literal (RE2 reads the same syntax for the patterns used here). */
function hclString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${')}"`;
}
