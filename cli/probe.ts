/**
 * `okta-log-streaming probe`: did a real Okta event reach every sink, and how fast? Per Okta org it
 * makes marker events (cli/probe/marker.ts: an Okta group created and deleted at once), then waits
 * for each at every sink of every stack (or those named with --stack) and reads it back where the
 * sink can be read (cli/probe/readers.ts). A sink whose rule's pattern excludes the marker is
 * "filtered out by design". Flags: cli/commands.ts.
 *
 * Exit 0 every sink has every marker (or filtered it out by design), 2 a sink failed or the wait
 * timed out, 1 the probe could not run (credentials, Okta, a sink it cannot read).
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Values } from './args';
import type { Context } from './command';
import { missingAwsCredentials } from './credentials';
import { endpointOf, hostOf, oktaOrigin } from './doctor';
import { classify } from './doctor/errors';
import { missingOktaCredentials, OktaClient, OktaRequestError, oktaCredentials } from './doctor/okta-checks';
import { matches } from './event-pattern';
import { createMarker, deleteGroup, InterruptedError, leftoverGroups, Marker, MARKER_EVENT_TYPE, sleep } from './probe/marker';
import { ProbeClients, Reading, SinkReader } from './probe/readers';
import { ProbeSink, ProbeStack, probeStack } from './probe/sinks';
import { pipelineStacks, synthesizeUnlessAsked } from './terraform';

/** What the probe asks Okta for with a service app (OKTA_API_SCOPES overrides it). */
export const PROBE_SCOPES = 'okta.groups.manage okta.logs.read okta.logStreams.read';

export interface ProbeArgs {
  readonly stacks?: readonly string[];
  readonly count: number;
  /** @default - per sink kind: DEFAULT_TIMEOUT_MINUTES */
  readonly timeoutMinutes?: number;
  /** First wait between looks; it grows 1.5 times per look, to 60 s at most. @default 5 */
  readonly pollSeconds: number;
  readonly json: boolean;
  readonly instanceMetadata: boolean;
  /** Each request's bound. @default 10 */
  readonly timeoutSeconds: number;
}

export function probeArgs(values: Values): ProbeArgs {
  return {
    stacks: values.stack as string[] | undefined,
    count: (values.count as number | undefined) ?? 1,
    timeoutMinutes: values['timeout-minutes'] as number | undefined,
    pollSeconds: (values['poll-seconds'] as number | undefined) ?? 5,
    json: values.json === true,
    instanceMetadata: values['instance-metadata'] === true,
    timeoutSeconds: (values['timeout-seconds'] as number | undefined) ?? 10,
  };
}

/** How long each kind of sink is waited for without --timeout-minutes. */
export function defaultTimeoutMinutes(sink: ProbeSink): number {
  // Firehose delivers when its buffer is full or its interval has passed, then S3 has the object.
  if (sink.kind === 's3_archive') return Math.ceil((sink.bufferingIntervalSeconds ?? 300) / 60) + 5;
  return sink.kind === 'cloudwatch_logs' ? 5 : 10;
}

export type Result = 'arrived' | 'invoked' | 'filtered-out' | 'not-yet' | 'failed' | 'unreadable';

export interface SinkResult {
  readonly sink: string;
  readonly kind: ProbeSink['kind'];
  readonly result: Result;
  /** Seconds from each marker's `published` to its arrival, for those that arrived. */
  readonly latenciesSeconds: readonly number[];
  readonly medianSeconds?: number;
  readonly slowestSeconds?: number;
  readonly detail: string;
  readonly fix?: string;
}

const KIND: Record<ProbeSink['kind'], string> = { cloudwatch_logs: 'CloudWatch Logs', s3_archive: 'S3 archive', api_destination: 'API destination' };
const SYMBOL: Record<Result, string> = { arrived: '✓', invoked: '✓', 'filtered-out': '–', 'not-yet': '✗', failed: '✗', unreadable: '?' };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

/** The marker as EventBridge delivers it from the partner bus (the envelope the rules match). */
function envelope(stack: ProbeStack, marker: Marker): Parameters<typeof matches>[1] {
  const aws = stack.facts.aws!;
  return JSON.parse(
    JSON.stringify({ version: '0', id: randomUUID(), 'detail-type': 'SystemLog', source: aws.eventBusName, account: aws.accountId, time: marker.event.published, region: aws.region, resources: [], detail: marker.event }),
  ) as Parameters<typeof matches>[1];
}

