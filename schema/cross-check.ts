/**
 * Rules that span fields, stacks or orgs. They run on the raw input, defensively, so they report
 * alongside field problems instead of after them: all problems at once.
 */
import { Config, StackConfig, oktaSchema, stackSchema } from './config';
import { NAME_RULES, NameRule, alarmTopicName, archiveName, deadLetterQueueName, nameProblem, partnerEventSourceName, sinkResourceName } from './names';
import { keyRegionProblems } from './key-regions';
import { Problem } from './problem';
import { fanOutConstructId } from './names';
import { isOktaOnlySinkType, sinkDeclaration } from './sinks/index';
import { missingStackKeys } from './stack-keys';

/** Stack id of the state bucket bootstrap stack (stacks/state-bucket-stack.ts). */
export const STATE_BUCKET_STACK = 'okta-log-streaming-state';

/** Okta's limit: "You can configure up to two log stream integrations per org". */
export const MAX_STREAMS_PER_OKTA_ORG = 2;

interface RawStack {
  readonly index: number;
  readonly path: string;
  readonly entry: Record<string, unknown>;
  readonly name?: string;
  /** The event source name the stream uses (`integration_id` for Oort). */
  readonly eventSourceName?: string;
  /** The org name when it is valid on its own (derived names are checked only from valid parts). */
  readonly orgName?: string;
  /** The org's identity, `<org_name>.<base_url>`, when both are known. */
  readonly org?: string;
  readonly sinkType?: string;
  /** The sink field Okta sends as the event source name (Oort's integration_id), if the sink has one. */
  readonly eventSourceNameField?: string;
  /** An Okta-only sink whose stream has no event source at all (Splunk Cloud). */
  readonly noEventSource: boolean;
  readonly fanOutSinks: readonly Record<string, unknown>[];
}

export function crossCheck(raw: unknown): Problem[] {
  if (!isRecord(raw) || !Array.isArray(raw.stacks)) return [];
  const stacks = raw.stacks.map((stack, index) => describeStack(raw, stack, index));
  return [
    ...stacks.flatMap(shapeProblems),
    ...uniqueStackNames(stacks, isRecord(raw.backend) && raw.backend.bootstrap === true),
    ...uniqueEventSources(stacks),
    ...streamsPerOrg(stacks),
    ...stacks.flatMap(uniqueSinkNames),
    ...stacks.flatMap(adoptionProblems),
    ...duplicates(stacks, (s) => (isRecord(s.entry.adopt) ? stringOrUndefined(s.entry.adopt.okta_log_stream_id) : undefined)).map(([stack, first]) => ({
      path: `${stack.path}.adopt.okta_log_stream_id`,
      message: `got "${String((stack.entry.adopt as Record<string, unknown>).okta_log_stream_id)}"; stacks[${first.index}] adopts that stream too: a stream belongs to one stack`,
    })),
    ...stacks.flatMap(derivedNameProblems),
    ...keyRegionProblems(raw),
    ...ciProblems(raw),
  ];
}

/**
 * `ci` roles are made by the bootstrap stack, in the top-level account: every stack they deploy must
 * be there too (a role cannot create resources in another account).
 */
function ciProblems(raw: Record<string, unknown>): Problem[] {
  if (!isRecord(raw.ci)) return [];
  const backend = isRecord(raw.backend) ? raw.backend : {};
  if (backend.type !== 's3' || backend.bootstrap !== true) {
    return [{ path: 'ci', message: 'needs backend.type: s3 with bootstrap: true: the bootstrap stack (okta-log-streaming-state) creates the pipeline roles' }];
  }
  const account = isRecord(raw.aws) ? stringOrUndefined(raw.aws.account_id) : undefined;
  return (Array.isArray(raw.stacks) ? raw.stacks : []).flatMap((stack, index) => {
    const own = isRecord(stack) && isRecord(stack.aws) ? stringOrUndefined(stack.aws.account_id) : undefined;
    return own !== undefined && account !== undefined && own !== account
      ? [{ path: `stacks[${index}].aws.account_id`, message: `got "${own}"; with ci, every stack is deployed by roles in aws.account_id (${account}): deploy this account's stacks from a config of their own` }]
      : [];
  });
}

/** Rules that need defaults applied, so they run on a config that parsed. */
export function checkParsed(config: Config): Problem[] {
  return secretVariableClashes(config.stacks);
}

