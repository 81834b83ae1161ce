/**
 * okta-log-streaming probe against a local server on 127.0.0.1 that answers as the Okta Groups, System
 * Log and Log Streaming APIs, CloudWatch Logs (JSON 1.1), S3 (REST: ListObjectsV2, GetObject of a
 * GZIP JSON-lines object as Firehose writes the archive), CloudWatch and SQS (JSON 1.0) and Datadog's
 * Logs Search API document, with the real AWS SDK clients and fetch: arrival, latency arithmetic,
 * timeout, filtered out, a dead letter, an INACTIVE stream, a missing Okta scope, missing
 * credentials, and the group deleted after an interrupt. Nothing leaves loopback.
 */
import { spawn } from 'child_process';
import { createHash, createVerify, generateKeyPairSync, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { main } from '../../main';
import { run as tool } from '../../cli/okta-log-streaming';
import { hourPrefixes } from '../../cli/probe/readers';
import { probeStack } from '../../cli/probe/sinks';
import { median } from '../../cli/probe';

const root = path.join(__dirname, '..', '..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
const BUS = 'aws.partner/okta.com/acme/okta_all';
const BUCKET = 'acme-okta-system-log-archive';

interface Group {
  readonly id: string;
  readonly name: string;
  readonly publishedMs: number;
  readonly index: number;
  deleted: boolean;
}

/** What the fake APIs answer; each test changes what it needs. */
interface World {
  streamStatus: string;
  /** Seconds from `published` to CloudWatch Logs ingestion, per marker (in creation order). */
  logLatencies: number[];
  /** Seconds from `published` to the archive object's LastModified; undefined: Firehose has not delivered. */
  archiveLatency?: number;
  /** The Okta System Log never shows the create event (the probe keeps looking). */
  withholdEvent?: boolean;
  /** Okta refuses group creation: the token lacks okta.groups.manage. */
  groupsForbidden?: boolean;
  /** Dead-letter queue that holds the marker, with EventBridge's error attributes. */
  deadLetterIn?: string;
  metrics: Record<string, number>;
  /** What Datadog's search finds. */
  datadogFinds: boolean;
  /** Okta never answers group creation (a hung proxy). */
  oktaHangs?: boolean;
  /** CloudWatch Logs throttles every FilterLogEvents. */
  logsThrottled?: boolean;
  /** The account the AWS credentials belong to (STS GetCallerIdentity). */
  account: string;
  /** Datadog's first answers: a load balancer's HTML 502 page, this many times. */
  datadogBadGateways?: number;
}

const healthy = (): World => ({
  streamStatus: 'ACTIVE',
  logLatencies: [4.321, 2, 9],
  archiveLatency: 61.5,
  metrics: { MatchedEvents: 3, Invocations: 3, FailedInvocations: 0, InvocationsSentToDlq: 0, InvocationsFailedToBeSentToDlq: 0 },
  datadogFinds: true,
  account: '123456789012',
});

let world = healthy();
const groups: Group[] = [];
/** Groups that were in the org before the run (Groups API, Group object fields the probe reads). */
const existing: { id: string; created: string; profile: { name: string; description: string | null }; deleted: boolean }[] = [];
const requests: string[] = [];

const json = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
};

/** The group.lifecycle.create LogEvent as Okta's System Log API returns it (Okta API reference, LogEvent). */
function createEvent(group: Group) {
  return {
    uuid: createHash('sha256').update(group.id).digest('hex').slice(0, 8) + '-0000-11ee-8000-000000000000',
    published: new Date(group.publishedMs).toISOString(),
    eventType: 'group.lifecycle.create',
    version: '0',
    severity: 'INFO',
    displayMessage: 'Create okta group',
    legacyEventType: 'core.user_group_member.group_create',
    actor: { id: '0oaservice', type: 'PublicClientApp', alternateId: 'okta-log-streaming', displayName: 'okta-log-streaming' },
    outcome: { result: 'SUCCESS' },
    target: [{ id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.name }],
    transaction: { type: 'WEB', id: 'tx1' },
  };
}

/** The marker as EventBridge puts it on the partner bus and a target receives it. */
const envelopeOf = (group: Group) => JSON.stringify({ version: '0', id: randomUUID(), 'detail-type': 'SystemLog', source: BUS, account: '123456789012', time: new Date(group.publishedMs).toISOString(), region: 'eu-west-1', resources: [], detail: createEvent(group) });
const unrelated = JSON.stringify({ version: '0', 'detail-type': 'SystemLog', source: BUS, detail: { eventType: 'user.session.start', target: [{ id: '00uother' }] } });

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const scopesAsked: string[] = [];

function answerOkta(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  if (req.url === '/oauth2/v1/token') {
    // OAuth 2.0 client credentials with a private_key_jwt assertion (Okta, "Implement OAuth for Okta with a service app").
    const form = new URLSearchParams(body);
    const [header, claims, signature] = (form.get('client_assertion') ?? '').split('.');
    const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature ?? '', 'base64url'));
    scopesAsked.push(form.get('scope') ?? '');
    if (!valid) return json(res, 401, { error: 'invalid_client', error_description: 'The client assertion is not valid.' });
    return json(res, 200, { token_type: 'Bearer', access_token: 'issued-access-token', expires_in: 3600, scope: form.get('scope') });
  }
  if (world.oktaHangs && req.method === 'POST') return;
  if (req.headers.authorization !== 'SSWS test-token' && req.headers.authorization !== 'Bearer issued-access-token') return json(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/api/v1/logStreams') {
    return json(res, 200, [{ id: '0oa1', name: 'okta-all', type: 'aws_eventbridge', status: world.streamStatus, settings: { accountId: '123456789012', eventSourceName: 'okta_all', region: 'eu-west-1' } }]);
  }
  if (req.method === 'POST' && url.pathname === '/api/v1/groups') {
    if (world.groupsForbidden) return json(res, 403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorCauses: [] });
    const profile = (JSON.parse(body) as { profile: { name: string } }).profile;
    const group: Group = { id: `00g${randomUUID().replace(/-/g, '').slice(0, 17)}`, name: profile.name, publishedMs: Date.now(), index: groups.length, deleted: false };
    groups.push(group);
    // Groups API, Create a group: the Group object.
    return json(res, 200, { id: group.id, created: new Date(group.publishedMs).toISOString(), type: 'OKTA_GROUP', objectClass: ['okta:user_group'], profile: { name: profile.name, description: null } });
  }
  if (req.method === 'GET' && url.pathname === '/api/v1/groups') {
    // Groups API, List all groups: q searches by the group name's start.
    const q = url.searchParams.get('q') ?? '';
    const current = groups.filter((g) => !g.deleted).map((g) => ({ id: g.id, created: new Date(g.publishedMs).toISOString(), profile: { name: g.name, description: 'okta-log-streaming probe: a marker event; deleted by the probe at once. Safe to delete.' } }));
    return json(res, 200, [...existing.filter((g) => !g.deleted), ...current].filter((g) => g.profile.name.startsWith(q)).map((g) => ({ ...g, type: 'OKTA_GROUP', objectClass: ['okta:user_group'] })));
  }
  if (req.method === 'GET' && url.pathname === '/api/v1/logs') {
    // System Log API, List all System Log events: filter on eventType and target.id, since.
    const match = /^eventType eq "group\.lifecycle\.create" and target\.id eq "([^"]+)"$/.exec(url.searchParams.get('filter') ?? '');
    if (match === null || url.searchParams.get('since') === null) return json(res, 400, { errorCode: 'E0000001', errorSummary: 'Api validation failed: filter' });
    const group = groups.find((g) => g.id === match[1]);
    return json(res, 200, world.withholdEvent || group === undefined ? [] : [createEvent(group)]);
  }
  const deleted = /^\/api\/v1\/groups\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'DELETE' && deleted !== null) {
    const before = existing.find((g) => g.id === deleted[1] && !g.deleted);
    if (before !== undefined) {
      before.deleted = true;
      res.writeHead(204);
      return void res.end();
    }
    const group = groups.find((g) => g.id === deleted[1]);
    if (group === undefined) return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found' });
    group.deleted = true;
    res.writeHead(204);
    return void res.end();
  }
  json(res, 404, { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method' });
}

/** The archive as Firehose writes it: <prefix>year=/month=/day=/hour=/<stream>-1-<time>-<uuid>.json.gz, GZIP, one event a line. */
const written = new Map<string, { key: string; lastModified: Date; body: Buffer }>();
function archiveObjects(): { key: string; lastModified: Date; body: Buffer }[] {
  if (world.archiveLatency === undefined) return [];
  return groups.map((group) => written.get(group.id) ?? written.set(group.id, objectFor(group)).get(group.id)!);
}
function objectFor(group: Group): { key: string; lastModified: Date; body: Buffer } {
  // LastModified carries the simulated delivery latency; the hour partition is the moment the object
  // is really written here, as Firehose partitions by its own arrival time: never an hour still to
  // come (a partition from published + latency lands in the next hour near hh:59, which no reader
  // lists yet; that made this test fail whenever it ran in an hour's last minute).
  const at = new Date(group.publishedMs + world.archiveLatency! * 1000);
  const writtenMs = Date.now();
  const [partition] = hourPrefixes('okta/', writtenMs + 60_000, writtenMs + 60_000);
  const stamp = new Date(writtenMs).toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return { key: `${partition}okta-all-archive-1-${stamp}-${randomUUID()}.json.gz`, lastModified: at, body: gzipSync(`${unrelated}\n${envelopeOf(group)}\n`) };
}
let archive: ReturnType<typeof archiveObjects> = [];

function answerS3(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, bucket, ...key] = url.pathname.split('/');
  if (bucket !== BUCKET) {
    res.writeHead(404, { 'Content-Type': 'application/xml' });
    return void res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>${bucket}</BucketName></Error>`);
  }
  if (key.join('/') === '' && url.searchParams.get('list-type') === '2') {
    const prefix = url.searchParams.get('prefix') ?? '';
    requests.push(`S3.ListObjectsV2 ${prefix}`);
    const contents = archive.filter((o) => o.key.startsWith(prefix));
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    return void res.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${BUCKET}</Name><Prefix>${prefix}</Prefix><KeyCount>${contents.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
        contents.map((o) => `<Contents><Key>${o.key}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>"${createHash('md5').update(o.body).digest('hex')}"</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('') +
        '</ListBucketResult>',
    );
  }
  const object = archive.find((o) => o.key === decodeURIComponent(key.join('/')));
  requests.push(`S3.GetObject ${key.join('/')}`);
  if (object === undefined) {
    res.writeHead(404, { 'Content-Type': 'application/xml' });
    return void res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
  }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': object.body.length, ETag: `"${createHash('md5').update(object.body).digest('hex')}"`, 'Last-Modified': object.lastModified.toUTCString() });
  res.end(object.body);
}