function awsClients(stack: ProbeStack, args: ProbeArgs, env: NodeJS.ProcessEnv): ProbeClients {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CloudWatchLogsClient } = require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs');
  const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  const { CloudWatchClient } = require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch');
  const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const region = stack.facts.aws!.region;
  const ms = args.timeoutSeconds * 1000;
  const config = (sdkId: string) => ({
    region,
    endpoint: endpointOf(sdkId, env),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true },
  });
  const apiKey = env.DD_API_KEY || undefined;
  const appKey = env.DD_APP_KEY || undefined;
  return {
    logs: new CloudWatchLogsClient(config('CLOUDWATCH_LOGS')),
    // An endpoint override (a proxy, the tests' server) takes bucket names in the path.
    s3: new S3Client({ ...config('S3'), forcePathStyle: endpointOf('S3', env) !== undefined }),
    cloudwatch: new CloudWatchClient(config('CLOUDWATCH')),
    sqs: new SQSClient(config('SQS')),
    hosts: { logs: hostOf('logs', 'CLOUDWATCH_LOGS', region, env), s3: hostOf('s3', 'S3', region, env), cloudwatch: hostOf('monitoring', 'CLOUDWATCH', region, env), sqs: hostOf('sqs', 'SQS', region, env) },
    timeoutSeconds: args.timeoutSeconds,
    eventBusName: stack.facts.aws!.eventBusName,
    datadog: apiKey !== undefined && appKey !== undefined ? { apiKey, appKey, origin: env.OKTA_LOG_STREAMING_DATADOG_ORIGIN || undefined } : undefined,
  };
}

/**
 * Whose credentials these are, before anything is made in Okta: a sink read in another account
 * (the same names, someone else's resources) would only ever say "not yet".
 */
async function accountProblem(stack: ProbeStack, args: ProbeArgs, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GetCallerIdentityCommand, STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const aws = stack.facts.aws!;
  const ms = args.timeoutSeconds * 1000;
  const sts = new STSClient({ region: aws.region, endpoint: endpointOf('STS', env), maxAttempts: 2, requestHandler: { connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true } });
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    return Account === aws.accountId ? undefined : `the AWS credentials are for account ${Account}, the stack is in ${aws.accountId} → use credentials for ${aws.accountId}`;
  } catch (error) {
    const { detail, fix } = classify(error, hostOf('sts', 'STS', aws.region, env), args.timeoutSeconds);
    return `whose AWS credentials these are could not be read (STS GetCallerIdentity): ${detail} → ${fix}`;
  } finally {
    sts.destroy();
  }
}

/** Waits for every marker at every sink of one stack, each sink until its own deadline. */
async function waitForSinks(stack: ProbeStack, markers: readonly Marker[], clients: ProbeClients, args: ProbeArgs, signal: AbortSignal, progress: (line: string) => void): Promise<SinkResult[]> {
  const started = Date.now();
  interface Pending {
    readonly sink: ProbeSink;
    readonly reader: SinkReader;
    readonly deadline: number;
    readonly readings: Map<string, Reading>;
    readonly filtered: boolean;
  }
  const pending: Pending[] = stack.sinks.map((sink) => ({
    sink,
    reader: new SinkReader(sink, clients),
    deadline: started + (args.timeoutMinutes ?? defaultTimeoutMinutes(sink)) * 60_000,
    readings: new Map(),
    filtered: markers.every((m) => !matches(sink.pattern, envelope(stack, m))),
  }));
  const settled = (p: Pending, m: Marker) => {
    const state = p.readings.get(m.groupId)?.state;
    return state !== undefined && state !== 'waiting';
  };
  const open = () => pending.filter((p) => !p.filtered && Date.now() < p.deadline && markers.some((m) => !settled(p, m)));
  let interval = args.pollSeconds * 1000;
  for (let look = open(); look.length > 0; look = open()) {
    await Promise.all(
      look.flatMap((p) =>
        markers
          .filter((m) => !settled(p, m))
          .map(async (m) => {
            const reading = await p.reader.read(m, Date.now());
            p.readings.set(m.groupId, reading);
            if (reading.state !== 'waiting') progress(`${stack.facts.stack}: ${p.sink.name}: ${reading.state}`);
          }),
      ),
    );
    const next = open();
    if (next.length === 0) break;
    const until = Math.min(...next.map((p) => p.deadline));
    await sleep(Math.max(0, Math.min(interval, until - Date.now())), signal);
    interval = Math.min(interval * 1.5, 60_000);
  }
  return pending.map((p) => resultOf(p.sink, markers, p.readings, p.filtered, args.timeoutMinutes ?? defaultTimeoutMinutes(p.sink)));
}

