/**
 * npm run doctor against a local server on 127.0.0.1 that answers as the Okta Log Streaming API and
 * the AWS APIs (EventBridge JSON 1.1, CloudWatch and SQS JSON 1.0, STS query) document, with the real
 * AWS SDK clients and fetch: every ✓ / ✗ / ! / ? path and each exit code. Nothing leaves loopback.
 */
import { spawn } from 'child_process';
import { createHash, createVerify, generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../main';
import { doctorArgs } from '../../cli/doctor';
import { run as tool } from '../../cli/okta-log-streaming';
import { missingAwsCredentials } from '../../cli/credentials';
import { vendorAnswer } from '../../cli/doctor/aws-checks';

const root = path.join(__dirname, '..', '..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
const BUS = 'aws.partner/okta.com/acme/okta_bronto';

/** What the fake APIs answer; each test changes what it needs. */
interface World {
  streamStatus: string;
  streamRegion: string;
  oktaStatus: number;
  account: string;
  sourceState: string;
  busExists: boolean;
  ruleState: string;
  retryAttempts: number;
  connectionState: string;
  destinationState: string;
  metrics: Record<string, number>;
  deadLetters: number;
  deadLetterError?: { code: string; message: string };
  streamName?: string;
  sourceMissing?: boolean;
  ruleMissing?: boolean;
  targetId?: string;
  targetDeadLetterArn?: string;
  targetArn?: string;
  targetRoleArn?: string;
  queueMissing?: boolean;
  metricsDenied?: boolean;
  /** MatchedEvents over the stack's quiet window (its okta-quiet alarm's), when it differs from the window's. */
  quietMatched?: number;
  inFlight?: number;
  busDeadLetters?: number;
  /** What Okta's list answers instead of JSON. */
  oktaBody?: { status: number; type: string; text: string };
  /** AWS answers this operation with an HTTP 500 HTML page. */
  htmlErrorFor?: string;
}

const healthy = (): World => ({
  streamStatus: 'ACTIVE',
  streamRegion: 'eu-west-1',
  oktaStatus: 200,
  account: '123456789012',
  sourceState: 'ACTIVE',
  busExists: true,
  ruleState: 'ENABLED',
  retryAttempts: 185,
  connectionState: 'AUTHORIZED',
  destinationState: 'ACTIVE',
  metrics: { MatchedEvents: 1200, Invocations: 1200, FailedInvocations: 0, InvocationsSentToDlq: 0, InvocationsFailedToBeSentToDlq: 0, ThrottledRules: 0 },
  deadLetters: 0,
});

let world = healthy();
const operations: { operation: string; body: Record<string, unknown> }[] = [];
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function json(res: http.ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.1'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
}

const notFound = (res: http.ServerResponse, type: string, name: string) => json(res, 400, { __type: name, message: 'not found' }, type);

function answerAws(operation: string, body: Record<string, unknown>, res: http.ServerResponse): void {
  if (world.htmlErrorFor === operation) {
    res.writeHead(500, { 'Content-Type': 'text/html' });
    return void res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
  }
  const json11 = (b: unknown) => json(res, 200, b);
  const json10 = (b: unknown) => json(res, 200, b, 'application/x-amz-json-1.0');
  switch (operation) {
    case 'AWSEvents.DescribeEventSource':
      return world.sourceMissing ? notFound(res, 'application/x-amz-json-1.1', 'ResourceNotFoundException') : json11({ Name: body.Name, State: world.sourceState, CreatedBy: 'okta.com' });
    case 'AWSEvents.DescribeEventBus':
      return world.busExists ? json11({ Name: body.Name, Arn: `arn:aws:events:eu-west-1:123456789012:event-bus/${body.Name}` }) : notFound(res, 'application/x-amz-json-1.1', 'ResourceNotFoundException');
    case 'AWSEvents.DescribeRule':
      return world.ruleMissing ? notFound(res, 'application/x-amz-json-1.1', 'ResourceNotFoundException') : json11({ Name: body.Name, EventBusName: body.EventBusName, State: world.ruleState });
    case 'AWSEvents.ListTargetsByRule':
      return json11({
        Targets: [
          {
            Id: world.targetId ?? 'okta-bronto',
            Arn: world.targetArn ?? 'arn:aws:events:eu-west-1:123456789012:api-destination/okta-bronto/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            RoleArn: world.targetRoleArn ?? 'arn:aws:iam::123456789012:role/okta-log-streaming/okta-bronto-20261201000000000000000001',
            DeadLetterConfig: { Arn: world.targetDeadLetterArn ?? 'arn:aws:sqs:eu-west-1:123456789012:okta-bronto-dlq' },
            RetryPolicy: { MaximumRetryAttempts: world.retryAttempts, MaximumEventAgeInSeconds: 86400 },
          },
        ],
      });
    case 'AWSEvents.DescribeConnection':
      return json11({ Name: body.Name, ConnectionState: world.connectionState, ...(world.connectionState === 'AUTHORIZED' ? {} : { StateReason: 'Received 401 from the authorization endpoint' }) });
    case 'AWSEvents.DescribeApiDestination':
      return json11({ Name: body.Name, ApiDestinationState: world.destinationState });
    case 'GraniteServiceVersion20100801.GetMetricData': {
      // CloudWatch's AccessDenied names the action as IAM does ("… is not authorized to perform: <action> …").
      if (world.metricsDenied) return json(res, 400, { __type: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/doctor is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action' }, 'application/x-amz-json-1.0');
      const queries = body.MetricDataQueries as { Id: string; MetricStat: { Metric: { MetricName: string } } }[];
      const value = (q: (typeof queries)[number]) => (q.Id.endsWith('quiet') && world.quietMatched !== undefined ? world.quietMatched : (world.metrics[q.MetricStat.Metric.MetricName] ?? 0));
      return json10({ MetricDataResults: queries.map((q) => ({ Id: q.Id, Label: q.MetricStat.Metric.MetricName, StatusCode: 'Complete', Timestamps: [1764547200], Values: [value(q)] })) });
    }
    case 'AmazonSQS.GetQueueUrl':
      if (world.queueMissing && body.QueueName === 'okta-bronto-dlq') return notFound(res, 'application/x-amz-json-1.0', 'com.amazonaws.sqs#QueueDoesNotExist');
      return json10({ QueueUrl: `${endpoint()}/123456789012/${body.QueueName}` });
    case 'AmazonSQS.GetQueueAttributes': {
      const queue = String(body.QueueUrl).split('/').pop();
      const bus = queue === 'okta-bronto-partner-bus-dead-letters';
      return json10({
        Attributes: {
          ApproximateNumberOfMessages: String(queue === 'okta-bronto-dlq' ? world.deadLetters : bus ? (world.busDeadLetters ?? 0) : 0),
          ApproximateNumberOfMessagesNotVisible: String(queue === 'okta-bronto-dlq' ? (world.inFlight ?? 0) : 0),
        },
      });
    }
    case 'AmazonSQS.ReceiveMessage': {
      const message = '{"version":"0","detail-type":"SystemLog"}';
      const error = world.deadLetterError;
      return json10({
        Messages: [
          {
            MessageId: 'm-1',
            ReceiptHandle: 'r-1',
            Body: message,
            MD5OfBody: createHash('md5').update(message).digest('hex'),
            ...(error === undefined ? {} : { MessageAttributes: { ERROR_CODE: { DataType: 'String', StringValue: error.code }, ERROR_MESSAGE: { DataType: 'String', StringValue: error.message } } }),
          },
        ],
      });
    }
    default:
      return json(res, 400, { __type: 'UnknownOperationException', message: operation });
  }
}

function answerOkta(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
  if (req.url === '/oauth2/v1/token') {
    const form = new URLSearchParams(body);
    const [header, claims, signature] = (form.get('client_assertion') ?? '').split('.');
    const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature ?? '', 'base64url'));
    const payload = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()) as { iss?: string; aud?: string };
    if (!valid || payload.iss !== 'service-app' || payload.aud !== `${endpoint()}/oauth2/v1/token` || form.get('scope') !== 'okta.logStreams.read') {
      return json(res, 401, { error: 'invalid_client', error_description: 'The client assertion is not valid.' }, 'application/json');
    }
    return json(res, 200, { token_type: 'Bearer', access_token: 'issued-access-token', expires_in: 3600 }, 'application/json');
  }
  const authorized = req.headers.authorization === 'SSWS test-token' || req.headers.authorization === 'Bearer issued-access-token';
  if (!authorized) return json(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, 'application/json');
  if (world.oktaBody !== undefined) {
    res.writeHead(world.oktaBody.status, { 'Content-Type': world.oktaBody.type });
    return void res.end(world.oktaBody.text);
  }
  if (world.oktaStatus !== 200) return json(res, world.oktaStatus, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' }, 'application/json');
  return json(res, 200, [{ id: '0oa1', name: world.streamName ?? 'okta-bronto', type: 'aws_eventbridge', status: world.streamStatus, settings: { accountId: '123456789012', eventSourceName: 'okta_bronto', region: world.streamRegion } }], 'application/json');
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url?.startsWith('/api/v1/') || req.url?.startsWith('/oauth2/')) return answerOkta(req, body, res);
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
      operations.push({ operation: target, body: parsed });
      return answerAws(target, parsed, res);
    }
    const form = new URLSearchParams(body);
    operations.push({ operation: `STS.${form.get('Action')}`, body: {} });
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.end(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${world.account}:user/doctor</Arn><UserId>AIDAEXAMPLE</UserId><Account>${world.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  });
});
const endpoint = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const savedEnv = { ...process.env };
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const errors: string[] = [];
  const code = main({ ...process.env, OKTA_LOG_STREAMING_CONFIG: path.join(root, 'examples', 'bronto.yaml'), CDKTF_OUTDIR: outdir }, { out: () => undefined, err: (l) => errors.push(l) });
  if (code !== 0) throw new Error(errors.join('\n'));
  // The SDK reads its credentials and endpoint from the process environment.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret', AWS_ENDPOINT_URL: endpoint(), AWS_REGION: 'eu-west-1' });
});
afterAll(async () => {
  process.env = savedEnv;
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(outdir, { recursive: true, force: true });
});
beforeEach(() => {
  world = healthy();
  operations.length = 0;
});

