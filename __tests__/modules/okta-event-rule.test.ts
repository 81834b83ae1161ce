import * as fs from 'fs';
import * as path from 'path';
import { TerraformVariable } from 'cdktf';
import { OKTA_SYSTEM_LOG_EVENT_PATTERN, OktaEventRule } from '../../modules/okta-event-rule';
import { onlyResource, synthConstructs } from '../helpers/synth';

/** A real Okta event in its EventBridge envelope (from aws-samples/serverless-patterns, MIT-0). */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'okta-eventbridge-systemlog.sample.json'), 'utf8'));

describe('OktaEventRule', () => {
  test('listens on the given bus for every Okta System Log event', () => {
    const json = synthConstructs((stack) => {
      const bus = new TerraformVariable(stack, 'bus', { type: 'string' });
      new OktaEventRule(stack, 'Rule', { eventBusName: bus.stringValue, ruleName: 'okta-bronto' });
    });
    const rule = onlyResource(json, 'aws_cloudwatch_event_rule').config;
    expect(rule).toMatchObject({ name: 'okta-bronto', event_bus_name: '${var.bus}', state: 'ENABLED' });
    expect(JSON.parse(rule.event_pattern as string)).toEqual({ source: [{ prefix: 'aws.partner/okta.com' }], 'detail-type': ['SystemLog'] });
  });

  test('the pattern matches the real Okta event (source prefix, detail-type)', () => {
    const [sourcePattern] = OKTA_SYSTEM_LOG_EVENT_PATTERN.source;
    expect(fixture.source.startsWith(sourcePattern.prefix)).toBe(true);
    expect(OKTA_SYSTEM_LOG_EVENT_PATTERN['detail-type']).toContain(fixture['detail-type']);
  });

  test('fails on the default bus, which never sees Okta events', () => {
    expect(() => synthConstructs((stack) => new OktaEventRule(stack, 'Rule', { eventBusName: 'default', ruleName: 'r' }))).toThrow(
      'Okta events arrive only on the partner event bus',
    );
  });

  test('describes the rule by its name unless told otherwise', () => {
    const json = synthConstructs((stack) => new OktaEventRule(stack, 'Rule', { eventBusName: 'aws.partner/okta.com/a/b', ruleName: 'r' }));
    expect(onlyResource(json, 'aws_cloudwatch_event_rule').config.description).toBe('Okta System Log events to r');
  });
});
