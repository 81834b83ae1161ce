import { z } from 'zod';
import { SPLUNK_EDITIONS, SPLUNK_GOV_HOST_OKTA, SPLUNK_GOV_HOST_PROVIDER, SPLUNK_HOST_PATTERN } from '../../modules/okta-splunk-log-stream';
import { strictObject, variableName } from '../rules';
import { oktaOnlySink } from './sink';

const GOVERNMENT =
  'no government host passes both, so Terraform cannot create this stream. Create it in the Okta Admin Console (Reports → Log Streaming → Splunk Cloud) ' +
  'with the host Okta accepts, and remove this stack';

export const splunkCloudSinkShape = {
  type: z.literal('splunk_cloud'),
  host: z
    .string({ error: 'must be a string' })
    .regex(SPLUNK_HOST_PATTERN, {
      error: (issue) => {
        const host = typeof issue.input === 'string' ? issue.input : '';
        if (/^https?:\/\//.test(host)) return 'must be the host name only, without scheme: e.g. "acme.splunkcloud.com"';
        if (SPLUNK_GOV_HOST_OKTA.test(host)) {
          return `is a US government Splunk Cloud host as Okta accepts it (<stack>.splunkcloudgc.com or .splunkcloudfed.com), but the okta provider (4.20.0 to 6.12.0) refuses it (it wants .splunkcloud.gc.com, .fed.com or .mil, which Okta refuses): ${GOVERNMENT}`;
        }
        if (SPLUNK_GOV_HOST_PROVIDER.test(host)) {
          return `is the okta provider's form of a US government host, which Okta's API refuses (Okta wants <stack>.splunkcloudgc.com or .splunkcloudfed.com, which the provider refuses): ${GOVERNMENT}`;
        }
        return 'must be a Splunk Cloud host: <stack>.splunkcloud.com, lowercase, no scheme (US government hosts cannot be created through Terraform: the okta provider and Okta accept no form in common)';
      },
    })
    .describe('Splunk Cloud host without scheme, e.g. acme.splunkcloud.com. Only hosts in .splunkcloud.com: no US government host passes both the okta provider and Okta.'),
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
