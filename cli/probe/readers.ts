/**
 * Reading a marker back at a sink, one bounded look at a time:
 * - CloudWatch Logs: FilterLogEvents on the group id (a quoted term); arrival is the entry's
 *   ingestionTime, so the latency is CloudWatch's receipt minus Okta's `published`.
 * - S3 archive: ListObjectsV2 under `<prefix>year=…/month=…/day=…/hour=…/` for each hour since the
 *   marker (Firehose partitions by its own arrival time, UTC), GetObject of each new object, GZIP
 *   JSON lines, searched for the group id; arrival is the object's LastModified (Firehose buffers:
 *   minutes, by design).
 * - Datadog, with DD_API_KEY and DD_APP_KEY: the Logs Search API (POST /api/v2/logs/events/search);
 *   arrival is the look that first found it (an upper bound).
 * - Any other API destination: the rule's metrics since the marker's minute (MatchedEvents,
 *   Invocations, FailedInvocations, InvocationsSentToDlq, InvocationsFailedToBeSentToDlq) and a peek
 *   at its dead-letter queue for the marker. This proves EventBridge invoked the destination without
 *   a failure it knows of — not that the vendor kept the event: the metrics count every event, not
 *   the marker alone.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { gunzipSync } from 'zlib';
import { classify, UnexpectedAnswerError } from '../doctor/errors';
import { Marker, MARKER_EVENT_TYPE } from './marker';
import { ProbeSink } from './sinks';

export type Reading =
  | { readonly state: 'arrived'; readonly atMs: number; readonly how: string }
  /** API destinations without a read-back: invoked, no failure known (seen at `atMs`, an upper bound). */
  | { readonly state: 'invoked'; readonly atMs: number; readonly how: string }
  | { readonly state: 'waiting'; readonly detail: string }
  | { readonly state: 'failed'; readonly detail: string }
  /** The sink could not be read (access denied, …): waiting longer will not help. */
  | { readonly state: 'unreadable'; readonly detail: string; readonly fix: string };

export interface ProbeClients {
  readonly logs: CloudWatchLogsClient;
  readonly s3: S3Client;
  readonly cloudwatch: CloudWatchClient;
  readonly sqs: SQSClient;
  readonly hosts: { readonly logs: string; readonly s3: string; readonly cloudwatch: string; readonly sqs: string };
  readonly timeoutSeconds: number;
  readonly eventBusName: string;
  /** Datadog's Logs Search API, when both keys are given. */
  readonly datadog?: { readonly apiKey: string; readonly appKey: string; readonly origin?: string };
}

/** Errors worth another look (the next poll); anything else ends the wait for that sink. */
const TRANSIENT = new Set(['timeout', 'connection', 'throttled', 'server-error', 'unexpected-answer']);

export class SinkReader {
  /** S3 objects already read (they never change): key → text. */
  /**
   * An archive object's lines that can be a marker (its event type in them), by key: Firehose never
   * rewrites an object, and keeping only these keeps memory small however busy the org (an object
   * may be tens of MiB of events).
   */
  private readonly objects = new Map<string, string[]>();
  private queueUrl?: string;

  constructor(
    readonly sink: ProbeSink,
    private readonly clients: ProbeClients,
  ) {}

  /** One look for the marker; never throws. */
  async read(marker: Marker, nowMs: number): Promise<Reading> {
    const host = this.hostFor();
    try {
      if (this.sink.kind === 'cloudwatch_logs') return await this.readLogs(marker);
      if (this.sink.kind === 's3_archive') return await this.readArchive(marker, nowMs);
      if (this.datadogSite() !== undefined && this.clients.datadog !== undefined) return await this.readDatadog(marker, nowMs);
      return await this.readApiDestination(marker, nowMs);
    } catch (error) {
      const failure = classify(error, host, this.clients.timeoutSeconds);
      if (TRANSIENT.has(failure.kind)) return { state: 'waiting', detail: `last look: ${failure.detail}` };
      return { state: 'unreadable', detail: failure.detail, fix: failure.fix.replace('the doctor\'s read-only IAM policy (docs/operations.md, "Doctor")', 'the probe\'s IAM actions (docs/operations.md, "Probe")') };
    }
  }

