import { OktaEventArchive } from '../../modules/okta-event-archive';
import { onlyResource, synthConstructs, testStack } from '../helpers/synth';

describe('OktaEventArchive', () => {
  test('archives every event of the bus for 30 days by default', () => {
    const json = synthConstructs((stack) => new OktaEventArchive(stack, 'Archive', { archiveName: 'okta-bronto', eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/x' }));
    const archive = onlyResource(json, 'aws_cloudwatch_event_archive').config;
    expect(archive).toMatchObject({ name: 'okta-bronto', event_source_arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/x', retention_days: 30 });
    expect(archive).not.toHaveProperty('event_pattern');
  });

  test('keeps events forever with 0', () => {
    const json = synthConstructs((stack) => new OktaEventArchive(stack, 'Archive', { archiveName: 'a', eventBusArn: 'arn:x', retentionDays: 0 }));
    expect(onlyResource(json, 'aws_cloudwatch_event_archive').config.retention_days).toBe(0);
  });

  test.each([-1, 1.5])('fails on %p days', (retentionDays) => {
    expect(() => new OktaEventArchive(testStack(), 'A', { archiveName: 'a', eventBusArn: 'arn:x', retentionDays })).toThrow('retentionDays must be a whole number');
  });
});
