/**
 * `okta-log-streaming doctor`: are Okta events flowing end to end, and if not, what to fix. Read-only
 * checks of every synthesized stack (or those named with --stack): the Okta stream, then in AWS the
 * partner source and bus, rules, targets, connections, API destinations, the rules' metrics and the
 * dead-letter queues. Each check is ✓ / ✗ / ! (or ? when it could not be made) with its fix in one
 * line. Flags: cli/commands.ts.
 *
 * Exit 0 healthy, 2 degraded (something is broken), 1 something could not be checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Values } from './args';
import type { Context } from './command';
import { AwsClients, awsChecks } from './doctor/aws-checks';
import { missingAwsCredentials } from './credentials';
import { missingOktaCredentials, OktaClient, oktaChecks, oktaCredentials } from './doctor/okta-checks';
import { Check, checkLine, exitCode, jsonReport, StackReport, summaryLine } from './doctor/report';
import { StackFacts, stackFacts } from './doctor/stack-facts';
import { pipelineStacks, synthesizeUnlessAsked } from './terraform';

export interface DoctorArgs {
  /** Only these stacks. @default - every pipeline stack */
  readonly stacks?: readonly string[];
  readonly json: boolean;
  readonly windowHours: number;
  readonly peekDeadLetters: boolean;
  readonly instanceMetadata: boolean;
  /** Each request's bound. @default 10 */
  readonly timeoutSeconds: number;
}

/** The doctor's settings from the parsed flags (cli/commands.ts). */
export function doctorArgs(values: Values): DoctorArgs {
  return {
    stacks: values.stack as string[] | undefined,
    json: values.json === true,
    windowHours: (values['window-hours'] as number | undefined) ?? 24,
    peekDeadLetters: values['peek-dlq'] === true,
    instanceMetadata: values['instance-metadata'] === true,
    timeoutSeconds: (values['timeout-seconds'] as number | undefined) ?? 10,
  };
}

/** An endpoint override the SDK documents (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL), read from the doctor's environment. */
export function endpointOf(sdkId: string, env: NodeJS.ProcessEnv): string | undefined {
  return env[`AWS_ENDPOINT_URL_${sdkId}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** The host a client of `service` calls: its endpoint override, or the regional endpoint. */
export function hostOf(service: string, sdkId: string, region: string, env: NodeJS.ProcessEnv): string {
  const url = endpointOf(sdkId, env);
  return url ? new URL(url).host : `${service}.${region}.amazonaws.com`;
}

/**
 * The SDK clients for one stack's account and region (endpoints from AWS_ENDPOINT_URL… when set),
 * each request bounded: a connection and an answer within the timeout, two attempts at most (the SDK
 * retries timeouts and 5xx), so a host that never answers costs seconds, not the CI job.
 */
function awsClients(region: string, timeoutSeconds: number, env: NodeJS.ProcessEnv): AwsClients {
  // Loaded only for stacks with an AWS side.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { EventBridgeClient } = require('@aws-sdk/client-eventbridge') as typeof import('@aws-sdk/client-eventbridge');
  const { CloudWatchClient } = require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch');
  const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = (sdkId: string) => ({
    region,
    endpoint: endpointOf(sdkId, env),
    maxAttempts: 2,
    // throwOnRequestTimeout: without it the handler only logs a warning and waits on (@smithy/node-http-handler).
    requestHandler: { connectionTimeout: timeoutSeconds * 1000, requestTimeout: timeoutSeconds * 1000, throwOnRequestTimeout: true },
  });
  return {
    sts: new STSClient(config('STS')),
    events: new EventBridgeClient(config('EVENTBRIDGE')),
    cloudwatch: new CloudWatchClient(config('CLOUDWATCH')),
    sqs: new SQSClient(config('SQS')),
    hosts: { sts: hostOf('sts', 'STS', region, env), events: hostOf('events', 'EVENTBRIDGE', region, env), cloudwatch: hostOf('monitoring', 'CLOUDWATCH', region, env), sqs: hostOf('sqs', 'SQS', region, env) },
    timeoutSeconds,
    unreachable: new Set(),
    profile: env.AWS_PROFILE,
  };
}

export function oktaOrigin(facts: StackFacts, env: NodeJS.ProcessEnv): string {
  // Another origin for a proxy (and the tests' local server).
  return env.OKTA_LOG_STREAMING_OKTA_ORIGIN || `https://${facts.okta.orgName}.${facts.okta.baseUrl}`;
}

export async function runDoctor({ values, env, output }: Context): Promise<number> {
  const args = doctorArgs(values);
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, output)) return 1;
  let stacks: StackFacts[];
  try {
    stacks = pipelineStacks(outdir, args.stacks).map((s) => stackFacts(s.name, JSON.parse(fs.readFileSync(path.join(s.dir, 'cdk.tf.json'), 'utf8'))));
  } catch (error) {
    output.err(`okta-log-streaming: doctor: ${(error as Error).message}`);
    return 1;
  }
  if (stacks.length === 0) {
    output.err(`okta-log-streaming: doctor: no stacks in ${outdir}`);
    return 1;
  }
  // Everything missing, at once, before any request.
  const credentials = oktaCredentials(env);
  const missing = [...missingOktaCredentials(credentials), ...(stacks.some((s) => s.aws !== undefined) ? missingAwsCredentials(env, args.instanceMetadata) : [])];
  if (missing.length > 0) {
    output.err(`okta-log-streaming: doctor: nothing was checked; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    return 1;
  }
  if (!args.instanceMetadata) process.env.AWS_EC2_METADATA_DISABLED = 'true';
  // The SDK's nine-line Node version notice would land in every report (and the drift job summary);
  // the SDK's documented switch turns it off. Node itself: docs/operations.md.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const reports: StackReport[] = [];
  // Text streams: each check as it is made. JSON is one document at the end.
  const stream = (check: Check) => {
    if (!args.json) output.out(checkLine(check));
  };
  for (const facts of stacks) {
    if (!args.json) output.out(facts.stack);
    const checks = [...(await oktaChecks(facts, new OktaClient(oktaOrigin(facts, env), credentials, args.timeoutSeconds)))];
    checks.forEach(stream);
    if (facts.aws !== undefined) {
      checks.push(...(await awsChecks(facts, awsClients(facts.aws.region, args.timeoutSeconds, env), { windowHours: args.windowHours, peekDeadLetters: args.peekDeadLetters, onCheck: stream })));
    }
    reports.push({ stack: facts.stack, checks });
  }
  output.out(args.json ? jsonReport(reports) : summaryLine(reports));
  return exitCode(reports);
}
