import { FanOutStack } from '../../stacks/fan-out-stack';
import { stacksOf, synthOnlyStack, withStacks } from '../helpers/config';
import { onlyResource, parsePolicy, ref, resourcesOf } from '../helpers/synth';

const config = withStacks({
  name: 'okta-fan',
  event_source_name: 'okta_fan',
  sinks: [
    { name: 'bronto-eu', type: 'bronto', region: 'eu', collection: 'eu' },
    { name: 'bronto-us', type: 'bronto', region: 'us', collection: 'us' },
    { name: 'datadog', type: 'datadog', site: 'datadoghq.com' },
    { name: 'logs', type: 'cloudwatch_logs' },
    { name: 'audit', type: 'cloudwatch_logs', retention_in_days: 3653 },
  ],
});

describe('FanOutStack', () => {
  const json = synthOnlyStack(config);
  const bus = onlyResource(json, 'aws_cloudwatch_event_bus');
  const rules = resourcesOf(json, 'aws_cloudwatch_event_rule');
  const targets = Object.values(resourcesOf(json, 'aws_cloudwatch_event_target'));

  test('is the stack class for a sinks list', () => {
    expect(stacksOf(config)[0]).toBeInstanceOf(FanOutStack);
  });

  test('one stream and one partner bus for all sinks', () => {
    expect(Object.keys(resourcesOf(json, 'okta_log_stream'))).toHaveLength(1);
    expect(bus.config.name).toBe('aws.partner/okta.com/acme/okta_fan');
  });

  test('one rule per sink, all on the partner bus, named <stack>-<sink>', () => {
    expect(Object.values(rules).map((r) => r.name).sort()).toEqual(['okta-fan-audit', 'okta-fan-bronto-eu', 'okta-fan-bronto-us', 'okta-fan-datadog', 'okta-fan-logs']);
    for (const rule of Object.values(rules)) expect(rule.event_bus_name).toBe(ref('aws_cloudwatch_event_bus', bus.id, 'name'));
  });

  test('one target per rule, each on the partner bus and its own rule', () => {
    expect(targets).toHaveLength(5);
    const ruleRefs = Object.keys(rules).map((id) => ref('aws_cloudwatch_event_rule', id, 'name'));
    expect(targets.map((t) => t.rule).sort()).toEqual(ruleRefs.sort());
    for (const target of targets) expect(target.event_bus_name).toBe(ref('aws_cloudwatch_event_bus', bus.id, 'name'));
  });

  test('two Bronto sinks share the one variable; Datadog has its own', () => {
    expect(Object.keys(json.variable ?? {}).sort()).toEqual(['bronto_api_key', 'datadog_api_key']);
    const endpoints = Object.values(resourcesOf(json, 'aws_cloudwatch_event_api_destination')).map((d) => d.invocation_endpoint).sort();
    expect(endpoints).toEqual(['https://http-intake.logs.datadoghq.com/api/v2/logs', 'https://ingestion.eu.bronto.io', 'https://ingestion.us.bronto.io']);
  });

  test('both log groups share one resource policy that names exactly them', () => {
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(Object.values(groups).map((g) => g.name).sort()).toEqual(['/aws/events/okta/okta-fan-audit', '/aws/events/okta/okta-fan-logs']);
    const policy = onlyResource(json, 'aws_cloudwatch_log_resource_policy');
    expect(parsePolicy(policy.config.policy_document).Statement[0].Resource?.sort()).toEqual(
      Object.keys(groups).map((id) => `${ref('aws_cloudwatch_log_group', id, 'arn')}:*`).sort(),
    );
  });

  test('outputs a rule ARN and a DLQ URL per sink beside the stream, bus, archive and alarm topic', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'alarm_topic_arn',
      'archive_arn',
      'audit_dead_letter_queue_url',
      'audit_rule_arn',
      'bronto_eu_dead_letter_queue_url',
      'bronto_eu_rule_arn',
      'bronto_us_dead_letter_queue_url',
      'bronto_us_rule_arn',
      'datadog_dead_letter_queue_url',
      'datadog_rule_arn',
      'logs_dead_letter_queue_url',
      'logs_rule_arn',
      'okta_log_stream_id',
      'partner_event_bus_arn',
      'partner_event_bus_name',
    ]);
  });

  test('construct ids, and so resource addresses, are "Sink" + the sink name in PascalCase', () => {
    expect(Object.keys(resourcesOf(json, 'aws_cloudwatch_event_target')).map((id) => id.split('_')[0]).sort()).toEqual([
      'SinkAudit',
      'SinkBrontoEu',
      'SinkBrontoUs',
      'SinkDatadog',
      'SinkLogs',
    ]);
  });

  test('a sink may be called like a stack part (archive, dashboard) without clashing', () => {
    const archive = withStacks({ name: 'f', event_source_name: 'f', sinks: [{ name: 'archive', type: 'slashid' }, { name: 'dashboard', type: 'slashid' }] });
    expect(Object.keys(resourcesOf(synthOnlyStack(archive), 'aws_cloudwatch_event_target')).map((id) => id.split('_')[0]).sort()).toEqual(['SinkArchive', 'SinkDashboard']);
  });
});
