/**
 * References that may be null: a module's optional inputs. A construct that makes different
 * resources when a value is absent leaves that choice to Terraform (a conditional, a dynamic block)
 * for these, and only for these — a reference to a resource (a key the stack creates) is never null,
 * and a conditional on it would only make the plan show "(known after apply)".
 */
const optional = new Set<string>();

/** Marks a reference (a module input whose default is null) as one that may be null. */
export function optionalReference(value: string): string {
  optional.add(value);
  return value;
}

export function mayBeNull(value: string | undefined): value is string {
  return value !== undefined && optional.has(value);
}
