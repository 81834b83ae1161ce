/**
 * The okta provider's schema as recorded from its source per admitted major
 * (__tests__/fixtures/provider-schemas/okta-<major>.json), and the check of what a synthesized stack
 * or module emits against it: every attribute the package writes must exist, with the same type and
 * an allowed value, in every admitted version.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformJson } from './synth';

export interface AttributeRecord {
  readonly type: 'string';
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly requiresReplace?: boolean;
  readonly sensitive?: boolean;
  readonly writeOnly?: boolean;
  readonly oneOf?: readonly string[];
  readonly lengthBetween?: readonly [number, number];
  readonly goRegex?: string;
}

export interface OktaSchemaRecord {
  readonly major: number;
  readonly provenance: { readonly repository: string; readonly tags: Record<string, { readonly commit: string }>; readonly files: Record<string, string> };
  readonly verified: { readonly lowest: string; readonly highest: string };
  readonly settingsReadBack: { readonly since: string };
  readonly providerBlock: Record<string, AttributeRecord>;
  readonly resources: {
    readonly okta_log_stream: {
      readonly attributes: Record<string, AttributeRecord>;
      readonly blocks: { readonly settings: { readonly nesting: 'single'; readonly attributes: Record<string, AttributeRecord> } };
    };
  };
}

const DIR = path.join(__dirname, '..', 'fixtures', 'provider-schemas');

/** Every recorded okta major, by major. */
export function oktaRecords(): Map<number, OktaSchemaRecord> {
  const records = new Map<number, OktaSchemaRecord>();
  for (const file of fs.readdirSync(DIR).filter((f) => /^okta-\d+\.json$/.test(f))) {
    const record = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as OktaSchemaRecord;
    records.set(record.major, record);
  }
  return records;
}

/** Terraform meta-arguments: not part of any provider's schema. */
const META = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each']);

/**
 * A Go regular expression from the provider source as a JavaScript one. Only the constructs these
 * patterns use: character classes, groups, anchors, quantifiers and a leading `(?i)` flag, which mean
 * the same in both.
 */
export function goRegex(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'i' : '');
}

const isReference = (value: string) => value.includes('${');

function checkValue(where: string, value: unknown, record: AttributeRecord): string[] {
  if (typeof value !== 'string') return [`${where}: emitted ${JSON.stringify(value)}, the provider's type is ${record.type}`];
  if (isReference(value)) return [];
  const problems: string[] = [];
  if (record.oneOf && !record.oneOf.includes(value)) problems.push(`${where}: "${value}" is not one of ${record.oneOf.join(', ')}`);
  if (record.lengthBetween && (value.length < record.lengthBetween[0] || value.length > record.lengthBetween[1])) {
    problems.push(`${where}: "${value}" is not ${record.lengthBetween.join('-')} characters long`);
  }
  if (record.goRegex && !goRegex(record.goRegex).test(value)) problems.push(`${where}: "${value}" does not match the provider's ${record.goRegex}`);
  return problems;
}

function checkObject(where: string, emitted: Record<string, unknown>, attributes: Record<string, AttributeRecord>, blocks: Record<string, string> = {}): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(emitted)) {
    if (META.has(name) || name in blocks) continue;
    const record = attributes[name];
    if (record === undefined) problems.push(`${where}.${name}: not in the provider's schema`);
    else if (record.computed && !record.optional && !record.required) problems.push(`${where}.${name}: computed only, cannot be set`);
    else problems.push(...checkValue(`${where}.${name}`, value, record));
  }
  for (const [name, record] of Object.entries(attributes)) {
    if (record.required && !(name in emitted)) problems.push(`${where}.${name}: required by the provider, not emitted`);
  }
  return problems;
}

/** Everything wrong with a synthesized stack's okta provider block and log streams, for one recorded version. */
export function oktaProblems(json: TerraformJson, record: OktaSchemaRecord, label = `okta ${record.major}.x`): string[] {
  const problems: string[] = [];
  for (const [i, block] of (json.provider?.okta ?? []).entries()) problems.push(...checkObject(`${label}: provider.okta[${i}]`, block, record.providerBlock));
  const schema = record.resources.okta_log_stream;
  for (const [id, stream] of Object.entries(json.resource?.okta_log_stream ?? {})) {
    const where = `${label}: okta_log_stream.${id}`;
    problems.push(...checkObject(where, stream, schema.attributes, { settings: 'single' }));
    const settings = stream.settings;
    if (settings !== undefined) {
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) problems.push(`${where}.settings: a single nested block must be one object`);
      else problems.push(...checkObject(`${where}.settings`, settings as Record<string, unknown>, schema.blocks.settings.attributes));
    }
    // Optional but not computed: left out, apply fails with "inconsistent result" (and a deactivated
    // stream would not show as drift).
    if (!schema.attributes.status.computed && stream.status === undefined) problems.push(`${where}.status: not set, and the provider does not compute it`);
    const ignored = ((stream.lifecycle as { ignore_changes?: string[] } | undefined)?.ignore_changes ?? []) as string[];
    for (const entry of ignored) {
      const attribute = entry.startsWith('settings.') ? schema.blocks.settings.attributes[entry.slice('settings.'.length)] : undefined;
      // Only what the provider can never read back may be ignored; anything else hides real drift.
      if (!attribute?.writeOnly) problems.push(`${where}: ignore_changes "${entry}" hides what the provider reads back`);
    }
  }
  return problems;
}
