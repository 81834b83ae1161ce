/** Adopting a console setup: the stacks keep the existing names and carry import blocks. */
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, synth } from '../helpers/synth';
import { expectOnlyProblem } from '../helpers/validation';

const adopted = withStacks({
  name: 'okta-bronto',
  event_source_name: 'okta_bronto',
  adopt: { okta_log_stream_id: '0oa1b2c3d4e5f6g7h8i9', partner_event_bus: true },
  sink: {
    type: 'bronto',
    region: 'eu',
    collection: 'okta-prod',
    adopt: { rule_name: 'okta-to-bronto', target_id: 'bronto-target', connection_name: 'bronto-connection', api_destination_name: 'bronto-destination' },
  },
});

describe('adopting a console setup', () => {
  const json = synthOnlyStack(adopted);
  const imports = (json as { import?: { to: string; id: string }[] }).import ?? [];
  const address = (type: string) => `${type}.${onlyResource(json, type).id}`;

  test('imports the stream, partner bus, rule, target, connection and API destination by their ids', () => {
    expect(imports).toEqual(
      expect.arrayContaining([
        { to: address('okta_log_stream'), id: '0oa1b2c3d4e5f6g7h8i9' },
        { to: address('aws_cloudwatch_event_bus'), id: 'aws.partner/okta.com/acme/okta_bronto' },
        { to: address('aws_cloudwatch_event_rule'), id: 'aws.partner/okta.com/acme/okta_bronto/okta-to-bronto' },
        { to: address('aws_cloudwatch_event_target'), id: 'aws.partner/okta.com/acme/okta_bronto/okta-to-bronto/bronto-target' },
        { to: address('aws_cloudwatch_event_connection'), id: 'bronto-connection' },
        { to: address('aws_cloudwatch_event_api_destination'), id: 'bronto-destination' },
      ]),
    );
    expect(imports).toHaveLength(6);
  });

  test('keeps the existing names, so the import does not plan a replacement', () => {
    expect(onlyResource(json, 'aws_cloudwatch_event_rule').config.name).toBe('okta-to-bronto');
    expect(onlyResource(json, 'aws_cloudwatch_event_target').config.target_id).toBe('bronto-target');
    expect(onlyResource(json, 'aws_cloudwatch_event_connection').config.name).toBe('bronto-connection');
    expect(onlyResource(json, 'aws_cloudwatch_event_api_destination').config.name).toBe('bronto-destination');
  });

  test('ignores none of the adopted stream\'s settings: okta >= 6.6.0 reads them on import, so drift and updates use the real values', () => {
    expect(onlyResource(json, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: true });
    // Literal write-once values from the config: the first plan compares them with what the import read,
    // and only a real difference plans a replacement (which prevent_destroy refuses).
    expect(onlyResource(json, 'okta_log_stream').config.settings).toEqual({ account_id: '123456789012', region: 'eu-west-1', event_source_name: adopted.stacks[0].event_source_name });
    expect(onlyResource(json, 'aws_cloudwatch_event_bus').config.lifecycle).toMatchObject({ ignore_changes: ['event_source_name'] });
  });

  test('new stacks import nothing', () => {
    expect((synthOnlyStack(withStacks({ name: 'n', event_source_name: 'n', sink: { type: 'slashid' } })) as { import?: unknown }).import).toBeUndefined();
  });

  test('a CloudWatch Logs sink adopts its log group', () => {
    const logs = synthOnlyStack(
      withStacks({ name: 'logs', event_source_name: 'logs', sink: { type: 'cloudwatch_logs', log_group_name: '/aws/events/okta', adopt: { log_group: true } } }),
    );
    expect((logs as { import?: unknown[] }).import).toEqual([{ to: `aws_cloudwatch_log_group.${onlyResource(logs, 'aws_cloudwatch_log_group').id}`, id: '/aws/events/okta' }]);
  });

  test('Oort and Splunk Cloud stacks adopt their stream', () => {
    const oort = synth(stacksOf(withStacks({ name: 'oort', adopt: { okta_log_stream_id: '0oaOORT' }, sink: { type: 'oort', integration_id: 'x1' } }))[0]);
    expect((oort as { import?: unknown[] }).import).toEqual([{ to: `okta_log_stream.${onlyResource(oort, 'okta_log_stream').id}`, id: '0oaOORT' }]);
    expect(onlyResource(oort, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: true });
    const splunk = synth(
      stacksOf(withStacks({ name: 'splunk', adopt: { okta_log_stream_id: '0oaSPLUNK' }, sink: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws' } }))[0],
    );
    expect((splunk as { import?: unknown[] }).import).toEqual([{ to: `okta_log_stream.${onlyResource(splunk, 'okta_log_stream').id}`, id: '0oaSPLUNK' }]);
    // Okta never returns the HEC token: an import leaves it null, and a change to it would replace the stream.
    expect(onlyResource(splunk, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['settings.token'] });
  });

  test('fails when a target is adopted without its rule', () => {
    const config = JSON.parse(JSON.stringify(adopted));
    delete config.stacks[0].sink.adopt.rule_name;
    expectOnlyProblem(config, 'stacks[0].sink.adopt.target_id', 'needs adopt.rule_name');
  });

  test('fails when two stacks adopt one stream', () => {
    const stack = (name: string) => ({ name, event_source_name: name, adopt: { okta_log_stream_id: '0oaSAME' }, sink: { type: 'slashid' } });
    expectOnlyProblem(withStacks(stack('a'), stack('b')), 'stacks[1].adopt.okta_log_stream_id', 'adopts that stream too');
  });

  test('fails on a partner bus to adopt where there is none', () => {
    expectOnlyProblem(withStacks({ name: 'o', adopt: { partner_event_bus: true }, sink: { type: 'oort', integration_id: 'x' } }), 'stacks[0].adopt.partner_event_bus', 'not used by a oort sink');
  });

  test('fails on a connection name AWS would reject', () => {
    const config = JSON.parse(JSON.stringify(adopted));
    config.stacks[0].sink.adopt.connection_name = 'bronto connection';
    expectOnlyProblem(config, 'stacks[0].sink.adopt.connection_name', 'existing EventBridge connection');
  });
});