function describeStack(raw: Record<string, unknown>, stack: unknown, index: number): RawStack {
  const entry = isRecord(stack) ? stack : {};
  const okta = { ...(isRecord(raw.okta) ? raw.okta : {}), ...(isRecord(entry.okta) ? entry.okta : {}) };
  const orgName = stringOrUndefined(okta.org_name);
  const baseUrl = okta.base_url === undefined ? 'okta.com' : stringOrUndefined(okta.base_url);
  const sink = isRecord(entry.sink) ? entry.sink : undefined;
  const sinkType = stringOrUndefined(sink?.type);
  const declared = sinkDeclaration(sinkType);
  const eventSourceNameField = declared?.kind === 'okta_only' ? declared.eventSourceNameField : undefined;
  return {
    index,
    path: `stacks[${index}]`,
    entry,
    name: stringOrUndefined(entry.name),
    eventSourceName: eventSourceNameField !== undefined ? stringOrUndefined(sink?.[eventSourceNameField]) : stringOrUndefined(entry.event_source_name),
    orgName: oktaSchema.shape.org_name.safeParse(orgName).success ? orgName : undefined,
    org: orgName !== undefined && baseUrl !== undefined ? `${orgName}.${baseUrl}` : undefined,
    sinkType,
    eventSourceNameField,
    noEventSource: declared?.kind === 'okta_only' && declared.eventSourceNameField === undefined,
    fanOutSinks: Array.isArray(entry.sinks) ? entry.sinks.filter(isRecord) : [],
  };
}

/** Adoption that cannot work: a target without its rule, a partner bus where there is none. */
function adoptionProblems(stack: RawStack): Problem[] {
  const problems: Problem[] = [];
  const sinks = [
    ...(isRecord(stack.entry.sink) ? [{ path: `${stack.path}.sink`, sink: stack.entry.sink }] : []),
    ...stack.fanOutSinks.map((sink, index) => ({ path: `${stack.path}.sinks[${index}]`, sink })),
  ];
  for (const { path, sink } of sinks) {
    if (isRecord(sink.adopt) && sink.adopt.target_id !== undefined && sink.adopt.rule_name === undefined) {
      problems.push({ path: `${path}.adopt.target_id`, message: 'needs adopt.rule_name: a target belongs to its rule, so adopt the rule too' });
    }
  }
  const oktaOnly = isOktaOnlySinkType(stack.sinkType);
  if (oktaOnly && isRecord(stack.entry.adopt) && stack.entry.adopt.partner_event_bus !== undefined) {
    problems.push({ path: `${stack.path}.adopt.partner_event_bus`, message: `is not used by a ${stack.sinkType} sink (no partner bus in your account): remove it` });
  }
  return problems;
}

/** Exactly one of sink/sinks, and the stream fields that fit the sink. */
function shapeProblems(stack: RawStack): Problem[] {
  const { entry, path } = stack;
  const hasSink = entry.sink !== undefined;
  const hasSinks = entry.sinks !== undefined;
  if (hasSink === hasSinks) {
    return [
      {
        path,
        message: `${hasSink ? 'has both sink and sinks' : 'has neither sink nor sinks'}; give sink (a stack with one sink) or sinks (fan-out: several sinks sharing one stream)`,
      },
    ];
  }
  const declared = sinkDeclaration(stack.sinkType);
  const problems: Problem[] = missingStackKeys(entry, path, stack.sinkType);
  if (declared?.kind === 'okta_only') {
    const instead = declared.withoutPartnerBus;
    for (const key of ['event_source_name', 'partner_source_wait_seconds', 'archive_retention_days', 'alarms', 'encryption', 'bus_logging']) {
      if (entry[key] !== undefined) {
        problems.push({ path: `${path}.${key}`, message: `is not used by a ${stack.sinkType} sink (no partner bus in your account; ${instead}): remove it` });
      }
    }
    if (entry.filter !== undefined) problems.push({ path: `${path}.filter`, message: oktaOnlyFilterMessage(String(stack.sinkType)) });
  }
  return problems;
}

