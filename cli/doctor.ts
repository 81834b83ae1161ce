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
import { exitCode, jsonReport, StackReport, textReport } from './doctor/report';
import { StackFacts, stackFacts } from './doctor/stack-facts';
import { pipelineStacks, synthesizeUnlessAsked } from './terraform';

export interface DoctorArgs {
  /** Only these stacks. @default - every pipeline stack */
  readonly stacks?: readonly string[];
  readonly json: boolean;
  readonly windowHours: number;
  readonly peekDeadLetters: boolean;
  readonly instanceMetadata: boolean;
}

/** The doctor's settings from the parsed flags (cli/commands.ts). */
export function doctorArgs(values: Values): DoctorArgs {
  return {
    stacks: values.stack as string[] | undefined,
    json: values.json === true,
    windowHours: (values['window-hours'] as number | undefined) ?? 24,
    peekDeadLetters: values['peek-dlq'] === true,
    instanceMetadata: values['instance-metadata'] === true,
  };
}

/** The SDK clients for one stack's account and region (endpoints from AWS_ENDPOINT_URL… when set). */
function awsClients(region: string): AwsClients {
  // Loaded only for stacks with an AWS side.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { EventBridgeClient } = require('@aws-sdk/client-eventbridge') as typeof import('@aws-sdk/client-eventbridge');
  const { CloudWatchClient } = require('@aws-sdk/client-cloudwatch') as typeof import('@aws-sdk/client-cloudwatch');
  const { SQSClient } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { sts: new STSClient({ region }), events: new EventBridgeClient({ region }), cloudwatch: new CloudWatchClient({ region }), sqs: new SQSClient({ region }) };
}

function oktaOrigin(facts: StackFacts, env: NodeJS.ProcessEnv): string {
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
  const reports: StackReport[] = [];
  for (const facts of stacks) {
    const checks = [...(await oktaChecks(facts, new OktaClient(oktaOrigin(facts, env), credentials)))];
    if (facts.aws !== undefined) checks.push(...(await awsChecks(facts, awsClients(facts.aws.region), { windowHours: args.windowHours, peekDeadLetters: args.peekDeadLetters })));
    reports.push({ stack: facts.stack, checks });
  }
  output.out(args.json ? jsonReport(reports) : textReport(reports));
  return exitCode(reports);
}
