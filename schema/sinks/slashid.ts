import { z } from 'zod';
import { apiSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { body, invocationRateLimit, variableName } from '../rules';
import { eventBridgeSink } from './sink';

export const slashIdSinkShape = {
  type: z.literal('slashid'),
  token_variable: variableName('slashid_api_token', 'SlashID API token (sent as "Authorization: Bearer <token>")'),
  body: body('envelope'),
  invocation_rate_limit_per_second: invocationRateLimit(),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: apiSinkAdoptSchema,
};

export const slashIdSink = eventBridgeSink({
  shape: slashIdSinkShape,
  description: 'SlashID: https://api.slashid.com/nhi/events.',
  page: 'slashid.md',
  example: { type: 'slashid' },
});

export const slashIdSinkSchema = slashIdSink.schema;

export type SlashIdSinkConfig = z.output<typeof slashIdSinkSchema>;
