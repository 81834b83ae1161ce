import { z } from 'zod';
import { apiSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { httpParameterValue, invocationRateLimit, variableName } from '../rules';
import { eventBridgeSink } from './sink';

export const BRONTO_REGIONS = ['eu', 'us'] as const;

/** Bronto: an EventBridge API destination to Bronto's HTTP ingestion endpoint. */
export const brontoSinkShape = {
  type: z.literal('bronto'),
  region: z
    .enum(BRONTO_REGIONS, { error: `must be one of: ${BRONTO_REGIONS.join(', ')} (the Bronto region of your account)` })
    .describe('Bronto region: eu → https://ingestion.eu.bronto.io, us → https://ingestion.us.bronto.io.'),
  collection: httpParameterValue('Bronto collection the events land in (header x-bronto-collection).'),
  dataset: httpParameterValue('Bronto dataset (header x-bronto-dataset). Default "Okta".').default('Okta'),
  api_key_variable: variableName('bronto_api_key', 'Bronto API key (sent as header x-bronto-api-key)'),
  invocation_rate_limit_per_second: invocationRateLimit(),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: apiSinkAdoptSchema,
};

export const brontoSink = eventBridgeSink({
  shape: brontoSinkShape,
  description: 'Bronto: HTTP ingestion through an EventBridge API destination.',
  page: 'bronto.md',
  example: { type: 'bronto', region: 'eu', collection: 'okta-prod' },
});

export const brontoSinkSchema = brontoSink.schema;

export type BrontoSinkConfig = z.output<typeof brontoSinkSchema>;
