/**
 * The resource names of the published modules: what a person would write, and what users type into
 * `import` and `moved` blocks (`module.bronto.aws_cloudwatch_event_rule.this`). The stacks keep
 * cdktf's hashed names; a module names each resource here by its construct path within the module,
 * with the sink's construct id written as `{sink}`. A resource missing from this table stops the
 * export: a new resource is named on purpose, and a name, once published, never changes without a
 * `moved` block (docs/addresses.json records every address, and a test holds the rule).
 */
export const RESOURCE_NAMES: Readonly<Record<string, string>> = {
  // The source module (stacks/eventbridge-pipeline.ts addEventBridgeSource).
  'OktaEventSource/LogStream/Stream': 'this',
  'OktaEventSource/WaitForPartnerSource': 'partner_source',
  'OktaEventSource/PartnerEventBus': 'partner',
  'Archive/Archive': 'this',
  'AlarmTopic/Topic': 'alarms',
  'BusDeadLetters/Queue/Queue': 'bus_dead_letter',
  'BusDeadLetters/Queue/Policy': 'bus_dead_letter',
  'BusDeadLetters/Alarm': 'bus_dead_letters',
  // Where a sink module is: account and region of the aws provider passed in.
  current: 'current',
  current_region: 'current',
  // Every sink module (addSinkPipeline).
  '{sink}Rule/Rule': 'this',
  '{sink}/Target': 'this',
  '{sink}/DeadLetterQueue/Queue': 'dead_letter',
  '{sink}/DeadLetterQueue/Policy': 'dead_letter',
  '{sink}Alarms/FailedInvocations': 'failed_invocations',
  '{sink}Alarms/DeadLetters': 'dead_letters',
  '{sink}Alarms/FailedToDeadLetter': 'failed_to_dead_letter',
  '{sink}Alarms/OktaQuiet': 'okta_quiet',
  // API destination sinks (Bronto, Datadog, SlashID, HTTPS).
  '{sink}/Connection': 'this',
  '{sink}/ApiDestination': 'this',
  '{sink}/InvokeRole': 'invoke',
  '{sink}/InvokePolicy': 'invoke',
  // CloudWatch Logs.
  '{sink}/LogGroup': 'this',
  'LogDeliveryPolicy/Policy': 'this',
  // S3 archive: the bucket's parts all carry the bucket's name.
  '{sink}/ArchiveBucket/Bucket': 'archive',
  '{sink}/ArchiveBucket/Versioning': 'archive',
  '{sink}/ArchiveBucket/Encryption': 'archive',
  '{sink}/ArchiveBucket/PublicAccessBlock': 'archive',
  '{sink}/ArchiveBucket/OwnershipControls': 'archive',
  '{sink}/ArchiveBucket/Policy': 'archive',
  '{sink}/ArchiveBucket/Lifecycle': 'archive',
  '{sink}/DeliveryLogGroup': 'delivery',
  '{sink}/DeliveryLogStream': 'delivery',
  '{sink}/FirehoseRole': 'firehose',
  '{sink}/FirehosePolicy': 'firehose',
  '{sink}/DeliveryStream': 'this',
  '{sink}/PutRecordRole': 'put_record',
  '{sink}/PutRecordPolicy': 'put_record',
  // Okta-only streams (Oort, Splunk Cloud).
  '{sink}/LogStream/Stream': 'this',
  '{sink}/Stream': 'this',
};

/** The table's key for a construct path within a module whose sink construct id is `sinkId`. */
export function namesKey(relativePath: string, sinkId: string | undefined): string {
  if (sinkId === undefined) return relativePath;
  const [first, ...rest] = relativePath.split('/');
  const generic = first.startsWith(sinkId) ? `{sink}${first.slice(sinkId.length)}` : first;
  return [generic, ...rest].join('/');
}
