import { TerraformStack, Testing } from 'cdktf';
import { createStacks } from '../../stacks/create-stacks';
import { formatProblems, validateConfig } from '../../schema/validate';
import { synth, TerraformJson } from './synth';

/** A valid configuration, as it would be parsed from YAML, for tests to vary. */
export function brontoConfig(): Record<string, any> {
  return withStacks({
    name: 'okta-bronto',
    event_source_name: 'okta_bronto',
    sink: { type: 'bronto', region: 'eu', collection: 'okta-prod' },
  });
}

/** The shared sections of a valid configuration around the given stack entries. */
export function withStacks(...stacks: Record<string, any>[]): Record<string, any> {
  return {
    okta: { org_name: 'acme', base_url: 'okta.com' },
    aws: { account_id: '123456789012', region: 'eu-west-1' },
    backend: { type: 's3', bucket: 'acme-okta-log-streaming-tfstate', key_prefix: 'okta-log-streaming/test' },
    tags: { Team: 'security' },
    stacks,
  };
}

/** Validates a raw config (failing the test on problems) and builds its stacks, as main.ts does. */
export function stacksOf(raw: unknown): TerraformStack[] {
  const result = validateConfig(raw);
  if (!result.ok) throw new Error(formatProblems('test config', result.problems));
  return createStacks(Testing.app(), result.value);
}

/** The synthesized JSON of a config's only stack. */
export function synthOnlyStack(raw: unknown): TerraformJson {
  const stacks = stacksOf(raw);
  if (stacks.length !== 1) throw new Error(`expected one stack, got ${stacks.length}`);
  return synth(stacks[0]);
}
