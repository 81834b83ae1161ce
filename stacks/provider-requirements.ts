import { ADMITTED, admittedConstraint, ProviderName } from '../schema/provider-versions';
import { VersionsConfig } from '../schema/versions';

const PROVIDER_NAMES: readonly string[] = ['okta', 'aws', 'time'] satisfies ProviderName[];

/**
 * The `terraform` block's version requirements for these providers: the package's ranges, or the
 * team's narrower constraints (validated in schema/versions.ts). Stacks and exported modules both
 * use it, so they cannot state different ranges or source addresses.
 */
export function terraformRequirements(providers: readonly ProviderName[], versions: VersionsConfig = {}) {
  return {
    required_version: versions.terraform ?? admittedConstraint('terraform'),
    required_providers: Object.fromEntries(
      providers.map((name) => [name, { source: ADMITTED[name].source as string, version: versions[name] ?? admittedConstraint(name) }]),
    ),
  };
}

/**
 * Replaces the exact pins cdktf writes into a stack's `terraform` block from the bindings' metadata
 * (and aws's bare `"source": "aws"`) with the admitted ranges, for the providers the stack declares.
 */
export function withRequirements(terraform: Record<string, unknown>, versions: VersionsConfig = {}): Record<string, unknown> {
  const declared = Object.keys((terraform.required_providers as Record<string, unknown> | undefined) ?? {});
  const unknown = declared.filter((name) => !PROVIDER_NAMES.includes(name));
  if (unknown.length > 0) throw new Error(`no admitted version range for provider(s) ${unknown.join(', ')}`);
  return { ...terraform, ...terraformRequirements(declared as ProviderName[], versions) };
}