function answerAws(operation: string, body: Record<string, unknown>, res: http.ServerResponse): void {
  requests.push(operation);
  switch (operation) {
    case 'Logs_20140328.FilterLogEvents': {
      if (world.logsThrottled) return json(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, 'application/x-amz-json-1.1');
      // CloudWatch Logs API Reference, FilterLogEvents: the quoted term matches the events holding it.
      const term = /^"(.+)"$/.exec(String(body.filterPattern))?.[1] ?? '';
      const events = groups
        .filter((g) => g.id === term && body.logGroupName === '/aws/events/okta/okta-all-logs' && world.logLatencies[g.index] !== undefined)
        .map((g) => ({ logStreamName: `${randomUUID()}`, timestamp: g.publishedMs, message: envelopeOf(g), ingestionTime: Math.round(g.publishedMs + world.logLatencies[g.index] * 1000), eventId: '1' }));
      return json(res, 200, { events, searchedLogStreams: [] }, 'application/x-amz-json-1.1');
    }
    case 'GraniteServiceVersion20100801.GetMetricData': {
      const queries = body.MetricDataQueries as { Id: string; MetricStat: { Metric: { MetricName: string } } }[];
      return json(res, 200, { MetricDataResults: queries.map((q) => ({ Id: q.Id, Label: q.MetricStat.Metric.MetricName, StatusCode: 'Complete', Timestamps: [Math.floor(Date.now() / 1000)], Values: [world.metrics[q.MetricStat.Metric.MetricName] ?? 0] })) }, 'application/x-amz-json-1.0');
    }
    case 'AmazonSQS.GetQueueUrl':
      return json(res, 200, { QueueUrl: `${endpoint()}/123456789012/${body.QueueName}` }, 'application/x-amz-json-1.0');
    case 'AmazonSQS.ReceiveMessage': {
      const queue = String(body.QueueUrl).split('/').pop();
      if (queue !== world.deadLetterIn || groups.length === 0) return json(res, 200, {}, 'application/x-amz-json-1.0');
      const message = envelopeOf(groups[0]);
      return json(
        res,
        200,
        {
          Messages: [
            {
              MessageId: 'm-1',
              ReceiptHandle: 'r-1',
              Body: message,
              MD5OfBody: createHash('md5').update(message).digest('hex'),
              MessageAttributes: {
                ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
                ERROR_MESSAGE: { DataType: 'String', StringValue: 'Unable to invoke ApiDestination endpoint: The endpoint responded with status code 401.' },
              },
            },
          ],
        },
        'application/x-amz-json-1.0',
      );
    }
    default:
      return json(res, 400, { __type: 'UnknownOperationException', message: operation }, 'application/x-amz-json-1.1');
  }
}