async function doctor(args: string[] = [], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tool(['doctor', '--no-synth', ...args], { ...process.env, CDKTF_OUTDIR: outdir, OKTA_LOG_STREAMING_OKTA_ORIGIN: endpoint(), OKTA_API_TOKEN: 'test-token', ...env }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const READ_ONLY = new Set([
  'STS.GetCallerIdentity',
  'AWSEvents.DescribeEventSource',
  'AWSEvents.DescribeEventBus',
  'AWSEvents.DescribeRule',
  'AWSEvents.ListTargetsByRule',
  'AWSEvents.DescribeConnection',
  'AWSEvents.DescribeApiDestination',
  'GraniteServiceVersion20100801.GetMetricData',
  'AmazonSQS.GetQueueUrl',
  'AmazonSQS.GetQueueAttributes',
]);

describe('okta-log-streaming doctor', () => {
  test('healthy: every check ✓, exit 0, and only read-only calls', async () => {
    const { code, out } = await doctor();
    expect(code).toBe(0);
    expect(out).toContain('✓ okta: log stream okta-bronto: ACTIVE (id 0oa1)');
    expect(out).toContain('✓ okta: log stream okta-bronto settings: as configured');
    expect(out).toContain('✓ aws: credentials: account 123456789012');
    expect(out).toContain(`✓ aws: partner event source ${BUS}: ACTIVE`);
    expect(out).toContain(`✓ aws: partner event bus ${BUS}: exists`);
    expect(out).toContain('✓ aws: rule okta-bronto: ENABLED on the partner bus');
    expect(out).toContain('✓ aws: connection okta-bronto: AUTHORIZED');
    expect(out).toContain('✓ aws: API destination okta-bronto: ACTIVE');
    expect(out).toContain('✓ aws: rule okta-bronto, last 24 h: 1200 matched, 1200 invocations, 0 failed');
    expect(out).toContain('✓ aws: dead-letter queue okta-bronto-dlq: empty');
    expect(out).toContain('✓ aws: dead-letter queue okta-bronto-partner-bus-dead-letters: empty');
    expect(out).not.toMatch(/[✗!?] /);
    expect(out.split('\n').pop()).toBe('okta-log-streaming: doctor: healthy (0 broken, 0 to look at, 0 not checked, of 1 stack)');
    expect(operations.map((o) => o.operation).filter((o) => !READ_ONLY.has(o))).toEqual([]);
    // Two reads: the chosen window, and the stack's quiet window as its okta-quiet alarm defines it (2 h).
    type Query = { Id: string; MetricStat: { Metric: { MetricName: string; Dimensions: { Name: string; Value: string }[] }; Period: number } };
    const reads = operations.filter((o) => o.operation.endsWith('GetMetricData')).map((o) => o.body as { MetricDataQueries: Query[]; StartTime: number; EndTime: number });
    const byPeriod = new Map(reads.map((r) => [r.MetricDataQueries[0].MetricStat.Period, r]));
    expect([...byPeriod.keys()].sort()).toEqual([7200, 86400]);
    expect(byPeriod.get(86400)!.MetricDataQueries.map((q) => q.MetricStat.Metric.MetricName)).toEqual(['MatchedEvents', 'Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'InvocationsFailedToBeSentToDlq', 'ThrottledRules']);
    expect(byPeriod.get(86400)!.MetricDataQueries[0].MetricStat.Metric.Dimensions).toEqual([{ Name: 'EventBusName', Value: BUS }, { Name: 'RuleName', Value: 'okta-bronto' }]);
    const quiet = byPeriod.get(7200)!;
    expect(quiet.MetricDataQueries.map((q) => q.MetricStat.Metric.MetricName)).toEqual(['MatchedEvents']);
    expect(quiet.EndTime - quiet.StartTime).toBe(7200);
  });

  test('degraded: each broken thing ✗ with its fix, exit 2', async () => {
    Object.assign(world, {
      streamStatus: 'INACTIVE',
      streamRegion: 'us-east-1',
      ruleState: 'DISABLED',
      retryAttempts: 3,
      connectionState: 'DEAUTHORIZED',
      destinationState: 'INACTIVE',
      metrics: { MatchedEvents: 50, Invocations: 50, FailedInvocations: 50, InvocationsSentToDlq: 50, ThrottledRules: 0 },
      deadLetters: 50,
    });
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('✗ okta: log stream okta-bronto: INACTIVE: Okta deactivates a stream after failed deliveries → fix what failed');
    expect(out).toContain('✗ okta: log stream okta-bronto settings: region is "us-east-1", config "eu-west-1"');
    expect(out).toContain('✗ aws: rule okta-bronto: state DISABLED; 3 retry attempts, not 185');
    expect(out).toContain('✗ aws: connection okta-bronto: DEAUTHORIZED: Received 401 from the authorization endpoint → the vendor refused the credential: set the right TF_VAR_bronto_api_key and apply');
    expect(out).toContain('✗ aws: API destination okta-bronto: INACTIVE');
    expect(out).toContain('✗ aws: rule okta-bronto, last 24 h: 50 matched, 50 invocations, 50 failed, 50 to the dead-letter queue');
    expect(out).toContain('✗ aws: dead-letter queue okta-bronto-dlq: 50 event(s) wait');
    expect(out).not.toContain('one dead letter');
    expect(operations.some((o) => o.operation === 'AmazonSQS.ReceiveMessage')).toBe(false);
  });

  test('missing things: the stream, the partner source, a rule, a target, the DLQ wiring, a queue', async () => {
    Object.assign(world, { streamName: 'okta-other', sourceMissing: true, ruleMissing: true, queueMissing: true });
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('✗ okta: log stream okta-bronto: not in acme.okta.com (1 other stream(s)) → okta-log-streaming plan, then apply, for this stack');
    expect(out).toContain(`✗ aws: partner event source ${BUS}: not in this account and region`);
    expect(out).toContain(`✗ aws: rule okta-bronto: not on ${BUS} → apply the stack (a rule must be on the partner bus: one on the default bus never sees Okta events)`);
    expect(out).toContain('✗ aws: dead-letter queue okta-bronto-dlq: missing: failed events have nowhere to go → apply the stack');
    world = { ...healthy(), sourceState: 'DELETED', targetId: 'console-target', targetDeadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:other-dlq' };
    const deleted = await doctor();
    expect(deleted.out).toContain(`✗ aws: partner event source ${BUS}: DELETED: Okta removed it (its stream was deleted or replaced), and the partner bus went with it`);
    expect(deleted.out).toContain(`delete the dead bus (aws events delete-event-bus --name ${BUS}), then okta-log-streaming plan and apply`);
    expect(deleted.out).toContain('✗ aws: rule okta-bronto: no target okta-bronto');
    world = { ...healthy(), targetDeadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:other-dlq' };
    expect((await doctor()).out).toContain('✗ aws: rule okta-bronto: dead-letter queue arn:aws:sqs:eu-west-1:123456789012:other-dlq, not arn:aws:sqs:eu-west-1:123456789012:okta-bronto-dlq');
  });

  test('could not check: Okta refuses the token (401), CloudWatch refuses the metrics → ?, exit 1', async () => {
    const wrongToken = await doctor([], { OKTA_API_TOKEN: 'wrong' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.out).toContain('? okta: log stream okta-bronto: Okta answered 401 E0000011: Invalid token provided → Okta refused the credentials');
    world.metricsDenied = true;
    const denied = await doctor();
    expect(denied.code).toBe(1);
    expect(denied.out).toContain('? aws: metrics of the last 24 h: not allowed: cloudwatch:GetMetricData (AccessDenied) → allow cloudwatch:GetMetricData in the doctor\'s read-only IAM policy');
  });

  test('--peek-dlq reads one dead letter\'s error, leaving it visible in the queue, and names the vendor\'s answer', async () => {
    Object.assign(world, { deadLetters: 3, deadLetterError: { code: 'SDK_CLIENT_ERROR', message: 'Unable to invoke ApiDestination endpoint: The endpoint responded with status code 401.' } });
    const { code, out } = await doctor(['--peek-dlq']);
    expect(code).toBe(2);
    expect(out).toContain('✗ aws: dead-letter queue okta-bronto-dlq, one dead letter: SDK_CLIENT_ERROR: Unable to invoke ApiDestination endpoint: The endpoint responded with status code 401. → the vendor refused the key: set the right TF_VAR_bronto_api_key');
    const receive = operations.find((o) => o.operation === 'AmazonSQS.ReceiveMessage')!;
    expect(receive.body).toMatchObject({ MaxNumberOfMessages: 1, VisibilityTimeout: 0 });
    expect(operations.some((o) => /DeleteMessage|ChangeMessageVisibility|Purge/.test(o.operation))).toBe(false);
  });

  test.each([
    ['401', 'the vendor refused the key'],
    ['403', 'the vendor refused the key'],
    ['400', 'payload or path'],
    ['404', 'no such endpoint'],
    ['429', 'rate limited'],
    ['503', 'the vendor answered 503'],
  ])('the vendor\'s %s is named', (status, fix) => {
    expect(vendorAnswer(`The endpoint responded with status code ${status}.`)).toContain(fix);
  });

  test('warnings: throttling (!), a connection still authorizing (!) — exit 0', async () => {
    world.connectionState = 'AUTHORIZING';
    const authorizing = await doctor();
    expect(authorizing.code).toBe(0);
    expect(authorizing.out).toContain('! aws: connection okta-bronto: AUTHORIZING');
    world = { ...healthy(), metrics: { ...healthy().metrics, ThrottledRules: 7 } };
    const throttled = await doctor();
    expect(throttled.out).toContain('! aws: rule okta-bronto, last 24 h: 1200 matched, 1200 invocations, 0 failed, 0 to the dead-letter queue, 0 lost (could not reach it), 7 throttled → raise');
  });

  test('could not check: Okta refuses (403: scope or Log Streaming not enabled) → ?, exit 1', async () => {
    world.oktaStatus = 403;
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain('? okta: log stream okta-bronto: Okta answered 403 E0000006: You do not have permission to perform the requested action → grant okta.logStreams.read');
    expect(out).toContain('Log Streaming is not enabled for the org');
  });

  test('refuses to report on another account: credentials for 210987654321 check nothing else, exit 1', async () => {
    world.account = '210987654321';
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain('? aws: credentials: these credentials are for account 210987654321, the stack is in 123456789012');
    expect(operations.map((o) => o.operation)).toEqual(['STS.GetCallerIdentity']);
  });

  test('without credentials: everything missing named at once, no request made, exit 1', async () => {
    const { code, err } = await doctor([], { OKTA_API_TOKEN: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, HOME: outdir });
    expect(code).toBe(1);
    expect(err).toContain('nothing was checked; missing:');
    expect(err).toContain('OKTA_API_TOKEN, or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY');
    expect(err).toContain('AWS credentials: AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY');
    expect(operations).toEqual([]);
    expect(missingAwsCredentials({ HOME: outdir }, true)).toEqual([]);
  });

  test('Okta OAuth: a service app\'s key signs the client assertion (RS256), the access token reads the streams', async () => {
    const keyFile = path.join(outdir, 'service-app.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { code, out } = await doctor(['--stack', 'okta-bronto'], { OKTA_API_TOKEN: undefined, OKTA_API_CLIENT_ID: 'service-app', OKTA_API_PRIVATE_KEY: keyFile });
    expect(code).toBe(0);
    expect(out).toContain('✓ okta: log stream okta-bronto: ACTIVE');
  });

  test('--json: the same findings for machines', async () => {
    world.connectionState = 'DEAUTHORIZED';
    const { code, out } = await doctor(['--json']);
    expect(code).toBe(2);
    const report = JSON.parse(out) as { status: string; stacks: { stack: string; checks: { area: string; subject: string; verdict: string; fix?: string }[] }[] };
    expect(report.status).toBe('degraded');
    expect(report.stacks.map((s) => s.stack)).toEqual(['okta-bronto']);
    expect(report.stacks[0].checks.find((c) => c.subject === 'connection okta-bronto')).toMatchObject({ area: 'aws', verdict: 'fail', fix: expect.stringContaining('TF_VAR_bronto_api_key') });
  });

  test('arguments: a stack that is not there, a window out of range', async () => {
    expect((await doctor(['--stack', 'nope'])).err).toContain('no stack named "nope"');
    const outOfRange = await doctor(['--window-hours', '0']);
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.err).toContain('--window-hours: got "0"; give a whole number from 1 to 336');
    // Seconds may have decimals (a test waits a quarter of one), never a value outside 0.1–120.
    for (const bad of ['0', '0.05', '121', '1e2', '.5', '']) expect((await doctor(['--timeout-seconds', bad])).err).toContain(`--timeout-seconds: got "${bad}"; give a number from 0.1 to 120`);
    expect(doctorArgs({})).toEqual({ stacks: undefined, json: false, windowHours: 24, peekDeadLetters: false, instanceMetadata: false, timeoutSeconds: 10 });
  });
});

/** A process's exit code and output, without blocking this process's event loop. */
function spawnAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the doctor never hangs, never crashes, and never calls a broken pipe healthy', () => {
  /** Accepts every connection and never answers. */
  const silent = http.createServer(() => undefined);
  const silentUrl = () => `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  beforeAll(() => new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve)));
  afterAll(() => {
    silent.closeAllConnections();
    return new Promise((resolve) => silent.close(resolve));
  });

  test('Okta accepts and never answers: ? "no answer … in 0.5 s", the AWS checks still run, done in seconds', async () => {
    const started = Date.now();
    const { code, out } = await doctor(['--timeout-seconds', '0.5'], { OKTA_LOG_STREAMING_OKTA_ORIGIN: silentUrl() });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(code).toBe(1);
    expect(out).toContain(`? okta: log stream okta-bronto: no answer from ${new URL(silentUrl()).host} in 0.5 s → check the network path`);
    expect(out).toContain('✓ aws: connection okta-bronto: AUTHORIZED');
  });

  test('EventBridge never answers: its first check is ?, the rest are not asked again, SQS and CloudWatch still checked', async () => {
    const started = Date.now();
    const { code, out } = await doctor(['--timeout-seconds', '0.5'], { AWS_ENDPOINT_URL_EVENTBRIDGE: silentUrl() });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(1);
    const host = new URL(silentUrl()).host;
    expect(out).toContain(`? aws: partner event source ${BUS}: no answer from ${host} in 0.5 s`);
    expect(out).toContain(`? aws: connection okta-bronto: not asked: ${host} did not answer (above)`);
    expect(out).toContain('✓ aws: dead-letter queue okta-bronto-dlq: empty');
  });

  test.each([
    ['an HTML page', { status: 200, type: 'text/html', text: '<html><body>Service Unavailable</body></html>' }, 'answered HTTP 200 (text/html): not JSON (45 bytes)'],
    ['a truncated body', { status: 200, type: 'application/json', text: '[{"id":"0oa1","na' }, 'answered HTTP 200 (application/json): not JSON (17 bytes)'],
    ['a 500 HTML page', { status: 500, type: 'text/html', text: '<h1>500</h1>' }, 'answered HTTP 500 (text/html): not JSON (12 bytes)'],
    ['an object, not a list', { status: 200, type: 'application/json', text: '{"items":[]}' }, 'answered HTTP 200 (application/json): not a list of log streams'],
  ])('Okta answers %s: ?, with the status and content type, no crash, exit 1', async (_what, body, detail) => {
    world.oktaBody = body;
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain(`? okta: log stream okta-bronto: ${new URL(endpoint()).host} ${detail} →`);
    expect(out).toContain('✓ aws: connection okta-bronto: AUTHORIZED');
  });

  test('AWS answers an HTTP 500 HTML page: ? naming the status and content type, not the IAM policy', async () => {
    world.htmlErrorFor = 'AWSEvents.DescribeConnection';
    const { code, out } = await doctor();
    expect(code).toBe(1);
    const line = out.split('\n').find((l) => l.includes('connection okta-bronto'))!;
    expect(line).toMatch(/^ {2}\? aws: connection okta-bronto: 127\.0\.0\.1:\d+ answered HTTP 500 \(text\/html\)/);
    expect(line).not.toContain('IAM');
  });

  test.each([
    ['a target on another bus', { targetArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' }, 'target is arn:aws:events:eu-west-1:123456789012:event-bus/default, not the stack\'s API destination okta-bronto'],
    ['another account\'s API destination of the same name', { targetArn: 'arn:aws:events:eu-west-1:999999999999:api-destination/okta-bronto/0f1e' }, 'target is arn:aws:events:eu-west-1:999999999999:api-destination/okta-bronto/0f1e, not the stack\'s API destination okta-bronto'],
    ['another role', { targetRoleArn: 'arn:aws:iam::123456789012:role/admin' }, 'target role is arn:aws:iam::123456789012:role/admin, not the stack\'s role /okta-log-streaming/okta-bronto-…'],
    ['a dead-letter queue of the same name in another account', { targetDeadLetterArn: 'arn:aws:sqs:eu-west-1:999999999999:okta-bronto-dlq' }, 'dead-letter queue arn:aws:sqs:eu-west-1:999999999999:okta-bronto-dlq, not arn:aws:sqs:eu-west-1:123456789012:okta-bronto-dlq'],
  ])('%s is ✗, exit 2', async (_what, change, detail) => {
    Object.assign(world, change);
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain(`✗ aws: rule okta-bronto: ${detail}`);
  });

  test('events that failed and could not reach the dead-letter queue are lost: ✗, and the fix is the queue\'s policy or key, not an empty queue', async () => {
    world.metrics = { ...healthy().metrics, FailedInvocations: 5, InvocationsFailedToBeSentToDlq: 5 };
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('5 failed, 0 to the dead-letter queue, 5 lost (could not reach it)');
    expect(out).toContain('→ events were lost: the dead-letter queue refused them');
  });

  test('dead letters in flight are not an empty queue', async () => {
    world.inFlight = 4;
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('✗ aws: dead-letter queue okta-bronto-dlq: 0 event(s) wait, 4 in flight');
  });

  test('dead letters of the partner bus itself get the bus\'s fix: the key, then redrive', async () => {
    world.busDeadLetters = 2;
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('✗ aws: dead-letter queue okta-bronto-partner-bus-dead-letters: 2 event(s) wait → events the partner bus itself could not process');
    expect(out).toContain('fix the key (docs/encryption.md), then redrive them');
  });

  test('a PENDING source and no bus yet: the rule cannot be there (not "on the default bus"), no metrics read', async () => {
    Object.assign(world, { sourceState: 'PENDING', busExists: false });
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain(`✗ aws: partner event source ${BUS}: PENDING: no partner bus is associated with it yet → apply the stack: it creates the partner bus`);
    expect(out).toContain('✗ aws: rule okta-bronto: cannot be there: its partner bus does not exist (above)');
    expect(out).not.toContain('default bus');
    expect(operations.some((o) => o.operation.endsWith('GetMetricData'))).toBe(false);
  });

  test('quiet as the stack\'s alarm defines it (okta_quiet_hours, 2 h): no event in that window is ✗, exit 2, with what is left to check', async () => {
    world.quietMatched = 0;
    const { code, out } = await doctor();
    expect(code).toBe(2);
    expect(out).toContain('none in the last 2 h, which the stack\'s okta-quiet alarm calls quiet → with the stream and partner source ACTIVE (above), Okta has sent nothing');
  });

  test('the whole run as a person types it: synthesized first, checks streamed, no SDK Node-version notice', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-process-'));
    try {
      // Asynchronous: the fake APIs answer from this process.
      const run = await spawnAsync(process.execPath, [path.join(root, 'cli', 'bin.js'), 'doctor', '--config', path.join(root, 'examples', 'bronto.yaml'), '--timeout-seconds', '5'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: work, CDKTF_OUTDIR: path.join(work, 'cdktf.out'), AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret', AWS_ENDPOINT_URL: endpoint(), OKTA_LOG_STREAMING_OKTA_ORIGIN: endpoint(), OKTA_API_TOKEN: 'test-token' },
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringContaining('NodeVersionSupportWarning') });
      expect(run.stdout).toContain('okta-log-streaming: synthesized 2 stack(s)');
      expect(run.stdout).toContain('✓ aws: dead-letter queue okta-bronto-dlq: empty');
      expect(run.stdout.trimEnd().split('\n').pop()).toBe('okta-log-streaming: doctor: healthy (0 broken, 0 to look at, 0 not checked, of 1 stack)');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
