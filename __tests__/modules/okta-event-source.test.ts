import { OktaEventSource, OktaEventSourceProps } from '../../modules/okta-event-source';
import { onlyResource, ref, synthConstructs } from '../helpers/synth';

const props: OktaEventSourceProps = {
  orgName: 'acme',
  streamName: 'okta-bronto',
  eventSourceName: 'okta_bronto',
  accountId: '123456789012',
  region: 'eu-west-1',
};

describe('OktaEventSource', () => {
  const json = synthConstructs((stack) => new OktaEventSource(stack, 'Source', props));
  const stream = onlyResource(json, 'okta_log_stream');
  const wait = onlyResource(json, 'time_sleep');
  const bus = onlyResource(json, 'aws_cloudwatch_event_bus');

  test('creates the partner bus with name and event_source_name both the partner source name', () => {
    expect(bus.config).toMatchObject({
      name: 'aws.partner/okta.com/acme/okta_bronto',
      event_source_name: 'aws.partner/okta.com/acme/okta_bronto',
    });
  });

  test('creates the bus only after the stream exists and the wait has passed', () => {
    expect(bus.config.depends_on).toEqual([`okta_log_stream.${stream.id}`, `time_sleep.${wait.id}`]);
  });

  test('waits 60 seconds by default, again whenever the stream is replaced', () => {
    expect(wait.config).toMatchObject({ create_duration: '60s', triggers: { stream_id: ref('okta_log_stream', stream.id, 'id') } });
  });

  test('waits as long as configured', () => {
    const custom = synthConstructs((stack) => new OktaEventSource(stack, 'Source', { ...props, waitForPartnerSourceSeconds: 120 }));
    expect(onlyResource(custom, 'time_sleep').config.create_duration).toBe('120s');
  });

  test('ignores event_source_name, which the AWS provider never reads back, and refuses destruction', () => {
    expect(bus.config.lifecycle).toEqual({ ignore_changes: ['event_source_name'], prevent_destroy: true });
    expect(stream.config.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('lets stream and bus be destroyed when protection is off', () => {
    const open = synthConstructs((stack) => new OktaEventSource(stack, 'Source', { ...props, preventDestroy: false }));
    expect(onlyResource(open, 'aws_cloudwatch_event_bus').config.lifecycle).toEqual({ ignore_changes: ['event_source_name'], prevent_destroy: false });
    expect(onlyResource(open, 'okta_log_stream').config.lifecycle).toEqual({ prevent_destroy: false });
  });

  test('the stream is ACTIVE', () => {
    expect(stream.config.status).toBe('ACTIVE');
  });

  test.each([0, -5, 1.5])('fails when the wait is %p seconds', (seconds) => {
    expect(() => synthConstructs((stack) => new OktaEventSource(stack, 'Source', { ...props, waitForPartnerSourceSeconds: seconds }))).toThrow(
      'waitForPartnerSourceSeconds must be a whole number of at least 1',
    );
  });
});