function answerDatadog(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  requests.push('Datadog.SearchLogs');
  if ((world.datadogBadGateways ?? 0) > 0) {
    world.datadogBadGateways! -= 1;
    res.writeHead(502, { 'Content-Type': 'text/html' });
    return void res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
  }
  if (req.headers['dd-api-key'] !== 'dd-api' || req.headers['dd-application-key'] !== 'dd-app') return json(res, 403, { errors: ['Forbidden'] });
  const query = (JSON.parse(body) as { filter: { query: string } }).filter.query;
  const group = groups.find((g) => `"${g.id}"` === query);
  // Datadog API reference, Search logs: {data: [Log], links, meta}.
  const data = world.datadogFinds && group !== undefined ? [{ id: 'AQAAAY', type: 'log', attributes: { timestamp: new Date(group.publishedMs).toISOString(), service: 'okta', message: group.name, attributes: {} } }] : [];
  json(res, 200, { data, meta: { page: {}, status: 'done' } });
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url?.startsWith('/api/v1/') || req.url?.startsWith('/oauth2/')) {
      requests.push(`Okta.${req.method} ${new URL(req.url, 'http://x').pathname}`);
      return answerOkta(req, res, body);
    }
    if (req.url?.startsWith('/api/v2/logs/events/search')) return answerDatadog(req, res, body);
    // STS speaks the query protocol (STS API Reference, GetCallerIdentity).
    if (new URLSearchParams(body).get('Action') === 'GetCallerIdentity') {
      requests.push('STS.GetCallerIdentity');
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      return res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${world.account}:user/probe</Arn><UserId>AIDAEXAMPLE</UserId><Account>${world.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') return answerAws(target, JSON.parse(body || '{}') as Record<string, unknown>, res);
    answerS3(req, res);
  });
});
const endpoint = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const savedEnv = { ...process.env };
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const errors: string[] = [];
  const code = main({ ...process.env, OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', 'all-sinks.yaml'), CDKTF_OUTDIR: outdir }, { out: () => undefined, err: (l) => errors.push(l) });
  if (code !== 0) throw new Error(errors.join('\n'));
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret', AWS_ENDPOINT_URL: endpoint(), AWS_REGION: 'eu-west-1' });
});
afterAll(async () => {
  process.env = savedEnv;
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(outdir, { recursive: true, force: true });
});
beforeEach(() => {
  world = healthy();
  groups.length = 0;
  existing.length = 0;
  written.clear();
  requests.length = 0;
  scopesAsked.length = 0;
});

