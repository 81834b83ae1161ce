import { MODULES } from '../../cli/terraform-modules/definitions';
import { moduleConfig } from '../../cli/modules';
import { admittedConstraint } from '../../schema/provider-versions';
import { terraformRequirements, withRequirements } from '../../stacks/provider-requirements';
import { brontoConfig, stacksOf, withStacks } from '../helpers/config';
import { oktaProblems, OktaSchemaRecord, oktaRecords } from '../helpers/provider-schemas';
import { synth, TerraformJson } from '../helpers/synth';

const ranges = {
  aws: { source: 'hashicorp/aws', version: admittedConstraint('aws') },
  okta: { source: 'okta/okta', version: admittedConstraint('okta') },
  time: { source: 'hashicorp/time', version: admittedConstraint('time') },
};

/** Stacks that emit every variant of okta_log_stream: new and adopted, EventBridge, Oort and Splunk Cloud. */
function streamVariants(): TerraformJson[] {
  const raw = withStacks(
    { name: 'okta-bronto', event_source_name: 'okta_bronto', sink: { type: 'bronto', region: 'eu', collection: 'c' } },
    { name: 'okta-adopted', event_source_name: 'okta.adopted_1', adopt: { okta_log_stream_id: '0oaADOPT', partner_event_bus: true }, sink: { type: 'slashid' } },
  );
  const okta = withStacks(
    { name: 'okta-oort', sink: { type: 'oort', integration_id: 'a1b2c3' } },
    { name: 'okta-splunk', adopt: { okta_log_stream_id: '0oaSPLUNK' }, sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'gcp' } },
  );
  const splunk = withStacks({ name: 'okta-splunk-new', sink: { type: 'splunk_cloud', host: 'acme-eu.splunkcloud.com', edition: 'aws' } });
  return [...stacksOf(raw), ...stacksOf(okta), ...stacksOf(splunk)].map((stack) => synth(stack));
}

describe('provider requirements', () => {
  test('an EventBridge stack states every provider\'s range, one source address each, and required_version', () => {
    const terraform = synth(stacksOf(brontoConfig())[0]).terraform as Record<string, unknown>;
    expect(terraform.required_providers).toEqual(ranges);
    expect(terraform.required_version).toBe('>= 1.10.0');
    expect(terraform.backend).toBeDefined();
  });

  test('an Okta-only stack states the okta range alone', () => {
    const terraform = synth(stacksOf(withStacks({ name: 'o', sink: { type: 'oort', integration_id: 'x1' } }))[0]).terraform as Record<string, unknown>;
    expect(terraform.required_providers).toEqual({ okta: ranges.okta });
    expect(terraform.required_version).toBe('>= 1.10.0');
  });

  test('the config\'s versions narrow every stack, the state bucket stack included', () => {
    const raw = brontoConfig();
    raw.versions = { terraform: '~> 1.11.0', okta: '6.12.0', aws: '~> 6.40.0' };
    raw.backend.bootstrap = true;
    const [stack, state] = stacksOf(raw).map((s) => synth(s).terraform as Record<string, unknown>);
    expect(stack.required_providers).toEqual({ ...ranges, okta: { source: 'okta/okta', version: '6.12.0' }, aws: { source: 'hashicorp/aws', version: '~> 6.40.0' } });
    expect(stack.required_version).toBe('~> 1.11.0');
    expect(state.required_providers).toEqual({ aws: { source: 'hashicorp/aws', version: '~> 6.40.0' } });
    expect(state.required_version).toBe('~> 1.11.0');
  });

  test('every exported module states the same ranges', () => {
    for (const definition of MODULES) {
      expect(moduleConfig(definition).config.terraform).toEqual(terraformRequirements(definition.providers));
    }
  });

  test('fails on a provider without an admitted range', () => {
    expect(() => withRequirements({ required_providers: { random: { source: 'hashicorp/random', version: '3.6.0' } } })).toThrow(
      'no admitted version range for provider(s) random',
    );
  });
});

describe('okta emissions against the recorded provider schemas', () => {
  const records = [...oktaRecords().values()];
  const emitted = [
    ...streamVariants(),
    ...MODULES.filter((m) => m.providers.includes('okta')).map((m) => moduleConfig(m).config as TerraformJson),
  ];

  test('cover every stream variant (new, adopted, Oort, Splunk Cloud) and the provider block', () => {
    const streams = emitted.flatMap((json) => Object.values(json.resource?.okta_log_stream ?? {}));
    expect(new Set(streams.map((s) => s.type))).toEqual(new Set(['aws_eventbridge', 'splunk_cloud_logstreaming']));
    expect(streams.some((s) => s.lifecycle && JSON.stringify(s.lifecycle).includes('settings.token'))).toBe(true);
    expect(emitted.some((json) => json.provider?.okta !== undefined)).toBe(true);
  });

  test.each(records.map((r) => [`okta ${r.major}.x`, r] as const))('everything emitted exists, with its type and an allowed value, in %s', (_label, record) => {
    expect(emitted.flatMap((json) => oktaProblems(json, record))).toEqual([]);
  });

  test('the check fails on an attribute the provider does not have, a missing status and an ignored setting it reads back', () => {
    const record = records[0];
    const withoutRegion = JSON.parse(JSON.stringify(record)) as OktaSchemaRecord & { resources: { okta_log_stream: { blocks: { settings: { attributes: Record<string, unknown> } } } } };
    delete withoutRegion.resources.okta_log_stream.blocks.settings.attributes.region;
    expect(emitted.flatMap((json) => oktaProblems(json, withoutRegion))).toContainEqual(expect.stringMatching(/settings\.region: not in the provider's schema$/));
    const stream = { name: 's', type: 'aws_eventbridge', settings: { account_id: '123456789012' }, lifecycle: { ignore_changes: ['settings'] } };
    expect(oktaProblems({ resource: { okta_log_stream: { s: stream } } }, record)).toEqual([
      'okta 6.x: okta_log_stream.s.status: not set, and the provider does not compute it',
      'okta 6.x: okta_log_stream.s: ignore_changes "settings" hides what the provider reads back',
    ]);
  });
});
