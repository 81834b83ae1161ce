/** The slashid module: the SlashID sink (stacks/slashid-stack.ts) with its inputs. */
import { slashIdSinkShape } from '../../../schema/sinks/slashid';
import { slashIdSink } from '../../../stacks/slashid-stack';
import { moduleVariable } from '../module-variable';
import { sinkModule } from '../sink-module';

export const slashIdModule = sinkModule({
  name: 'slashid',
  title: 'SlashID sink',
  description: 'Okta events to SlashID (`https://api.slashid.com/nhi/events`, `Authorization: Bearer <token>`).',
  id: 'SlashId',
  factory: slashIdSink,
  config: (stack) => ({
    type: 'slashid' as const,
    token_variable: 'slashid_api_token',
    body: moduleVariable(stack, 'body', { field: slashIdSinkShape.body }).stringValue as 'envelope',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: slashIdSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: { slashid_api_token: '${var.slashid_api_token}' },
  exampleSecrets: ['slashid_api_token'],
});
