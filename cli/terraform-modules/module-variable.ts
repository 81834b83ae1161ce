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
    description: moduleLanguage(options.description ?? schema.description ?? ''),
    // cdktf cannot serialize a plain null default; its null token renders as `null`.
    ...(fallback === undefined ? { nullable: false } : { default: fallback === null ? Token.nullValue() : fallback }),
    validation: [...validations(name, schema, configMessages(options.field), optional), ...refinementRules(name, options.refinements ?? [], optional)],
  });
}

/**
 * A config field's description as a module input's: what the config calls the stack's is the
 * module's own, and what only a config file has (quoting, other stacks' kinds) goes.
 */
const MODULE_LANGUAGE: readonly (readonly [RegExp, string])[] = [
  [/the stack's key \(encryption\.kms_key\)/g, 'the key of encryption_kms_key_arn'],
  [/created by the stack/g, 'created by this module'],
  [/ \(12 digits, quoted\)/g, ' (12 digits)'],
  [/ EventBridge sinks only\./g, ''],
];

export function moduleLanguage(description: string): string {
  return MODULE_LANGUAGE.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), description);
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

type Rule = 'enum' | 'pattern' | 'minLength' | 'maxLength' | 'integer' | 'minimum' | 'maximum' | 'itemPattern';

function validations(name: string, schema: FieldSchema, messages: Partial<Record<Rule, string>>, optional: boolean): { condition: string; errorMessage: string }[] {
  const v = `var.${name}`;
  const rules: { rule: Rule; test: string; allowed: string }[] = [];
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (values !== undefined) rules.push({ rule: 'enum', test: `contains(${JSON.stringify(values)}, ${v})`, allowed: `must be one of ${values.join(', ')}` });
  if (schema.pattern !== undefined) rules.push({ rule: 'pattern', test: `can(regex(${hclString(schema.pattern)}, ${v}))`, allowed: `must match ${schema.pattern}` });
  if (schema.minLength !== undefined) rules.push({ rule: 'minLength', test: `length(${v}) >= ${schema.minLength}`, allowed: `must be at least ${schema.minLength} characters` });
  if (schema.maxLength !== undefined) rules.push({ rule: 'maxLength', test: `length(${v}) <= ${schema.maxLength}`, allowed: `must be at most ${schema.maxLength} characters` });
  if (schema.type === 'integer') rules.push({ rule: 'integer', test: `floor(${v}) == ${v}`, allowed: 'must be a whole number' });
  if (schema.minimum !== undefined) rules.push({ rule: 'minimum', test: `${v} >= ${schema.minimum}`, allowed: `must be at least ${schema.minimum}` });
  if (schema.maximum !== undefined) rules.push({ rule: 'maximum', test: `${v} <= ${schema.maximum}`, allowed: `must be at most ${schema.maximum}` });
  if (schema.type === 'array' && schema.items?.pattern !== undefined) {
    rules.push({ rule: 'itemPattern', test: `alltrue([for item in ${v} : can(regex(${hclString(schema.items.pattern)}, item))])`, allowed: `must have items matching ${schema.items.pattern}` });
  }
  // The config's message for each rule; rules that share one (a range's both ends) are one validation.
  const byMessage = new Map<string, string[]>();
  for (const { rule, test, allowed } of rules) {
    const message = messages[rule] ?? allowed;
    byMessage.set(message, [...(byMessage.get(message) ?? []), test]);
  }
  return [...byMessage].map(([message, tests]) => {
    const test = tests.join(' && ');
    return {
      // Terraform evaluates both sides of ||: try() keeps a null from failing the test itself.
      condition: `\${${optional ? `${v} == null || try(${test}, false)` : test}}`,
      errorMessage: invalid(name, message),
    };
  });
}

/** `Invalid <name>: it must …` from a rule's message, as Terraform prints a failed validation. */
function invalid(name: string, message: string): string {
  const text = /^(must|needs|has|is)\b/.test(message) ? `it ${message}` : message;
  return `Invalid ${name}: ${text.replace(/\.?$/, '.').replace(/\$\{/g, '$${')}`;
}

// zod keeps its checks and their messages in internals its types do not describe.
/* eslint-disable @typescript-eslint/no-explicit-any */
/** The message the config validator gives when a value breaks each rule, where the field sets one. */
export function configMessages(field: z.ZodType): Partial<Record<Rule, string>> {
  const core = unwrap(field);
  const out: Partial<Record<Rule, string>> = {};
  const own = message(core._zod.def.error);
  if (core._zod.def.type === 'enum' || core._zod.def.type === 'literal') setIf(out, 'enum', own);
  for (const check of core._zod.def.checks ?? []) {
    const def = check._zod.def;
    const text = message(def.error);
    if (def.check === 'string_format' && def.format === 'regex') setIf(out, 'pattern', text);
    else if (def.check === 'min_length') setIf(out, 'minLength', text);
    else if (def.check === 'max_length') setIf(out, 'maxLength', text);
    else if (def.check === 'number_format') setIf(out, 'integer', text);
    else if (def.check === 'greater_than') setIf(out, 'minimum', text);
    else if (def.check === 'less_than') setIf(out, 'maximum', text);
  }
  if (core._zod.def.type === 'array') setIf(out, 'itemPattern', configMessages(core._zod.def.element).pattern);
  return out;
}

function unwrap(field: any): any {
  const def = field._zod.def;
  if (def.innerType !== undefined) return unwrap(def.innerType);
  if (def.type === 'pipe') return unwrap(def.in);
  return field;
}

/** A check's message for a value that is not there: the general wording, not one about a given value. */
function message(error: unknown): string | undefined {
  if (typeof error !== 'function') return undefined;
  const result = (error as (issue: unknown) => unknown)({ input: undefined, code: 'custom' });
  const text = typeof result === 'string' ? result : (result as { message?: string } | undefined)?.message;
  return text === undefined || text === '' ? undefined : text;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function setIf(out: Partial<Record<Rule, string>>, rule: Rule, text: string | undefined): void {
  if (text !== undefined && out[rule] === undefined) out[rule] = text;
}

/** `test` uses `value` for the variable's value. */
function refinementRules(name: string, refinements: NonNullable<ModuleVariableOptions['refinements']>, optional: boolean) {
  const v = `var.${name}`;
  return refinements.map(({ test, allowed }) => {
    const condition = test.replace(/\bvalue\b/g, v);
    return { condition: `\${${optional ? `${v} == null || try(${condition}, false)` : condition}}`, errorMessage: invalid(name, allowed) };
  });
}

/** A JS regex source as an HCL string literal (RE2 reads the same syntax for the patterns used here). */
function hclString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${')}"`;
}
