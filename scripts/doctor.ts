/**
 * `npm run doctor`: are Okta events flowing end to end, and if not, what to fix. Read-only checks of
 * every synthesized stack (or the one named): the Okta stream, then in AWS the partner source and
 * bus, rules, targets, connections, API destinations, the rules' metrics and the dead-letter queues.
 * Each check is ✓ / ✗ / ! (or ? when it could not be made) with its fix in one line.
 *
 *   npm run doctor                          # synthesize, then check every stack
 *   npm run doctor -- --no-synth --stack okta-bronto --window-hours 6
 *   npm run doctor -- --peek-dlq            # also read one dead letter's error (it stays in the queue)
 *   npm run doctor -- --json                # for machines
 *   npm run doctor -- --instance-metadata   # allow EC2/ECS instance credentials (never probed otherwise)
 *
 * Exit 0 healthy, 2 degraded (something is broken), 1 something could not be checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Output } from '../main';
import { AwsClients, awsChecks } from './doctor/aws-checks';
import { missingOktaCredentials, OktaClient, oktaChecks, oktaCredentials } from './doctor/okta-checks';
import { exitCode, jsonReport, StackReport, textReport } from './doctor/report';
import { StackFacts, stackFacts } from './doctor/stack-facts';
import { pipelineStacks, synthesizeUnlessAsked } from './terraform';

export interface DoctorArgs {
  readonly stack?: string;
  readonly json: boolean;
  readonly windowHours: number;
  readonly peekDeadLetters: boolean;
  readonly instanceMetadata: boolean;
}

export function doctorArgs(args: readonly string[]): DoctorArgs {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const hours = value('--window-hours');
  const windowHours = hours === undefined ? 24 : Number(hours);
  if (!Number.isInteger(windowHours) || windowHours < 1 || windowHours > 24 * 14) throw new Error(`--window-hours ${hours}: give whole hours from 1 to 336`);
  return { stack: value('--stack'), json: args.includes('--json'), windowHours, peekDeadLetters: args.includes('--peek-dlq'), instanceMetadata: args.includes('--instance-metadata') };
}

/**
 * Where AWS credentials would come from, checked without the network. Instance metadata is never
 * probed unless asked: on a laptop it is a slow timeout, and it is never what a person meant.
 */
export function missingAwsCredentials(env: NodeJS.ProcessEnv, instanceMetadata: boolean): string[] {
  const home = env.HOME ?? os.homedir();
  const sharedFiles = [env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config')];
  const found =
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
    env.AWS_PROFILE ||
    (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    sharedFiles.some((file) => fs.existsSync(file)) ||
    instanceMetadata;
  return found ? [] : ['AWS credentials: AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws/credentials, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, or --instance-metadata'];
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

export async function runDoctor(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  let args: DoctorArgs;
  try {
    args = doctorArgs(argv);
  } catch (error) {
    output.err(`okta-log-streaming doctor: ${(error as Error).message}`);
    return 1;
  }
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  if (!synthesizeUnlessAsked(argv, env, output)) return 1;
  let stacks: StackFacts[];
  try {
    stacks = pipelineStacks(outdir)
      .filter((s) => args.stack === undefined || s.name === args.stack)
      .map((s) => stackFacts(s.name, JSON.parse(fs.readFileSync(path.join(s.dir, 'cdk.tf.json'), 'utf8'))));
  } catch (error) {
    output.err(`okta-log-streaming doctor: ${(error as Error).message}`);
    return 1;
  }
  if (stacks.length === 0) {
    output.err(`okta-log-streaming doctor: no stack${args.stack === undefined ? 's' : ` named ${args.stack}`} in ${outdir}`);
    return 1;
  }
  // Everything missing, at once, before any request.
  const credentials = oktaCredentials(env);
  const missing = [...missingOktaCredentials(credentials), ...(stacks.some((s) => s.aws !== undefined) ? missingAwsCredentials(env, args.instanceMetadata) : [])];
  if (missing.length > 0) {
    output.err(`okta-log-streaming doctor: nothing was checked; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
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

if (require.main === module) {
  void runDoctor(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => (process.exitCode = code));
}
