/**
 * Every AWS and Okta name derived from configuration, in one place: the stacks name their resources
 * with these functions and the validator checks the results against AWS's rules, so a name that
 * would fail at apply is reported at synth with the config field it came from.
 */
export { partnerEventSourceName } from '../modules/facts';

export interface NameRule {
  /** What the name is, as AWS calls it. */
  readonly label: string;
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** The characters allowed, in words. */
  readonly charset: string;
}

const EVENTBRIDGE_NAME = { pattern: /^[.\-_A-Za-z0-9]+$/, maxLength: 64, charset: 'letters, digits, ".", "-", "_"' };

export const NAME_RULES = {
  rule: { label: 'EventBridge rule name', ...EVENTBRIDGE_NAME },
  connection: { label: 'EventBridge connection name', ...EVENTBRIDGE_NAME },
  apiDestination: { label: 'EventBridge API destination name', ...EVENTBRIDGE_NAME },
  targetId: { label: 'EventBridge target id', ...EVENTBRIDGE_NAME },
  deadLetterQueue: { label: 'SQS queue name', pattern: /^[A-Za-z0-9_-]+$/, maxLength: 80, charset: 'letters, digits, "-", "_"' },
  archive: { label: 'EventBridge archive name', pattern: /^[.\-_A-Za-z0-9]+$/, maxLength: 48, charset: 'letters, digits, ".", "-", "_"' },
  snsTopic: { label: 'SNS topic name', pattern: /^[A-Za-z0-9_-]+$/, maxLength: 256, charset: 'letters, digits, "-", "_"' },
  partnerEventBus: {
    label: 'partner event bus name',
    pattern: /^aws\.partner\/okta\.com\/[.\-_A-Za-z0-9]+\/[.\-_A-Za-z0-9]+$/,
    maxLength: 256,
    charset: 'aws.partner/okta.com/<org>/<source> with letters, digits, ".", "-", "_"',
  },
} as const satisfies Record<string, NameRule>;

/** Stem of a sink's AWS resource names: the stack name, plus the sink name where a stack has several. */
export function sinkResourceName(stackName: string, sinkName?: string): string {
  return sinkName === undefined ? stackName : `${stackName}-${sinkName}`;
}

export function deadLetterQueueName(resourceName: string): string {
  return `${resourceName}-dlq`;
}

/**
 * The partner bus's own dead-letter queue (stacks under a customer managed key). Sinks' queues end
 * in "-dlq" and their alarms in -failed-invocations, -dead-letters …: these names meet none of them.
 */
export function busDeadLetterQueueName(stackName: string): string {
  return `${stackName}-partner-bus-dead-letters`;
}

export function busDeadLetterAlarmName(stackName: string): string {
  return `${stackName}-partner-bus-dlq`;
}

export function archiveName(stackName: string): string {
  return stackName;
}

export function alarmTopicName(stackName: string): string {
  return `${stackName}-alarms`;
}

/** The reason `name` breaks `rule`, or undefined when it complies. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  if (name.length > rule.maxLength) {
    return `derived ${rule.label} "${name}" is ${name.length} characters; AWS allows at most ${rule.maxLength}`;
  }
  if (!rule.pattern.test(name)) {
    return `derived ${rule.label} "${name}" has characters AWS does not allow there (allowed: ${rule.charset})`;
  }
  return undefined;
}

/**
 * The construct id of a fan-out sink: "Sink" + its name in PascalCase, apart from the stack's own
 * constructs (Archive, Dashboard …). The sink name is its identity: renaming it replaces its resources.
 */
export function fanOutConstructId(sinkName: string): string {
  return `Sink${sinkName.replace(/(^|-)([a-z0-9])/g, (_match, _dash, c: string) => c.toUpperCase())}`;
}
