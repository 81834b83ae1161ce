/**
 * Credentials, checked before any Terraform run or API call and without the network, all missing
 * ones named at once: Okta only for stacks with an Okta side, AWS only for stacks with an AWS side
 * or an S3 backend. Values are never printed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthesizedStack } from './terraform';

/**
 * Where AWS credentials would come from (the SDK's and the provider's default chain). Instance
 * metadata is never probed unless asked: on a laptop it is a slow timeout, and never what a person meant.
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
  return found ? [] : ['AWS credentials: AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws/credentials, AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (the pipeline\'s OIDC role)'];
}

/** The okta provider's credentials from the environment (okta/terraform-provider-okta, provider arguments and their OKTA_* variables). */
export function missingOktaProviderCredentials(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (set('OKTA_API_TOKEN') || set('OKTA_ACCESS_TOKEN')) return [];
  if (set('OKTA_API_CLIENT_ID') && set('OKTA_API_PRIVATE_KEY')) return [];
  if (set('OKTA_API_CLIENT_ID')) return ['OKTA_API_PRIVATE_KEY (the private key of the OKTA_API_CLIENT_ID service app)'];
  return ['Okta credentials: OKTA_API_TOKEN, or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY (a service app)'];
}

/** Which sides a synthesized stack has: an okta provider, and an aws provider or S3 backend. */
export function sidesOf(stack: SynthesizedStack): { okta: boolean; aws: boolean } {
  const file = ['cdk.tf.json'].map((f) => path.join(stack.dir, f)).find((f) => fs.existsSync(f));
  if (file === undefined) return { okta: true, aws: true };
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { provider?: Record<string, unknown>; terraform?: { backend?: Record<string, unknown> } };
  return { okta: json.provider?.okta !== undefined, aws: json.provider?.aws !== undefined || json.terraform?.backend?.s3 !== undefined };
}

/** True when nothing is missing; else names everything missing, says nothing was run, and returns false. */
export function credentialsPresent(stacks: readonly SynthesizedStack[], env: NodeJS.ProcessEnv, instanceMetadata: boolean, reporter: { problem(line: string): void }): boolean {
  const sides = stacks.map(sidesOf);
  const missing = [...(sides.some((s) => s.okta) ? missingOktaProviderCredentials(env) : []), ...(sides.some((s) => s.aws) ? missingAwsCredentials(env, instanceMetadata) : [])];
  if (missing.length === 0) return true;
  reporter.problem(`credentials missing; nothing was run:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  return false;
}
