import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { stackFacts } from '../../../cli/doctor/stack-facts';
import { stacksOf } from '../../helpers/config';
import { synth } from '../../helpers/synth';

const example = (name: string) => stacksOf(parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', name), 'utf8'))).map((s) => [s.node.id, synth(s)] as const);

describe('what the doctor checks, read from a synthesized stack', () => {
  test('a fan-out stack: the stream, the bus, every rule with its target, DLQ and retries, every connection, destination and queue', () => {
    const [[name, json]] = example('fan-out.yaml');
    const facts = stackFacts(name, json as Record<string, unknown>);
    expect(facts.okta).toEqual({ orgName: 'acme', baseUrl: 'okta.com' });
    expect(facts.stream).toEqual({ name: 'okta-fan-out', type: 'aws_eventbridge', settings: { account_id: '123456789012', event_source_name: 'okta_fan_out', region: 'eu-west-1' } });
    expect(facts.aws).toMatchObject({ accountId: '123456789012', region: 'eu-west-1', eventBusName: 'aws.partner/okta.com/acme/okta_fan_out' });
    const rules = [...facts.aws!.rules].sort((a, b) => a.name.localeCompare(b.name));
    expect(rules).toEqual(
      ['archive-logs', 'bronto', 'datadog'].map((sink) => ({
        name: `okta-fan-out-${sink}`,
        targetId: `okta-fan-out-${sink}`,
        target: expect.any(Object),
        role: sink === 'archive-logs' ? undefined : expect.any(Object),
        deadLetterQueue: `okta-fan-out-${sink}-dlq`,
        deadLetterQueueArn: `arn:aws:sqs:eu-west-1:123456789012:okta-fan-out-${sink}-dlq`,
        maximumRetryAttempts: 185,
        maximumEventAgeInSeconds: 86400,
        // The stack's okta-quiet alarm: 2 h (alarms.okta_quiet_hours' default), fewer than 1 event.
        quiet: { windowSeconds: 7200, threshold: 1 },
        secretVariables: sink === 'archive-logs' ? [] : [expect.stringMatching(/_api_key$/)],
      })),
    );
    // Whole ARNs to compare the live targets with (API destinations and roles carry a generated suffix).
    expect(rules.map((r) => r.target)).toEqual([
      { what: 'log group /aws/events/okta/okta-fan-out-archive-logs', arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/events/okta/okta-fan-out-archive-logs', prefixOnly: false },
      { what: 'API destination okta-fan-out-bronto', arn: 'arn:aws:events:eu-west-1:123456789012:api-destination/okta-fan-out-bronto/', prefixOnly: true },
      { what: 'API destination okta-fan-out-datadog', arn: 'arn:aws:events:eu-west-1:123456789012:api-destination/okta-fan-out-datadog/', prefixOnly: true },
    ]);
    expect(rules[1].role).toEqual({ what: 'role /okta-log-streaming/okta-fan-out-bronto-…', arn: 'arn:aws:iam::123456789012:role/okta-log-streaming/okta-fan-out-bronto-', prefixOnly: true });
    expect(facts.aws!.busDeadLetterQueue).toBe('okta-fan-out-partner-bus-dead-letters');
    expect(facts.aws!.connections).toEqual(['okta-fan-out-bronto', 'okta-fan-out-datadog']);
    expect(facts.aws!.apiDestinations).toEqual(['okta-fan-out-bronto', 'okta-fan-out-datadog']);
    expect([...facts.aws!.deadLetterQueues].sort()).toEqual(['okta-fan-out-archive-logs-dlq', 'okta-fan-out-bronto-dlq', 'okta-fan-out-datadog-dlq', 'okta-fan-out-partner-bus-dead-letters']);
  });

  test('a Splunk Cloud stack: the stream only, its secret left out', () => {
    const [[name, json]] = example('splunk-cloud.yaml');
    const facts = stackFacts(name, json as Record<string, unknown>);
    expect(facts.aws).toBeUndefined();
    expect(facts.stream.type).toBe('splunk_cloud_logstreaming');
    expect(Object.keys(facts.stream.settings).sort()).toEqual(['edition', 'host']);
  });
});