function resultOf(sink: ProbeSink, markers: readonly Marker[], readings: Map<string, Reading>, filtered: boolean, minutes: number): SinkResult {
  const base = { sink: sink.name, kind: sink.kind };
  if (filtered) return { ...base, result: 'filtered-out', latenciesSeconds: [], detail: `filtered out by design: the rule's pattern does not match ${MARKER_EVENT_TYPE}` };
  const all = markers.map((m) => ({ marker: m, reading: readings.get(m.groupId) }));
  const failed = all.find((r) => r.reading?.state === 'failed');
  if (failed !== undefined && failed.reading?.state === 'failed') return { ...base, result: 'failed', latenciesSeconds: [], detail: failed.reading.detail };
  const unreadable = all.find((r) => r.reading?.state === 'unreadable');
  if (unreadable !== undefined && unreadable.reading?.state === 'unreadable') return { ...base, result: 'unreadable', latenciesSeconds: [], detail: unreadable.reading.detail, fix: unreadable.reading.fix };
  const arrived = all.flatMap(({ marker, reading }) => (reading?.state === 'arrived' || reading?.state === 'invoked' ? [{ seconds: round((reading.atMs - marker.publishedMs) / 1000), reading }] : []));
  const latenciesSeconds = arrived.map((a) => a.seconds);
  const stats = latenciesSeconds.length === 0 ? {} : { medianSeconds: round(median(latenciesSeconds)), slowestSeconds: Math.max(...latenciesSeconds) };
  if (arrived.length < markers.length) {
    const waiting = all.find((r) => r.reading === undefined || r.reading.state === 'waiting')?.reading;
    const why = waiting?.state === 'waiting' ? waiting.detail : 'not looked at';
    return { ...base, result: 'not-yet', latenciesSeconds, ...stats, detail: `not yet after ${minutes} min${markers.length > 1 ? ` (${arrived.length}/${markers.length} arrived)` : ''}: ${why}` };
  }
  const invoked = arrived.some((a) => a.reading.state === 'invoked');
  const timing = markers.length === 1 ? `in ${latenciesSeconds[0]} s` : `${markers.length}/${markers.length}: median ${stats.medianSeconds} s, slowest ${stats.slowestSeconds} s`;
  return invoked
    ? { ...base, result: 'invoked', latenciesSeconds, ...stats, detail: `invoked, seen ${timing} (an upper bound): ${arrived[0].reading.how}; EventBridge's metrics, not the vendor's word` }
    : { ...base, result: 'arrived', latenciesSeconds, ...stats, detail: `arrived ${timing} (${arrived[0].reading.how})` };
}

function sinkLine(r: SinkResult): string {
  return `  ${SYMBOL[r.result]} ${r.sink} (${KIND[r.kind]}): ${r.detail}${r.fix === undefined ? '' : ` → ${r.fix}`}`;
}

export function exitCode(results: readonly SinkResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.result === 'failed' || r.result === 'not-yet')) return 2;
  return results.some((r) => r.result === 'unreadable') ? 1 : 0;
}

function oktaProblem(error: unknown, origin: string, timeoutSeconds: number): string {
  if (error instanceof OktaRequestError) {
    if (error.status === 403) return `${error.message} → the probe needs okta.groups.manage (to make the marker group) and okta.logs.read (to read its event) for the token's admin or the service app (docs/operations.md, "Probe")`;
    if (error.status === 401) return `${error.message} → a valid OKTA_API_TOKEN, or the service app's key (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY)`;
    return error.message;
  }
  if (error instanceof InterruptedError) return 'interrupted';
  const { detail, fix } = classify(error, new URL(origin).host, timeoutSeconds);
  return `${detail} → ${fix}`;
}

