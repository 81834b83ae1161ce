/**
 * EventBridge's documented pattern matching, for the subset the filters compile to: exact values,
 * prefix, anything-but (values, or one prefix), exists, $or; AND across fields, OR within a field's
 * list (exact values and prefixes may share one list: alternatives); an array in the event matches
 * when any element does; a missing field matches only `exists: false`. Anything else throws, so a
 * pattern outside the subset cannot pass by accident, and so does what EventBridge refuses: a leaf
 * that is not a list, an empty list, an empty object. Used by the probe (a sink whose rule excludes
 * the marker is "filtered out by design") and by the tests of the filters.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function matches(pattern: Record<string, unknown>, event: Json): boolean {
  const object = typeof event === 'object' && event !== null && !Array.isArray(event) ? event : {};
  if (Object.keys(pattern).length === 0) throw new Error('an empty object in a pattern: EventBridge refuses it');
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return (expected as Record<string, unknown>[]).some((branch) => matches(branch, object));
    const present = Object.prototype.hasOwnProperty.call(object, key);
    const value = object[key];
    if (Array.isArray(expected)) {
      if (expected.length === 0) throw new Error(`an empty list of matchers at "${key}": EventBridge refuses it`);
      return leafMatches(expected, present, value);
    }
    if (typeof expected !== 'object' || expected === null) throw new Error(`"${key}" holds ${JSON.stringify(expected)}: a pattern's values must be a list of matchers or an object`);
    return matches(expected as Record<string, unknown>, present ? value : {});
  });
}

function leafMatches(matchers: unknown[], present: boolean, value: Json | undefined): boolean {
  const values: Json[] = !present ? [] : Array.isArray(value) ? value : [value as Json];
  return matchers.some((matcher) => {
    if (isExists(matcher)) return matcher.exists === present;
    if (!present) return false;
    return values.some((v) => valueMatches(matcher, v));
  });
}

function isExists(matcher: unknown): matcher is { exists: boolean } {
  return typeof matcher === 'object' && matcher !== null && 'exists' in matcher;
}

function valueMatches(matcher: unknown, value: Json): boolean {
  if (matcher === null || typeof matcher !== 'object') return matcher === value;
  const [operator, operand] = Object.entries(matcher)[0];
  if (operator === 'prefix') return typeof value === 'string' && value.startsWith(operand as string);
  if (operator === 'anything-but') {
    if (Array.isArray(operand)) return !operand.includes(value);
    if (typeof operand === 'object' && operand !== null && 'prefix' in operand) return !(typeof value === 'string' && value.startsWith((operand as { prefix: string }).prefix));
    return value !== operand;
  }
  throw new Error(`matcher outside the supported subset: ${JSON.stringify(matcher)}`);
}
