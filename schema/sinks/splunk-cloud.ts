import { z } from 'zod';
import { SPLUNK_EDITIONS, SPLUNK_HOST_PATTERN } from '../../modules/okta-splunk-log-stream';
import { strictObject, variableName } from '../rules';
import { oktaOnlySink } from './sink';

export const splunkCloudSinkShape = {
  type: z.literal('splunk_cloud'),
  host: z
    .string({ error: 'must be a string' })
    .regex(SPLUNK_HOST_PATTERN, {
      error: (issue) =>
        typeof issue.input === 'string' && /^https?:\/\//.test(issue.input)
          ? 'must be the host name only, without scheme: e.g. "acme.splunkcloud.com"'
          : 'must be a Splunk Cloud host: <stack>.splunkcloud.com (or .gc.com, .fed.com, .mil), lowercase, no scheme',
    })
    .describe('Splunk Cloud host without scheme, e.g. acme.splunkcloud.com.'),
  edition: z
    .enum(SPLUNK_EDITIONS, { error: `must be one of: ${SPLUNK_EDITIONS.join(', ')}` })
    .describe('Splunk Cloud edition: aws, aws_govcloud or gcp.'),
  token_variable: variableName('splunk_hec_token', 'Splunk HEC token (a UUID)'),
};

export const splunkCloudSinkSchema = strictObject(splunkCloudSinkShape).describe('Splunk Cloud: Okta streams to the HEC directly; no AWS resources.');

export type SplunkCloudSinkConfig = z.output<typeof splunkCloudSinkSchema>;

export const splunkCloudSink = oktaOnlySink({
  schema: splunkCloudSinkSchema,
  withoutPartnerBus: 'Splunk Cloud streams need no event source',
  page: 'splunk-cloud.md',
  example: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws' },
});