  private hostFor(): string {
    if (this.sink.kind === 'cloudwatch_logs') return this.clients.hosts.logs;
    if (this.sink.kind === 's3_archive') return this.clients.hosts.s3;
    const site = this.datadogSite();
    if (site !== undefined && this.clients.datadog !== undefined) return new URL(this.datadogOrigin(site)).host;
    return this.clients.hosts.cloudwatch;
  }

  private async readLogs(marker: Marker): Promise<Reading> {
    let nextToken: string | undefined;
    // FilterLogEvents may answer a page with no events and a token: it searched part of the group.
    for (let page = 0; page < 5; page++) {
      const answer = await this.clients.logs.send(
        new FilterLogEventsCommand({ logGroupName: this.sink.logGroup, startTime: marker.publishedMs - 60_000, filterPattern: `"${marker.groupId}"`, limit: 10, nextToken }),
      );
      const found = (answer.events ?? []).find((e) => (e.message ?? '').includes(marker.groupId));
      if (found !== undefined) return { state: 'arrived', atMs: found.ingestionTime ?? found.timestamp ?? Date.now(), how: `log group ${this.sink.logGroup}, ingested` };
      nextToken = answer.nextToken;
      if (nextToken === undefined) break;
    }
    return { state: 'waiting', detail: `not in log group ${this.sink.logGroup} yet` };
  }

