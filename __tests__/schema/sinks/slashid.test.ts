import { validateConfig } from '../../../schema/validate';
import { withStacks } from '../../helpers/config';
import { expectOnlyProblem } from '../../helpers/validation';

const withSink = (sink: Record<string, unknown>) => withStacks({ name: 'okta-slashid', event_source_name: 'okta_slashid', sink: { type: 'slashid', ...sink } });

describe('slashid sink config', () => {
  test('defaults: TF_VAR_slashid_api_token, the envelope', () => {
    const result = validateConfig(withSink({}));
    expect(result.ok && result.value.stacks[0]).toMatchObject({ sink: { token_variable: 'slashid_api_token', body: 'envelope' } });
  });
  test('fails when the token itself is put in the config', () => {
    expectOnlyProblem(withSink({ token: 'sid_live_123' }), 'stacks[0].sink.token', 'unknown key', 'token_variable');
  });
  test('fails on a token variable that is not a Terraform variable name', () => {
    expectOnlyProblem(withSink({ token_variable: 'SLASHID-TOKEN' }), 'stacks[0].sink.token_variable', 'Terraform variable name');
  });
});