/** The server writes the archive once the markers exist (as Firehose would, later). */
const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  CDKTF_OUTDIR: outdir,
  OKTA_LOG_STREAMING_OKTA_ORIGIN: endpoint(),
  OKTA_LOG_STREAMING_DATADOG_ORIGIN: endpoint(),
  OKTA_API_TOKEN: 'test-token',
  DD_API_KEY: 'dd-api',
  DD_APP_KEY: 'dd-app',
  ...extra,
});

async function probe(args: string[] = [], extra: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  // The archive appears once the groups exist: refreshed on every look.
  const refresh = setInterval(() => (archive = archiveObjects()), 5);
  try {
    const code = await tool(['probe', '--no-synth', '--stack', 'okta-all', '--poll-seconds', '0.02', '--timeout-minutes', '0.01', ...args], env(extra), { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    clearInterval(refresh);
    archive = [];
  }
}

describe('okta-log-streaming probe', () => {
  test('every sink: arrived with its latency, Datadog found, the others invoked, the HEC sink filtered out by design; the group deleted; exit 0', async () => {
    const { code, out, err } = await probe();
    expect(err).not.toContain('missing');
    expect(out).not.toMatch(/[✗?] /);
    expect(code).toBe(0);
    expect(out).toContain('✓ okta-all-logs (CloudWatch Logs): arrived in 4.3 s (log group /aws/events/okta/okta-all-logs, ingested)');
    expect(out).toMatch(/✓ okta-all-archive \(S3 archive\): arrived in 61\.5 s \(s3:\/\/acme-okta-system-log-archive\/okta\/year=\d{4}\/month=\d\d\/day=\d\d\/hour=\d\d\/okta-all-archive-1-/);
    expect(out).toMatch(/✓ okta-all-datadog \(API destination\): arrived in [\d.]+ s \(Datadog Logs Search, found\)/);
    expect(out).toMatch(/✓ okta-all-bronto \(API destination\): invoked, seen in [\d.]+ s \(an upper bound\): rule okta-all-bronto: 3 matched, 3 invoked, none failed since the marker/);
    expect(out).toContain('– okta-all-hec (API destination): filtered out by design: the rule\'s pattern does not match group.lifecycle.create');
    expect(out.split('\n').pop()).toBe('okta-log-streaming: probe: arrived (6 arrived, 1 filtered out, 0 not yet, 0 failed, 0 not readable, of 7 sinks)');
    expect(groups).toHaveLength(1);
    expect(groups[0].name).toMatch(/^okta-log-streaming-probe-[0-9a-f-]{36}$/);
    expect(groups[0].deleted).toBe(true);
    // Only the group is written; nothing of AWS is changed.
    expect(requests.filter((r) => /^Okta\.(POST|DELETE|PUT)/.test(r))).toEqual(['Okta.POST /api/v1/groups', `Okta.DELETE /api/v1/groups/${groups[0].id}`]);
    expect(requests.filter((r) => /Delete|Purge|Put|ChangeMessageVisibility/.test(r) && !r.startsWith('Okta'))).toEqual([]);
  });

  test('AWS credentials for another account: nothing is made in Okta, exit 1, naming both accounts', async () => {
    world.account = '210987654321';
    const { code, err } = await probe();
    expect(code).toBe(1);
    expect(err).toContain('okta-all: the AWS credentials are for account 210987654321, the stack is in 123456789012');
    expect(groups).toHaveLength(0);
    expect(requests.filter((r) => r.startsWith('Okta.POST'))).toEqual([]);
  });

  test('a marker group a killed run left behind (over an hour old) is deleted first; a recent one, or a namesake that is not a marker, is kept', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const marker = 'okta-log-streaming probe: a marker event; deleted by the probe at once. Safe to delete.';
    existing.push(
      { id: '00gleftover', created: hoursAgo(5), profile: { name: 'okta-log-streaming-probe-0b3f5c2e-1a2b-4c3d-8e9f-0123456789ab', description: marker }, deleted: false },
      { id: '00grecent', created: hoursAgo(0.1), profile: { name: 'okta-log-streaming-probe-1b3f5c2e-1a2b-4c3d-8e9f-0123456789ab', description: marker }, deleted: false },
      { id: '00gnotes', created: hoursAgo(50), profile: { name: 'okta-log-streaming-probe-notes', description: 'the team\'s own' }, deleted: false },
      { id: '00gother', created: hoursAgo(50), profile: { name: 'okta-log-streaming-probe-2b3f5c2e-1a2b-4c3d-8e9f-0123456789ab', description: 'renamed by an admin' }, deleted: false },
    );
    const { code, err } = await probe();
    expect(code).toBe(0);
    expect(existing.map((g) => [g.id, g.deleted])).toEqual([['00gleftover', true], ['00grecent', false], ['00gnotes', false], ['00gother', false]]);
    expect(err).toContain('deleted marker group 00gleftover (okta-log-streaming-probe-0b3f5c2e-1a2b-4c3d-8e9f-0123456789ab), left by an earlier run');
  });

  test('--count 3: the median and the slowest of three markers, --json', async () => {
    const { code, out } = await probe(['--count', '3', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { status: string; markers: { groupId: string; published: string }[]; stacks: { stack: string; sinks: { sink: string; result: string; latenciesSeconds: number[]; medianSeconds: number; slowestSeconds: number }[] }[] };
    expect(report.status).toBe('arrived');
    expect(report.markers).toHaveLength(3);
    const logs = report.stacks[0].sinks.find((s) => s.sink === 'okta-all-logs')!;
    expect(logs).toMatchObject({ result: 'arrived', latenciesSeconds: [4.3, 2, 9], medianSeconds: 4.3, slowestSeconds: 9 });
    expect(report.stacks[0].sinks.find((s) => s.sink === 'okta-all-hec')!.result).toBe('filtered-out');
    expect(groups.map((g) => g.deleted)).toEqual([true, true, true]);
    expect(median([4, 1, 9, 2])).toBe(3);
  });

  test('fails when the wait times out: not yet, Firehose buffering named, exit 2', async () => {
    world.archiveLatency = undefined;
    world.logLatencies = [];
    world.datadogFinds = false;
    world.metrics = { MatchedEvents: 0, Invocations: 0 };
    const started = Date.now();
    const { code, out } = await probe();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(2);
    expect(out).toContain('✗ okta-all-logs (CloudWatch Logs): not yet after 0.01 min: not in log group /aws/events/okta/okta-all-logs yet');
    expect(out).toContain('✗ okta-all-archive (S3 archive): not yet after 0.01 min: not in s3://acme-okta-system-log-archive/okta/ yet (Firehose buffers up to 300 s)');
    expect(out).toContain('✗ okta-all-bronto (API destination): not yet after 0.01 min: rule okta-all-bronto: 0 matched, 0 invoked since the marker');
    expect(out).toContain('✗ okta-all-datadog (API destination): not yet after 0.01 min: not found by Datadog Logs Search yet');
    expect(groups[0].deleted).toBe(true);
  });

  test('fails with the dead letter\'s error when the marker is in a sink\'s dead-letter queue; failed invocations fail the others', async () => {
    world.deadLetterIn = 'okta-all-slashid-dlq';
    const { code, out } = await probe();
    expect(code).toBe(2);
    expect(out).toContain('✗ okta-all-slashid (API destination): the marker is in dead-letter queue okta-all-slashid-dlq: SDK_CLIENT_ERROR: Unable to invoke ApiDestination endpoint: The endpoint responded with status code 401.');
    world = { ...healthy(), metrics: { MatchedEvents: 3, Invocations: 3, FailedInvocations: 2, InvocationsSentToDlq: 2 } };
    const failing = await probe();
    expect(failing.out).toContain('✗ okta-all-bronto (API destination): 2 failed invocation(s), 2 to the dead-letter queue since the marker');
  });

  test('fails for every sink when the stream is INACTIVE, and makes no marker', async () => {
    world.streamStatus = 'INACTIVE';
    const { code, out } = await probe();
    expect(code).toBe(2);
    expect(out).toContain('✗ okta-all-logs (CloudWatch Logs): the Okta log stream okta-all is INACTIVE: nothing reaches the sinks');
    expect(groups).toEqual([]);
  });

  test('a missing scope (403) is explained, and nothing is left behind; exit 1', async () => {
    world.groupsForbidden = true;
    const { code, err } = await probe();
    expect(code).toBe(1);
    expect(err).toContain('okta-all: no marker: Okta answered 403 E0000006: You do not have permission to perform the requested action → the probe needs okta.groups.manage (to make the marker group) and okta.logs.read');
    expect(groups).toEqual([]);
  });

  test('no credentials: all named at once, before any request', async () => {
    const { code, err } = await probe([], { OKTA_API_TOKEN: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, HOME: outdir, DD_API_KEY: undefined });
    expect(code).toBe(1);
    expect(err).toContain('nothing was run; missing:');
    expect(err).toContain('OKTA_API_TOKEN, or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY (the okta provider\'s credentials; scopes okta.groups.manage okta.logs.read okta.logStreams.read)');
    expect(err).toContain('AWS credentials:');
    expect(err).toContain('DD_API_KEY (the Datadog API key');
    expect(requests).toEqual([]);
  });

  test('an interrupt (SIGINT) while the probe waits for its event deletes the group; exit 1', async () => {
    world.withholdEvent = true;
    const child = spawn(process.execPath, [path.join(root, 'cli', 'bin.js'), 'probe', '--no-synth', '--stack', 'okta-all', '--poll-seconds', '0.05'], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupted once it has made the group and is reading the System Log for its event.
    for (let i = 0; i < 400 && !requests.includes('Okta.GET /api/v1/logs'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(groups).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toContain(`deleted marker group ${groups[0].id}`);
    expect(stderr).toContain('interrupted: the marker groups are deleted');
    expect(groups[0].deleted).toBe(true);
  }, 30_000);

  test('with a service app (OAuth, private_key_jwt): the token is asked for the probe\'s scopes', async () => {
    const { code } = await probe([], { OKTA_API_TOKEN: undefined, OKTA_API_CLIENT_ID: 'service-app', OKTA_API_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(code).toBe(0);
    expect(scopesAsked).toEqual(['okta.groups.manage okta.logs.read okta.logStreams.read']);
    expect(groups[0].deleted).toBe(true);
  });

  test('a request that gets no answer is bounded by --timeout-seconds: could not run, exit 1', async () => {
    world.oktaHangs = true;
    const started = Date.now();
    const { code, err } = await probe(['--timeout-seconds', '0.5']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(1);
    expect(err).toMatch(/okta-all: no marker: no answer from 127\.0\.0\.1:\d+ in 0\.5 s/);
  });

  test('Datadog answering an HTML 502 page is another look, not "not readable": found on the next', async () => {
    world.datadogBadGateways = 1;
    const { code, out } = await probe(['--timeout-minutes', '0.05']);
    expect(out).toMatch(/✓ okta-all-datadog \(API destination\): arrived in [\d.]+ s \(Datadog Logs Search, found\)/);
    expect(code).toBe(0);
    expect(requests.filter((r) => r === 'Datadog.SearchLogs').length).toBeGreaterThanOrEqual(2);
  });

  test('throttling is another look, not a verdict: not yet, with the last look\'s reason', async () => {
    world.logsThrottled = true;
    const { code, out } = await probe();
    expect(code).toBe(2);
    expect(out).toContain('✗ okta-all-logs (CloudWatch Logs): not yet after 0.01 min: last look: throttled (ThrottlingException)');
  });
});

describe('the probe\'s reading of a stack', () => {
  test('the archive\'s hour partitions, across midnight, in UTC', () => {
    expect(hourPrefixes('okta/', Date.parse('2026-12-31T23:30:00Z'), Date.parse('2027-01-01T00:10:00Z'))).toEqual(['okta/year=2026/month=12/day=31/hour=23/', 'okta/year=2027/month=01/day=01/hour=00/']);
  });

  test('fails when the archive\'s Firehose prefix is not <prefix> and the time partitions the stacks write', () => {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'okta-all', 'cdk.tf.json'), 'utf8'));
    const archive = probeStack('okta-all', json).sinks.find((s) => s.kind === 's3_archive')!;
    expect(archive).toMatchObject({ bucket: BUCKET, prefix: 'okta/', bufferingIntervalSeconds: 300 });
    const stream = Object.values(json.resource.aws_kinesis_firehose_delivery_stream as Record<string, { extended_s3_configuration: { prefix: string } }>)[0];
    stream.extended_s3_configuration.prefix = 'okta/!{timestamp:yyyy-MM-dd}/';
    expect(() => probeStack('okta-all', json)).toThrow('okta-all: the archive\'s Firehose prefix "okta/!{timestamp:yyyy-MM-dd}/" is not <prefix>year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/');
  });
});