export async function runProbe({ values, env, output }: Context): Promise<number> {
  const args = probeArgs(values);
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  const problem = (line: string) => output.err(`okta-log-streaming: probe: ${line}`);
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  let stacks: ProbeStack[];
  try {
    stacks = pipelineStacks(outdir, args.stacks).map((s) => probeStack(s.name, JSON.parse(fs.readFileSync(path.join(s.dir, 'cdk.tf.json'), 'utf8'))));
  } catch (error) {
    problem((error as Error).message);
    return 1;
  }
  for (const s of stacks.filter((s) => s.sinks.length === 0)) problem(`${s.facts.stack}: no sink in this AWS account to read back (Okta streams it elsewhere): skipped`);
  stacks = stacks.filter((s) => s.sinks.length > 0);
  if (stacks.length === 0) {
    problem(`no stack in ${outdir} has a sink the probe can read`);
    return 1;
  }
  // Everything missing, at once, before any request.
  const credentials = oktaCredentials(env);
  const missing = [...missingOktaCredentials(credentials).map((m) => m.replace('scope okta.logStreams.read', `scopes ${PROBE_SCOPES}`)), ...missingAwsCredentials(env, args.instanceMetadata)];
  if ((env.DD_API_KEY ?? '') !== '' && (env.DD_APP_KEY ?? '') === '') missing.push('DD_APP_KEY (a Datadog application key with logs_read_data, for the Logs Search API; DD_API_KEY is set)');
  if ((env.DD_APP_KEY ?? '') !== '' && (env.DD_API_KEY ?? '') === '') missing.push('DD_API_KEY (the Datadog API key of the org the sink sends to; DD_APP_KEY is set)');
  if (missing.length > 0) {
    problem(`nothing was run; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    return 1;
  }
  if (!args.instanceMetadata) process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  for (const stack of stacks) {
    const wrong = await accountProblem(stack, args, env);
    if (wrong !== undefined) {
      problem(`${stack.facts.stack}: ${wrong}; nothing was made in Okta`);
      return 1;
    }
  }

  // An interrupt (Ctrl-C, a cancelled job) ends the wait; the groups are deleted whatever happens.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const groups: { client: OktaClient; id: string }[] = [];
  const cleanUp = async () => {
    for (const group of groups.splice(0)) {
      try {
        await deleteGroup(group.client, group.id);
        output.err(`okta-log-streaming: probe: deleted marker group ${group.id}`);
      } catch (error) {
        problem(`could not delete marker group ${group.id}: ${oktaProblem(error, group.client.origin, args.timeoutSeconds)}; delete it in the Admin Console (Directory → Groups)`);
      }
    }
  };
  try {
    const markersByOrigin = new Map<string, Marker[]>();
    const results: { stack: string; sinks: SinkResult[] }[] = [];
    for (const stack of stacks) {
      const origin = oktaOrigin(stack.facts, env);
      const client = new OktaClient(origin, credentials, args.timeoutSeconds, PROBE_SCOPES);
      let markers = markersByOrigin.get(origin);
      try {
        // An INACTIVE stream delivers nothing: every sink fails for that reason, no marker is needed.
        const stream = (await client.logStreams()).find((s) => s.name === stack.facts.stream.name);
        if (stream === undefined || stream.status !== 'ACTIVE') {
          const why = stream === undefined ? `the Okta log stream ${stack.facts.stream.name} does not exist` : `the Okta log stream ${stack.facts.stream.name} is ${stream.status}`;
          results.push({ stack: stack.facts.stack, sinks: stack.sinks.map((s) => ({ sink: s.name, kind: s.kind, result: 'failed', latenciesSeconds: [], detail: `${why}: nothing reaches the sinks (okta-log-streaming doctor says what to do)` })) });
          continue;
        }
        if (markers === undefined) {
          for (const leftover of await leftoverGroups(client)) {
            await deleteGroup(client, leftover.id);
            output.err(`okta-log-streaming: probe: deleted marker group ${leftover.id} (${leftover.name}), left by an earlier run`);
          }
          markers = [];
          for (let i = 0; i < args.count; i++) {
            output.err(`okta-log-streaming: probe: ${stack.facts.stack}: making marker ${i + 1} of ${args.count} in ${new URL(origin).host}…`);
            try {
              markers.push(await createMarker(client, { signal: controller.signal, pollSeconds: Math.min(args.pollSeconds, 2), onGroup: (id) => groups.push({ client, id }) }));
            } finally {
              await cleanUp();
            }
          }
          markersByOrigin.set(origin, markers);
        }
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        problem(`${stack.facts.stack}: no marker: ${oktaProblem(error, origin, args.timeoutSeconds)}`);
        return 1;
      }
      output.err(`okta-log-streaming: probe: ${stack.facts.stack}: waiting for ${markers.length} marker(s) at ${stack.sinks.length} sink(s)…`);
      const sinks = await waitForSinks(stack, markers, awsClients(stack, args, env), args, controller.signal, (line) => output.err(`okta-log-streaming: probe: ${line}`));
      results.push({ stack: stack.facts.stack, sinks });
    }
    const all = results.flatMap((r) => r.sinks);
    const count = (...kinds: Result[]) => all.filter((r) => kinds.includes(r.result)).length;
    const code = exitCode(all);
    const status = (['arrived', 'unreadable', 'failed'] as const)[code];
    if (args.json) {
      output.out(JSON.stringify({ status, markers: [...markersByOrigin].map(([origin, ms]) => ms.map((m) => ({ org: new URL(origin).host, group: m.groupName, groupId: m.groupId, uuid: m.event.uuid, published: m.event.published }))).flat(), stacks: results }, null, 2));
    } else {
      for (const r of results) {
        output.out(r.stack);
        r.sinks.forEach((s) => output.out(sinkLine(s)));
      }
      output.out(`okta-log-streaming: probe: ${status} (${count('arrived', 'invoked')} arrived, ${count('filtered-out')} filtered out, ${count('not-yet')} not yet, ${count('failed')} failed, ${count('unreadable')} not readable, of ${all.length} sink${all.length === 1 ? '' : 's'})`);
    }
    return code;
  } catch (error) {
    if (error instanceof InterruptedError) {
      problem('interrupted: the marker groups are deleted; nothing was concluded');
      return 1;
    }
    throw error;
  } finally {
    await cleanUp();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
