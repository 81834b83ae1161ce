/** A valid configuration, as it would be parsed from YAML, for tests to vary. */
export function brontoConfig(): Record<string, any> {
  return {
    okta: { org_name: 'acme', base_url: 'okta.com' },
    aws: { account_id: '123456789012', region: 'eu-west-1' },
    backend: { type: 's3', bucket: 'acme-okta-log-streaming-tfstate', key_prefix: 'okta-log-streaming/test' },
    tags: { Team: 'security' },
    stacks: [
      {
        name: 'okta-bronto',
        event_source_name: 'okta_bronto',
        sink: { type: 'bronto', region: 'eu', collection: 'okta-prod' },
      },
    ],
  };
}
