import { z } from 'zod';
import { apiSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { body, invocationRateLimit, strictObject, variableName } from '../rules';

export const slashIdSinkShape = {
  type: z.literal('slashid'),
  token_variable: variableName('slashid_api_token', 'SlashID API token (sent as "Authorization: Bearer <token>")'),
  body: body('envelope'),
  invocation_rate_limit_per_second: invocationRateLimit(),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: apiSinkAdoptSchema,
};

export const slashIdSinkSchema = strictObject(slashIdSinkShape).describe('SlashID: https://api.slashid.com/nhi/events.');

export type SlashIdSinkConfig = z.output<typeof slashIdSinkSchema>;