  private async readArchive(marker: Marker, nowMs: number): Promise<Reading> {
    const bucket = this.sink.bucket;
    for (const prefix of hourPrefixes(this.sink.prefix ?? '', marker.publishedMs, nowMs)) {
      let token: string | undefined;
      do {
        const listed = await this.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of listed.Contents ?? []) {
          if (object.Key === undefined) continue;
          // Written before the marker: it cannot hold it.
          if (object.LastModified !== undefined && object.LastModified.getTime() < marker.publishedMs - 60_000) continue;
          let candidates = this.objects.get(object.Key);
          if (candidates === undefined) {
            const got = await this.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
            const bytes = Buffer.from(await got.Body!.transformToByteArray());
            // Firehose compresses (GZIP); an object that is not gzip is read as it is.
            const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
            candidates = text.split('\n').filter((line) => line.includes(MARKER_EVENT_TYPE));
            this.objects.set(object.Key, candidates);
          }
          if (candidates.some((line) => line.includes(marker.groupId))) {
            return { state: 'arrived', atMs: object.LastModified?.getTime() ?? nowMs, how: `s3://${bucket}/${object.Key}, written` };
          }
        }
        token = listed.IsTruncated === true ? listed.NextContinuationToken : undefined;
      } while (token !== undefined);
    }
    return { state: 'waiting', detail: `not in s3://${bucket}/${this.sink.prefix ?? ''} yet (Firehose buffers up to ${this.sink.bufferingIntervalSeconds ?? 300} s)` };
  }

  /** `http-intake.logs.<site>` → `<site>`, for a Datadog sink. */
  private datadogSite(): string | undefined {
    const host = this.sink.endpoint === undefined ? undefined : new URL(this.sink.endpoint).host;
    return host?.startsWith('http-intake.logs.') ? host.slice('http-intake.logs.'.length) : undefined;
  }

  private datadogOrigin(site: string): string {
    return this.clients.datadog?.origin ?? `https://api.${site}`;
  }

  private async readDatadog(marker: Marker, nowMs: number): Promise<Reading> {
    const { apiKey, appKey } = this.clients.datadog!;
    const origin = this.datadogOrigin(this.datadogSite()!);
    // Datadog API reference, Logs → Search logs (POST /api/v2/logs/events/search).
    const response = await fetch(`${origin}/api/v2/logs/events/search`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'DD-API-KEY': apiKey, 'DD-APPLICATION-KEY': appKey },
      body: JSON.stringify({ filter: { query: `"${marker.groupId}"`, from: new Date(marker.publishedMs - 60_000).toISOString(), to: 'now' }, page: { limit: 1 } }),
      signal: AbortSignal.timeout(this.clients.timeoutSeconds * 1000),
    });
    const text = await response.text();
    let body: { data?: unknown[]; errors?: unknown[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new UnexpectedAnswerError(response.status, response.headers.get('content-type') ?? '', `not JSON (${text.length} bytes)`);
    }
    if (response.status === 401 || response.status === 403) {
      return { state: 'unreadable', detail: `Datadog answered ${response.status}: ${(body.errors ?? []).map(String).join('; ') || 'forbidden'}`, fix: 'DD_API_KEY and DD_APP_KEY of the org the sink sends to; the application key needs the logs_read_data scope' };
    }
    if (!response.ok) throw Object.assign(new Error(`Datadog answered ${response.status}`), { $metadata: { httpStatusCode: response.status } });
    if (Array.isArray(body.data) && body.data.length > 0) return { state: 'arrived', atMs: nowMs, how: 'Datadog Logs Search, found' };
    return { state: 'waiting', detail: 'not found by Datadog Logs Search yet' };
  }

  private async readApiDestination(marker: Marker, nowMs: number): Promise<Reading> {
    if (this.sink.deadLetterQueue !== undefined) {
      this.queueUrl ??= (await this.clients.sqs.send(new GetQueueUrlCommand({ QueueName: this.sink.deadLetterQueue }))).QueueUrl;
      // VisibilityTimeout 0: the messages stay visible, as if never received.
      const { Messages = [] } = await this.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
      const dead = Messages.find((m) => (m.Body ?? '').includes(marker.groupId));
      if (dead !== undefined) {
        const code = dead.MessageAttributes?.ERROR_CODE?.StringValue;
        const message = dead.MessageAttributes?.ERROR_MESSAGE?.StringValue;
        return { state: 'failed', detail: `the marker is in dead-letter queue ${this.sink.deadLetterQueue}: ${code ?? 'no code'}: ${message ?? 'no message'}` };
      }
    }
    const start = Math.floor(marker.publishedMs / 60_000) * 60_000;
    const names = ['MatchedEvents', 'Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'InvocationsFailedToBeSentToDlq'] as const;
    const dimensions = [
      { Name: 'EventBusName', Value: this.clients.eventBusName },
      { Name: 'RuleName', Value: this.sink.name },
    ];
    const { MetricDataResults = [] } = await this.clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(Math.max(nowMs, start + 60_000)),
        MetricDataQueries: names.map((metric, i) => ({ Id: `m${i}`, MetricStat: { Metric: { Namespace: 'AWS/Events', MetricName: metric, Dimensions: dimensions }, Period: 60, Stat: 'Sum' } })),
      }),
    );
    const [matched, invocations, failed, toDlq, lost] = names.map((_, i) => (MetricDataResults.find((r) => r.Id === `m${i}`)?.Values ?? []).reduce((sum, v) => sum + v, 0));
    if (lost > 0) return { state: 'failed', detail: `${lost} event(s) lost since the marker: EventBridge could not put them in the dead-letter queue` };
    if (failed > 0 || toDlq > 0) return { state: 'failed', detail: `${failed} failed invocation(s), ${toDlq} to the dead-letter queue since the marker (the doctor's --peek-dlq reads why)` };
    if (matched > 0 && invocations > 0) return { state: 'invoked', atMs: nowMs, how: `rule ${this.sink.name}: ${matched} matched, ${invocations} invoked, none failed since the marker, the marker not in the dead-letter queue` };
    return { state: 'waiting', detail: `rule ${this.sink.name}: ${matched} matched, ${invocations} invoked since the marker` };
  }
}

/** `<prefix>year=YYYY/month=MM/day=DD/hour=HH/` for each UTC hour from the marker's (less a minute) to now. */
export function hourPrefixes(prefix: string, fromMs: number, toMs: number): string[] {
  const hour = 3_600_000;
  const prefixes: string[] = [];
  for (let t = Math.floor((fromMs - 60_000) / hour) * hour; t <= toMs; t += hour) {
    const d = new Date(t);
    const pad = (n: number) => String(n).padStart(2, '0');
    prefixes.push(`${prefix}year=${d.getUTCFullYear()}/month=${pad(d.getUTCMonth() + 1)}/day=${pad(d.getUTCDate())}/hour=${pad(d.getUTCHours())}/`);
  }
  return prefixes;
}
