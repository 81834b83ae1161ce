import { z } from 'zod';
import { apiSinkAdoptSchema } from '../adopt';
import { deliverySchema } from '../delivery';
import { filterSchema } from '../filter';
import { DATADOG_SITES } from '../../modules/datadog-sink';
import { body, httpParameterValue, invocationRateLimit, variableName } from '../rules';
import { eventBridgeSink } from './sink';

export const datadogSinkShape = {
  type: z.literal('datadog'),
  site: z
    .enum(DATADOG_SITES, { error: `must be a Datadog site: ${DATADOG_SITES.join(', ')}` })
    .describe('Datadog site of the account; events go to https://http-intake.logs.<site>/api/v2/logs.'),
  api_key_variable: variableName('datadog_api_key', 'Datadog API key (sent as header DD-API-KEY)'),
  service: httpParameterValue('Datadog `service` of the logs (query parameter). Default: none.').optional(),
  tags: z
    .array(
      z
        .string({ error: 'must be a string' })
        .regex(/^[a-z][a-z0-9_\-./]*(:[a-z0-9_\-./:]*)?$/, {
          error: 'must be a Datadog tag: lowercase key, optionally ":value", of letters, digits and _ - . / :',
        }),
      { error: 'must be a list of tags such as "env:prod"' },
    )
    .max(100, { error: 'must list at most 100 tags' })
    .optional()
    .describe('Datadog tags (ddtags query parameter), e.g. ["env:prod", "team:security"]. Default: none.'),
  body: body('okta_event'),
  invocation_rate_limit_per_second: invocationRateLimit(),
  delivery: deliverySchema,
  filter: filterSchema,
  adopt: apiSinkAdoptSchema,
};

export const datadogSink = eventBridgeSink({
  shape: datadogSinkShape,
  description: 'Datadog: the HTTP log intake, ddsource=okta.',
  page: 'datadog.md',
  example: { type: 'datadog', site: 'datadoghq.com' },
});

export const datadogSinkSchema = datadogSink.schema;

export type DatadogSinkConfig = z.output<typeof datadogSinkSchema>;
