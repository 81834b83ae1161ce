/**
 * Failures classified from what the real AWS SDK clients and fetch throw. The DNS case runs in a
 * network namespace of its own with only loopback (unshare -n): the name cannot resolve, and no
 * query leaves the namespace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { classify } from '../../../cli/doctor/errors';

const root = path.join(__dirname, '..', '..', '..');

/** Runs a TypeScript snippet in a fresh network namespace (loopback only) and returns its JSON output. */
function inIsolatedNetwork(script: string, env: Record<string, string> = {}): unknown {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'errors-'));
  try {
    // Imports are absolute ({root}/…): the script lives in the temp dir.
    const file = path.join(work, 'isolated.ts');
    fs.writeFileSync(file, script.replace(/'\{root\}\//g, `'${root}/`));
    try {
      const run = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" --import tsx "${file}"`], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: work, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (run.status !== 0) throw new Error(`isolated run failed (${run.status}): ${run.stderr}`);
      return JSON.parse(run.stdout);
    } finally {
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

describe('classify', () => {
  test('a host name that cannot resolve, through the real SQS client and fetch: DNS, not the IAM policy', () => {
    const result = inIsolatedNetwork(`
      import { GetQueueUrlCommand, SQSClient } from '{root}/node_modules/@aws-sdk/client-sqs';
      import { classify } from '{root}/cli/doctor/errors';
      (async () => {
        const out: unknown[] = [];
        const sqs = new SQSClient({ region: 'eu-west-1', endpoint: 'http://doctor-dns-test.invalid', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
        try { await sqs.send(new GetQueueUrlCommand({ QueueName: 'q' })); } catch (e) { out.push(classify(e, 'doctor-dns-test.invalid', 10)); }
        try { await fetch('http://doctor-dns-test.invalid/api/v1/logStreams'); } catch (e) { out.push(classify(e, 'doctor-dns-test.invalid', 10)); }
        console.log(JSON.stringify(out));
      })();
    `) as { kind: string; detail: string; fix: string }[];
    for (const failure of result) {
      expect(failure.kind).toBe('dns');
      expect(failure.detail).toMatch(/^cannot resolve doctor-dns-test\.invalid \((EAI_AGAIN|ENOTFOUND)\)$/);
      expect(failure.fix).not.toContain('IAM');
    }
    expect(result).toHaveLength(2);
  });

  test('a profile that does not exist, through the real SDK credential chain: named as such', () => {
    const result = inIsolatedNetwork(
      `
      import { GetCallerIdentityCommand, STSClient } from '{root}/node_modules/@aws-sdk/client-sts';
      import { classify } from '{root}/cli/doctor/errors';
      new STSClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }).send(new GetCallerIdentityCommand({})).catch((e) => console.log(JSON.stringify(classify(e, 'sts', 10, process.env.AWS_PROFILE))));
    `,
      { AWS_PROFILE: 'no-such-profile' },
    ) as { kind: string; detail: string; fix: string };
    expect({ kind: result.kind, detail: result.detail }).toEqual({ kind: 'profile-unknown', detail: expect.stringContaining('no credentials for AWS_PROFILE=no-such-profile') });
    expect(result.fix).toContain('AWS_PROFILE names a profile that is not in ~/.aws/config');
  });

  test('AWS error names: expired, invalid, throttled, denied with the action', () => {
    const aws = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
    expect(classify(aws('ExpiredToken', 'The security token included in the request is expired', 403), 'sts', 10).kind).toBe('credentials-expired');
    expect(classify(aws('InvalidClientTokenId', 'The security token included in the request is invalid.', 403), 'sts', 10).kind).toBe('credentials-invalid');
    expect(classify(aws('ThrottlingException', 'Rate exceeded', 400), 'events', 10).kind).toBe('throttled');
    const denied = classify(aws('AccessDeniedException', 'User: arn:aws:iam::1:user/d is not authorized to perform: events:DescribeRule on resource: x', 400), 'events', 10);
    expect(denied).toMatchObject({ kind: 'access-denied', detail: 'not allowed: events:DescribeRule (AccessDeniedException)' });
    expect(denied.fix).toContain('allow events:DescribeRule in the doctor');
  });
});
