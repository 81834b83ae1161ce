import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { OktaLogStreamingStack, StackSettings } from '../../stacks/okta-log-streaming-stack';
import { synth } from '../helpers/synth';

const settings: StackSettings = {
  name: 'okta-test',
  okta: { org_name: 'acme', base_url: 'okta.com' },
  aws: { account_id: '123456789012', region: 'eu-west-1' },
  backend: { type: 's3', bucket: 'acme-state', key_prefix: 'okta', region: 'eu-west-1', bootstrap: false, noncurrent_version_expiration_days: 90 },
  tags: {},
  versions: {},
  prevent_destroy: true,
};

/** The smallest stack: the base and two sinks asking for secrets. */
class SecretsStack extends OktaLogStreamingStack {
  constructor(scope: Construct) {
    super(scope, settings);
    this.secretVariable('vendor_api_key', 'vendor API key');
    this.secretVariable('vendor_api_key', 'vendor API key');
    this.secretVariable('other_token', 'other token');
  }
}

describe('OktaLogStreamingStack', () => {
  const stack = new SecretsStack(Testing.app());
  const json = synth(stack);

  test('declares each secret once, sensitive, non-nullable, with no default', () => {
    expect(Object.keys(json.variable ?? {}).sort()).toEqual(['other_token', 'vendor_api_key']);
    expect(json.variable?.vendor_api_key).toEqual({
      type: 'string',
      sensitive: true,
      nullable: false,
      description: 'vendor API key. Secret: set TF_VAR_vendor_api_key at plan/apply.',
      validation: [{ condition: '${length(trimspace(var.vendor_api_key)) > 0}', error_message: 'Set TF_VAR_vendor_api_key to the vendor API key.' }],
    });
    expect(stack.secretVariableNames).toEqual(['vendor_api_key', 'other_token']);
  });

  test('configures the okta provider with the org only; credentials stay in the environment', () => {
    expect(json.provider?.okta).toEqual([{ org_name: 'acme', base_url: 'okta.com' }]);
  });

  test('the stack id is the configured name', () => {
    expect(stack.node.id).toBe('okta-test');
  });
});
