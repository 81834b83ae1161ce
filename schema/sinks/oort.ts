import { z } from 'zod';
import { EVENT_SOURCE_NAME_PATTERN } from '../../modules/facts';
import { OORT_ACCOUNTS, OORT_REGION } from '../../modules/oort-log-stream';
import { strictObject } from '../rules';
import { oktaOnlySink } from './sink';

const environments = Object.keys(OORT_ACCOUNTS) as [keyof typeof OORT_ACCOUNTS, ...(keyof typeof OORT_ACCOUNTS)[]];

export const oortSinkShape = {
  type: z.literal('oort'),
  integration_id: z
    .string({ error: 'must be a string: the Oort Okta integration id' })
    .regex(EVENT_SOURCE_NAME_PATTERN, {
      error: (issue) =>
        typeof issue.input === 'string' && issue.input.includes('-')
          ? 'contains "-": Oort needs the integration id as the event source name unchanged, and the okta provider (4.20.0 to 6.x) rejects "-" ' +
            'there (its regex is double-escaped), so Terraform cannot create this stream. Create it in the Okta Admin Console ' +
            `(Reports → Log Streaming → AWS EventBridge; account ${OORT_ACCOUNTS.production} for production, region ${OORT_REGION}, ` +
            'event source name = the integration id) and remove this stack, or ask Oort for an integration id without "-"'
          : 'must be the Oort Okta integration id: 1-75 letters, digits, "." and "_"',
    })
    .describe('The Oort Okta integration id; Okta sends it as the event source name.'),
  environment: z
    .enum(environments, { error: `must be one of: ${environments.join(', ')}` })
    .default('production')
    .describe(`Oort environment: ${Object.entries(OORT_ACCOUNTS).map(([env, id]) => `${env} → account ${id}`).join(', ')}; region ${OORT_REGION}. Default production.`),
};

export const oortSinkSchema = strictObject(oortSinkShape).describe('Oort: a stream into Oort\'s AWS account; nothing in yours.');

export type OortSinkConfig = z.output<typeof oortSinkSchema>;

export const oortSink = oktaOnlySink({
  schema: oortSinkSchema,
  eventSourceNameField: 'integration_id',
  withoutPartnerBus: 'Oort uses sink.integration_id as the event source name',
  page: 'oort.md',
  example: { type: 'oort', integration_id: 'a1b2c3d4e5f6' },
});
