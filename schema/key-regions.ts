/**
 * KMS keys must be in the region of what they encrypt: EventBridge (bus, archive, connections), SQS,
 * SNS, CloudWatch Logs, Firehose and S3 take keys of the resource's own region only (each service's
 * CMK page: "the KMS key must be in the same Region"). A key ARN names its region, so a key of
 * another region is refused here, at the field that gave it, instead of failing at apply.
 */
import { Problem } from './problem';
import { isOktaOnlySinkType } from './sinks/index';

/** `arn:<partition>:kms:<region>:<account>:key/…|alias/…`; other shapes are the field validators' to report. */
const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(key|alias)\//;

interface KeyField {
  readonly path: string;
  readonly value: unknown;
}

export function keyRegionProblems(raw: Record<string, unknown>): Problem[] {
  if (!Array.isArray(raw.stacks)) return [];
  const top = { aws: record(raw.aws), alarms: record(raw.alarms), encryption: record(raw.encryption) };
  return raw.stacks.flatMap((stack, index) => {
    const entry = record(stack);
    const path = `stacks[${index}]`;
    const region = record(entry.aws).region ?? top.aws.region;
    // Oort and Splunk Cloud stacks have no AWS side in the account: no key is used.
    const oktaOnly = isOktaOnlySinkType(record(entry.sink).type);
    if (typeof region !== 'string' || oktaOnly) return [];
    return keyFields(entry, path, top).flatMap(({ path: fieldPath, value }) => {
      const keyRegion = typeof value === 'string' ? KMS_ARN.exec(value)?.[1] : undefined;
      if (keyRegion === undefined || keyRegion === region) return [];
      const inherited = !fieldPath.startsWith(path);
      return [
        {
          path: fieldPath,
          message:
            `got "${String(value)}", a key in ${keyRegion}; ${inherited ? `${path} ("${String(entry.name)}") is` : 'the stack is'} in ${region}, and EventBridge, SQS, SNS, ` +
            `CloudWatch Logs, Firehose and S3 use keys of their own region only: give a key in ${region}${inherited ? ` (for this stack alone: ${path}.${fieldPath})` : ''}`,
        },
      ];
    });
  });
}

/** The key fields that apply to one stack: its own, or the top-level ones it inherits. */
function keyFields(entry: Record<string, unknown>, path: string, top: { alarms: Record<string, unknown>; encryption: Record<string, unknown> }): KeyField[] {
  const own = { alarms: record(entry.alarms), encryption: record(entry.encryption) };
  const fields: KeyField[] = [
    // The stack's encryption section replaces the top-level one as a whole; alarms merge field by field.
    entry.encryption !== undefined ? { path: `${path}.encryption.kms_key`, value: own.encryption.kms_key } : { path: 'encryption.kms_key', value: top.encryption.kms_key },
    own.alarms.topic_kms_key_arn !== undefined ? { path: `${path}.alarms.topic_kms_key_arn`, value: own.alarms.topic_kms_key_arn } : { path: 'alarms.topic_kms_key_arn', value: top.alarms.topic_kms_key_arn },
  ];
  const sinks = entry.sinks === undefined ? [{ path: `${path}.sink`, sink: record(entry.sink) }] : (Array.isArray(entry.sinks) ? entry.sinks : []).map((sink, i) => ({ path: `${path}.sinks[${i}]`, sink: record(sink) }));
  for (const { path: sinkPath, sink } of sinks) {
    fields.push({ path: `${sinkPath}.kms_key_arn`, value: sink.kms_key_arn });
    fields.push({ path: `${sinkPath}.delivery.dead_letter_queue_kms_key_arn`, value: record(sink.delivery).dead_letter_queue_kms_key_arn });
  }
  return fields;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