/** Why an Okta-only stream takes no filter: filters are EventBridge rule patterns. */
export function oktaOnlyFilterMessage(sinkType: string): string {
  const a = /^[aeiou]/.test(sinkType) ? 'an' : 'a';
  return `is not used by ${a} ${sinkType} sink: a filter is compiled into an EventBridge rule, and ${a} ${sinkType} stream goes from Okta straight to its destination (no rule in your account), while Okta cannot filter what it streams: remove it, or send the events through an EventBridge sink`;
}

function uniqueStackNames(stacks: readonly RawStack[], bootstrap: boolean): Problem[] {
  const reserved = bootstrap
    ? stacks
        .filter((s) => s.name === STATE_BUCKET_STACK)
        .map((s) => ({ path: `${s.path}.name`, message: `got "${s.name}"; that is the state bucket stack's name while backend.bootstrap is true: choose another` }))
    : [];
  return [
    ...reserved,
    ...duplicates(stacks, (s) => s.name).map(([stack, first]) => ({
      path: `${stack.path}.name`,
      message: `got "${stack.name}"; stack names must be unique (stacks[${first.index}] has it too)`,
    })),
  ];
}

function uniqueEventSources(stacks: readonly RawStack[]): Problem[] {
  const key = (s: RawStack) => (s.org !== undefined && s.eventSourceName !== undefined ? `${s.org}/${s.eventSourceName}` : undefined);
  return duplicates(stacks, key).map(([stack, first]) => ({
    path: stack.eventSourceNameField !== undefined ? `${stack.path}.sink.${stack.eventSourceNameField}` : `${stack.path}.event_source_name`,
    message: `got "${stack.eventSourceName}"; event source names must be unique per Okta org (stacks[${first.index}] streams ${stack.org} under it too)`,
  }));
}

/** Each stack is one stream; Okta allows two per org. */
function streamsPerOrg(stacks: readonly RawStack[]): Problem[] {
  const byOrg = new Map<string, RawStack[]>();
  for (const stack of stacks) if (stack.org !== undefined) byOrg.set(stack.org, [...(byOrg.get(stack.org) ?? []), stack]);
  return [...byOrg]
    .filter(([, streams]) => streams.length > MAX_STREAMS_PER_OKTA_ORG)
    .map(([org, streams]) => ({
      path: 'stacks',
      message:
        `Okta org ${org} would get ${streams.length} log streams (stacks ${streams.map((s) => s.name ?? s.path).join(', ')}); ` +
        `Okta allows at most ${MAX_STREAMS_PER_OKTA_ORG} per org. Put the AWS-side sinks into one stack's sinks list ` +
        '(fan-out: one stream and partner bus, one rule per sink), or point a stack at another org',
    }));
}

function uniqueSinkNames(stack: RawStack): Problem[] {
  const sinks = stack.fanOutSinks.map((sink, index) => ({ sink, index }));
  const sameName = duplicates(sinks, (s) => stringOrUndefined(s.sink.name)).map(([{ sink, index }, first]) => ({
    path: `${stack.path}.sinks[${index}].name`,
    message: `got "${String(sink.name)}"; sink names must be unique within a stack (sinks[${first.index}] has it too)`,
  }));
  if (sameName.length > 0) return sameName;
  // Each sink owns the construct ids <Id>, <Id>Rule and <Id>Alarms: "a" and "a-rule" would share one.
  const owners = new Map<string, number>();
  const problems: Problem[] = [];
  for (const { sink, index } of sinks) {
    if (typeof sink.name !== 'string') continue;
    const id = fanOutConstructId(sink.name);
    for (const owned of [id, `${id}Rule`, `${id}Alarms`]) {
      const first = owners.get(owned);
      if (first !== undefined && first !== index) {
        problems.push({ path: `${stack.path}.sinks[${index}].name`, message: `got "${sink.name}"; it clashes with sinks[${first}]'s resource names (${owned}): rename one of them` });
      }
      owners.set(owned, index);
    }
  }
  return problems;
}

/**
 * One variable may feed several sinks of one vendor, but not two kinds of secret: that is a copy-paste
 * slip. Across stacks too: every stack's `TF_VAR_<name>` comes from one pipeline environment.
 */
function secretVariableClashes(stacks: readonly StackConfig[]): Problem[] {
  const uses = secretVariableUses(stacks).map((use) => ({ ...use, kind: `${use.sinkType}.${use.field}` }));
  const problems: Problem[] = [];
  const first = new Map<string, (typeof uses)[number]>();
  for (const use of uses) {
    const earlier = first.get(use.variable);
    if (earlier === undefined) first.set(use.variable, use);
    else if (earlier.kind !== use.kind) {
      problems.push({ path: use.path, message: `got "${use.variable}"; ${earlier.path} names that variable for another secret: give each secret its own variable` });
    }
  }
  return problems;
}

