/**
 * Just enough of IAM's policy evaluation to ask "does this identity policy allow this action on this
 * resource" in tests: Allow statements only (the policies tested have no Deny), exact action names,
 * Resource globs (`*` any run of characters, `?` one), and the condition operators the policies use
 * (StringEquals, StringLike, ArnLike, ArnEquals, and ForAnyValue:StringEquals for a multivalued key
 * such as kms:ResourceAliases) against a request context; any other operator, or a key missing from
 * the context, does not match — as IAM treats a missing key.
 */
import type { PolicyDocument } from '../../stacks/deployer-policy';

/** A key's value; a multivalued key (kms:ResourceAliases) has several. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

const glob = (pattern: string) => new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('')}$`);

export function globMatches(pattern: string, value: string): boolean {
  return glob(pattern).test(value);
}

function conditionHolds(condition: Readonly<Record<string, Readonly<Record<string, readonly string[] | string>>>> | undefined, context: RequestContext): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      const given = context[key];
      if (given === undefined) return false;
      const values = [expected].flat();
      // IAM User Guide, "Set operators for multivalued context keys": ForAnyValue holds when one value matches.
      if (operator === 'ForAnyValue:StringEquals') {
        if (![given].flat().some((v) => values.includes(v))) return false;
        continue;
      }
      // A single-valued operator on a multivalued key does not match here (IAM advises against it).
      if (typeof given !== 'string') return false;
      const actual = given;
      if (operator === 'StringEquals' || operator === 'ArnEquals') {
        if (!values.includes(actual)) return false;
      } else if (operator === 'StringLike' || operator === 'ArnLike') {
        if (!values.some((v) => globMatches(v, actual))) return false;
      } else return false;
    }
  }
  return true;
}

export function allows(policy: PolicyDocument, action: string, resource: string, context: RequestContext = {}): boolean {
  return policy.Statement.some(
    (s) => s.Effect === 'Allow' && s.Action.includes(action) && [s.Resource].flat().some((r) => globMatches(r, resource)) && conditionHolds(s.Condition, context),
  );
}
