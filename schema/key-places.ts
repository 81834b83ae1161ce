/**
 * Where each key of the config belongs, derived from the schema itself: so an unknown key that is a
 * key elsewhere (`filter` on an Oort sink, `event_type_prefix` under include, `sinks` inside a sink,
 * a sink's `site` on the stack) can say where it goes, and the list never falls behind the schema.
 */
import { z } from 'zod';
import { configSchema, OKTA_ONLY_SINK_TYPES } from './config';
import { isRecord, oktaOnlyFilterMessage } from './cross-check';

/** A path in the schema: keys, and `[]` for any list entry. */
type Template = readonly string[];

interface Place {
  readonly template: Template;
  /**
   * The discriminator values (sink `type`s …) of the mappings that have the key, when only some of
   * the options at this place have it; undefined when every mapping here has it.
   */
  readonly types?: readonly string[];
}

const LIST = '[]';
/** Places farther from where the key was written than the nearest one plus this are not named. */
const SLACK = 1;
const MAX_PLACES = 3;

let index: Map<string, Place[]> | undefined;

/** Every key of the schema, with the places (and, in unions, the types) that have it. */
function keyIndex(): Map<string, Place[]> {
  if (index !== undefined) return index;
  const found = new Map<string, Map<string, { template: Template; types: Set<string>; everyOption: boolean; options: readonly string[] }>>();
  const add = (key: string, template: Template, variant?: { value: string; options: readonly string[] }) => {
    const places = found.get(key) ?? new Map();
    found.set(key, places);
    const id = template.join('\u0000');
    const place = places.get(id) ?? { template, types: new Set<string>(), everyOption: false, options: variant?.options ?? [] };
    places.set(id, place);
    if (variant === undefined) place.everyOption = true;
    else place.types.add(variant.value);
  };
  const walk = (schema: z.core.$ZodType, template: Template, variant: { value: string; options: readonly string[] } | undefined, depth: number): void => {
    if (depth > 40) return;
    const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        return walk(def.innerType as z.core.$ZodType, template, variant, depth + 1);
      case 'pipe':
        return walk(def.in as z.core.$ZodType, template, variant, depth + 1);
      case 'array':
        return walk(def.element as z.core.$ZodType, [...template, LIST], undefined, depth + 1);
      case 'union': {
        const options = def.options as z.core.$ZodType[];
        const discriminator = def.discriminator as string | undefined;
        const values = options.map((option) => (discriminator === undefined ? undefined : literalOf(option, discriminator)));
        const named = values.filter((v): v is string => v !== undefined);
        options.forEach((option, i) => walk(option, template, values[i] === undefined ? undefined : { value: values[i] as string, options: named }, depth + 1));
        return;
      }
      case 'object': {
        for (const [key, inner] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
          add(key, template, variant);
          walk(inner, [...template, key], undefined, depth + 1);
        }
        return;
      }
      default:
        return;
    }
  };
  walk(configSchema, [], undefined, 0);
  index = new Map(
    [...found].map(([key, places]) => [
      key,
      [...places.values()].map(({ template, types, everyOption, options }) =>
        everyOption || types.size === options.length ? { template } : { template, types: options.filter((o) => types.has(o)) },
      ),
    ]),
  );
  return index;
}

function literalOf(option: z.core.$ZodType, key: string): string | undefined {
  const def = option._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (def.type !== 'object') return undefined;
  const field = (def.shape as Record<string, z.core.$ZodType>)[key];
  const values = field?._zod.def.type === 'literal' ? ((field._zod.def as unknown as { values: unknown[] }).values) : [];
  return typeof values[0] === 'string' ? values[0] : undefined;
}

/**
 * Where an unknown key belongs, when the schema has it elsewhere: a sentence such as `"sinks" is a
 * key of stacks[0]`, or undefined. `parent` is the path of the mapping the key was written in.
 */
export function keyElsewhere(parent: readonly (string | number)[], key: string, raw: unknown): string | undefined {
  const places = keyIndex().get(key);
  if (places === undefined) return undefined;
  const here = parent.map((segment) => (typeof segment === 'number' ? LIST : segment));
  const writtenType = typeOf(valueAt(raw, parent));
  if (key === 'filter' && (OKTA_ONLY_SINK_TYPES as readonly (string | undefined)[]).includes(writtenType) && places.some((p) => sameTemplate(p.template, here))) {
    return `"filter" ${oktaOnlyFilterMessage(writtenType as string)}`;
  }
  const candidates = places
    .filter((place) => !(sameTemplate(place.template, here) && (place.types === undefined || (writtenType !== undefined && place.types.includes(writtenType)))))
    .map((place) => ({ place, distance: distance(place.template, here) }))
    .sort((a, b) => a.distance - b.distance);
  if (candidates.length === 0) return undefined;
  const nearest = candidates[0].distance;
  const named = candidates.filter((c) => c.distance <= nearest + SLACK).slice(0, MAX_PLACES);
  const where = named.map(({ place }) => {
    const path = render(place.template, parent);
    const types = place.types === undefined ? '' : ` (type ${place.types.join(', ')})`;
    return sameTemplate(place.template, here) ? `${path} only with type ${place.types?.join(', ')}${writtenType === undefined ? '' : `, not ${writtenType}`}` : `${path}${types}`;
  });
  return `"${key}" is a key of ${where.join(' or ')}`;
}

function typeOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.type === 'string' ? value.type : undefined;
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let current = raw;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function sameTemplate(a: Template, b: Template): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function commonLength(a: Template, b: Template): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/** Steps up from one place to their common ancestor, then down to the other. */
function distance(a: Template, b: Template): number {
  return a.length + b.length - 2 * commonLength(a, b);
}

/** A place as a path, with the indices of the path the key was written at where they share it. */
function render(template: Template, parent: readonly (string | number)[]): string {
  const here = parent.map((segment) => (typeof segment === 'number' ? LIST : segment));
  const shared = commonLength(template, here);
  const text = template
    .map((segment, i) => {
      if (segment !== LIST) return i === 0 ? segment : `.${segment}`;
      return i < shared ? `[${String(parent[i])}]` : '[]';
    })
    .join('');
  return text === '' ? 'the top level of the file' : text;
}
