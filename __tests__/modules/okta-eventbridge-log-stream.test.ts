import { TerraformVariable } from 'cdktf';
import { OktaEventBridgeLogStream, OktaEventBridgeLogStreamProps } from '../../modules/okta-eventbridge-log-stream';
import { onlyResource, synthConstructs } from '../helpers/synth';

const props: OktaEventBridgeLogStreamProps = {
  orgName: 'acme',
  streamName: 'okta-bronto',
  eventSourceName: 'okta_bronto',
  accountId: '123456789012',
  region: 'eu-west-1',
};

describe('OktaEventBridgeLogStream', () => {
  test('creates an ACTIVE aws_eventbridge stream with the account, region and event source name', () => {
    const json = synthConstructs((stack) => new OktaEventBridgeLogStream(stack, 'LogStream', props));
    expect(onlyResource(json, 'okta_log_stream').config).toMatchObject({
      name: 'okta-bronto',
      type: 'aws_eventbridge',
      status: 'ACTIVE',
      settings: { account_id: '123456789012', region: 'eu-west-1', event_source_name: 'okta_bronto' },
    });
  });

  test('names the partner event source aws.partner/okta.com/<org>/<event source name>', () => {
    synthConstructs((stack) => {
      const stream = new OktaEventBridgeLogStream(stack, 'LogStream', props);
      expect(stream.partnerEventSourceName).toBe('aws.partner/okta.com/acme/okta_bronto');
    });
  });

  test('fails when the event source name has a hyphen, which the okta provider (4.20.0 to 6.x) rejects', () => {
    expect(() => synthConstructs((stack) => new OktaEventBridgeLogStream(stack, 'S', { ...props, eventSourceName: 'okta-bronto' }))).toThrow(
      /eventSourceName "okta-bronto" must match \[A-Za-z0-9._\]\{1,75\}.*use "_"/,
    );
  });

  test('fails when the account id is not 12 digits', () => {
    expect(() => synthConstructs((stack) => new OktaEventBridgeLogStream(stack, 'S', { ...props, accountId: '1234' }))).toThrow(
      'accountId "1234" must be 12 digits',
    );
  });

  test('fails when Okta does not stream to the region', () => {
    expect(() => synthConstructs((stack) => new OktaEventBridgeLogStream(stack, 'S', { ...props, region: 'eu-south-1' }))).toThrow(
      'region "eu-south-1" must be a region Okta streams to',
    );
  });

  test('leaves references to be checked by Terraform', () => {
    const json = synthConstructs((stack) => {
      const account = new TerraformVariable(stack, 'account', { type: 'string' });
      new OktaEventBridgeLogStream(stack, 'S', { ...props, accountId: account.stringValue });
    });
    expect(onlyResource(json, 'okta_log_stream').config).toMatchObject({ settings: { account_id: '${var.account}' } });
  });
});