export interface SecretVariableUse {
  /** The stack entry's name. */
  readonly stack: string;
  /** The sink's path in the config, e.g. `stacks[0].sinks[1]`. */
  readonly sinkPath: string;
  readonly sinkType: string;
  /** Path of the `*_variable` field, e.g. `stacks[0].sink.auth.value_variable`. */
  readonly path: string;
  readonly field: string;
  readonly variable: string;
}

/** Every secret variable a (parsed, defaults applied) config's sinks name, with where. */
export function secretVariableUses(stacks: readonly StackConfig[]): SecretVariableUse[] {
  return stacks.flatMap((stack, stackIndex) => {
    const path = `stacks[${stackIndex}]`;
    const sinks: { path: string; sink: Record<string, unknown> }[] = [
      ...(stack.sink === undefined ? [] : [{ path: `${path}.sink`, sink: stack.sink }]),
      ...(stack.sinks ?? []).map((sink, index) => ({ path: `${path}.sinks[${index}]`, sink })),
    ];
    return sinks.flatMap(({ path: sinkPath, sink }) =>
      variableFields(sink, sinkPath).map((use) => ({ ...use, stack: stack.name, sinkPath, sinkType: String(sink.type) })),
    );
  });
}

/** Every `*_variable` field of a sink (and of its auth), with its path. */
function variableFields(sink: Record<string, unknown>, path: string): { path: string; field: string; variable: string }[] {
  const own = Object.entries(sink)
    .filter(([key, value]) => key.endsWith('_variable') && typeof value === 'string')
    .map(([key, value]) => ({ path: `${path}.${key}`, field: key, variable: value as string }));
  return isRecord(sink.auth) ? [...own, ...variableFields(sink.auth, `${path}.auth`)] : own;
}

/** Names built from fields that are each valid can still break AWS's rules together. */
function derivedNameProblems(stack: RawStack): Problem[] {
  const problems: Problem[] = [];
  if (stack.name !== undefined && stackSchema.shape.name.safeParse(stack.name).success) {
    const sinkNames = stack.fanOutSinks.length > 0 ? stack.fanOutSinks.map((s) => stringOrUndefined(s.name)) : [undefined];
    for (const sinkName of sinkNames) {
      const resourceName = sinkResourceName(stack.name, sinkName);
      const names: [string, NameRule][] = [
        [resourceName, NAME_RULES.rule],
        [resourceName, NAME_RULES.connection],
        [resourceName, NAME_RULES.apiDestination],
        [resourceName, NAME_RULES.targetId],
        [deadLetterQueueName(resourceName), NAME_RULES.deadLetterQueue],
      ];
      for (const [name, rule] of names) {
        const problem = nameProblem(name, rule);
        if (problem !== undefined) problems.push({ path: `${stack.path}.name`, message: `${problem}: shorten the stack or sink name` });
      }
    }
    for (const [name, rule] of [
      [archiveName(stack.name), NAME_RULES.archive],
      [alarmTopicName(stack.name), NAME_RULES.snsTopic],
    ] as const) {
      const problem = nameProblem(name, rule);
      if (problem !== undefined) problems.push({ path: `${stack.path}.name`, message: `${problem}: shorten the stack name` });
    }
  }
  const eventSourceValid = stack.eventSourceName !== undefined && stackSchema.shape.event_source_name.safeParse(stack.eventSourceName).success;
  if (stack.orgName !== undefined && eventSourceValid && !stack.noEventSource) {
    const problem = nameProblem(partnerEventSourceName(stack.orgName, stack.eventSourceName as string), NAME_RULES.partnerEventBus);
    if (problem !== undefined) problems.push({ path: `${stack.path}.event_source_name`, message: problem });
  }
  return problems;
}

/** Each later item whose key an earlier one has, paired with that earlier one. */
function duplicates<T>(items: readonly T[], key: (item: T) => string | undefined): [T, T][] {
  const first = new Map<string, T>();
  const pairs: [T, T][] = [];
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, item);
    else pairs.push([item, earlier]);
  }
  return pairs;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
