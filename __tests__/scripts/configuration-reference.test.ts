import * as path from 'path';
import { configurationReference } from '../../scripts/docs/configuration-reference';
import { CONDITIONAL_STACK_KEYS } from '../../schema/stack-keys';
import { AWS_SINK_TYPES, OKTA_ONLY_SINK_TYPES } from '../../schema/config';
import { withStacks } from '../helpers/config';
import { problemsOf } from '../helpers/validation';

const root = path.join(__dirname, '..', '..');
const reference = configurationReference(root);
/** The required cell of a key's row in the reference. */
const requiredCell = (key: string) => new RegExp(`^\\| \`${key.replace(/[[\].]/g, '\\$&')}\` \\| [^|]+ \\| ([^|]+) \\|`, 'm').exec(reference)?.[1].trim();

const sinkOf: Record<string, Record<string, unknown>> = {
  bronto: { type: 'bronto', region: 'eu', collection: 'c' },
  datadog: { type: 'datadog', site: 'datadoghq.eu' },
  slashid: { type: 'slashid' },
  cloudwatch_logs: { type: 'cloudwatch_logs' },
  https: { type: 'https', endpoint: 'https://x.example.com', auth: { type: 'api_key', header: 'X-Key' } },
  s3_archive: { type: 's3_archive', bucket_name: 'acme-okta-raw' },
  oort: { type: 'oort', integration_id: 'abc123' },
  splunk_cloud: { type: 'splunk_cloud', host: 'acme.splunkcloud.com', edition: 'aws' },
};

describe('configuration reference', () => {
  test('states stacks[].event_source_name as required for EventBridge stacks', () => {
    expect(requiredCell('stacks[].event_source_name')).toMatch(/^for EventBridge stacks/);
  });

  test.each(CONDITIONAL_STACK_KEYS.map((rule) => [rule.key, rule] as const))('%s: the reference states the requirement the validator enforces, for every sink type and fan-out', (key, rule) => {
    expect(requiredCell(`stacks[].${key}`)).toBe(`for ${rule.requiredFor}`);
    const missing = (stack: Record<string, unknown>) => problemsOf(withStacks({ name: 'okta-x', ...stack })).some((p) => p.path === `stacks[0].${key}` && p.message.startsWith('missing;'));
    for (const type of [...AWS_SINK_TYPES, ...OKTA_ONLY_SINK_TYPES]) {
      expect({ type, missing: missing({ sink: sinkOf[type] }) }).toEqual({ type, missing: rule.applies({ sinks: false, sinkType: type }) });
    }
    expect(missing({ sinks: [{ name: 'a', ...sinkOf.bronto }] })).toBe(rule.applies({ sinks: true }));
  });
});
