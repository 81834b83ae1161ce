/**
 * Known Terraform failures and the fix a user needs, shown above Terraform's own diagnostic: its
 * advice is generic (and for a read-only lock file, wrong for this project), ours names the file,
 * the command and, for a held state lock, the person.
 *
 * Each matcher cites where its wording comes from, at the versions this project runs: terraform
 * 1.11.4 (hashicorp/terraform, aws-sdk-go-base v2.0.0-beta.62), the okta provider 4.20.0 (what
 * @cdktf/provider-okta 14.1.1 binds) and the aws provider 5.100.0.
 */
import * as path from 'path';

export interface FailureContext {
  /** Stack name, e.g. "okta-bronto". */
  readonly stack: string;
  readonly command: 'init' | 'plan' | 'apply' | 'show';
  /** Where the stack's kept lock file lives, e.g. "terraform-locks/okta-bronto.terraform.lock.hcl". */
  readonly lockFile: string;
  /** CI=true: init ran with -lockfile=readonly. */
  readonly ci: boolean;
  /** The config has a state bucket stack (backend.bootstrap: true). */
  readonly bootstrapped: boolean;
  /** The stack's synthesized directory; default cdktf.out/stacks/<stack> (CDKTF_OUTDIR moves it). */
  readonly dir?: string;
}

/** The platforms `okta-log-streaming lock-files` records checksums for unless --platform says otherwise. */
export const DEFAULT_LOCK_PLATFORMS: readonly string[] = ['linux_amd64', 'darwin_arm64', 'darwin_amd64'];

/** The fix a user needs for a known Terraform failure, or undefined when the text is not one we know. */
export function explainFailure(output: string, context: FailureContext): string | undefined {
  // Diagnostics keep their line structure for the lock table; phrases are matched on `flat`
  // because Terraform wraps long details at ~78 columns, mid-sentence.
  const text = output
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => line.replace(/^[│╷╵]\s?/, ''))
    .join('\n');
  const flat = text.replace(/\s+/g, ' ');
  const dir = context.dir ?? path.posix.join('cdktf.out', 'stacks', context.stack);
  for (const explain of [stateLockHeld, lockFile, stateBucketMissing, awsCredentials, oktaCredentials, logStreamDeleted]) {
    const fix = explain(text, flat, context, dir);
    if (fix !== undefined) return fix;
  }
  return undefined;
}

type Explainer = (text: string, flat: string, context: FailureContext, dir: string) => string | undefined;

/**
 * A state lock someone holds. hashicorp/terraform v1.11.4 internal/command/clistate/state.go
 * ("Error acquiring the state lock", LockErrorMessage) with the table of
 * internal/states/statemgr/locker.go LockInfo.String(). Without the table the lock could not even
 * be tried (e.g. expired credentials), which the other matchers explain.
 */
const stateLockHeld: Explainer = (text, flat, { stack }, dir) => {
  if (!flat.includes('Error acquiring the state lock')) return undefined;
  const field = (name: string) => new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, 'm').exec(text)?.[1].trim() || undefined;
  const id = field('ID');
  if (id === undefined) return undefined;
  const who = field('Who') ?? 'someone';
  // Go's time.Time.String(): "2026-12-07 06:58:41.118764 +0000 UTC"; seconds are enough.
  const created = field('Created')?.replace(/\.\d+/, '').replace(/ \+0000 UTC$/, ' UTC');
  const operation = field('Operation')?.replace(/^OperationType/, '').toLowerCase();
  return [
    `The state of ${stack} is locked by ${who}${created ? ` since ${created}` : ''}${operation ? ` (terraform ${operation})` : ''}.`,
    'Another plan or apply is probably still running: wait for it to finish, then retry.',
    `Only once you are sure nothing runs (e.g. a cancelled CI job), release it: terraform -chdir=${dir} force-unlock ${id}`,
  ].join('\n');
};

/**
 * The kept lock file does not fit the configuration, under -lockfile=readonly. Terraform's advice,
 * to drop the flag, would let CI pick provider versions nobody reviewed: the fix is to make the lock
 * file outside CI with `okta-log-streaming lock-files` (cli/lock-files.ts) and commit it. Wording:
 * hashicorp/terraform v1.11.4 internal/command/init.go ("Provider dependency changes detected"),
 * internal/providercache/installer.go (checksums "previously recorded in the dependency lock file";
 * "locked provider ... does not match configured version constraint").
 */
const lockFile: Explainer = (_text, flat, { lockFile: file, stack }) => {
  // Outside CI the shipped example would be synthesized without --config: the person's own config.
  const lockFiles = `okta-log-streaming lock-files --config <your config> --stack ${stack}`;
  const platforms = `${DEFAULT_LOCK_PLATFORMS.slice(0, -1).join(', ')} and ${DEFAULT_LOCK_PLATFORMS[DEFAULT_LOCK_PLATFORMS.length - 1]}`;
  const commit = `Commit ${file}.`;
  if (/locked provider \S+ \S+ does not match configured version constraint/.test(flat)) {
    return [
      `${file} pins a provider version that stack ${stack} no longer allows.`,
      // lock-files keeps the versions of a lock file it finds: only without one does it select anew.
      `Delete it, then outside CI run ${lockFiles}: it writes a new one with the newest versions allowed.`,
      commit,
    ].join('\n');
  }
  if (flat.includes('checksums previously recorded in the dependency lock file')) {
    return [
      `${file} has no checksums for this machine's platform: it was made on another OS or architecture.`,
      `Outside CI, run ${lockFiles}: it adds the checksums for ${platforms} (if this machine is another platform, give --platform OS_ARCH for each one you use).`,
      commit,
    ].join('\n');
  }
  if (flat.includes('Provider dependency changes detected') || flat.includes('the lock file is read-only')) {
    return [
      `${file} is missing or does not list every provider stack ${stack} needs: it has not been committed.`,
      `Outside CI, run ${lockFiles}: it writes it with the checksums for ${platforms}.`,
      commit,
    ].join('\n');
  }
  return undefined;
};

/**
 * The S3 backend's state bucket does not exist. hashicorp/terraform v1.11.4
 * internal/backend/remote-state/s3/client.go errS3NoSuchBucket (`S3 bucket %q does not exist.`),
 * returned from backend_state.go Workspaces() and client.go get(); the SDK's error code
 * NoSuchBucket, whose S3 message is "The specified bucket does not exist".
 */
/** Terraform's S3 backend could not find its bucket (the wording of the errors it gives, above). */
export function isStateBucketMissing(text: string): boolean {
  return /S3 bucket "([^"]+)" does not exist/.test(text) || /\bNoSuchBucket\b|The specified bucket does not exist/.test(text);
}

const stateBucketMissing: Explainer = (_text, flat, { bootstrapped }) => {
  const named = /S3 bucket "([^"]+)" does not exist/.exec(flat);
  if (!isStateBucketMissing(flat)) return undefined;
  const bucket = named ? `"${named[1]}"` : '(backend.bucket)';
  if (bootstrapped) {
    return `The state bucket ${bucket} does not exist yet: create it once with okta-log-streaming bootstrap, then run this again.`;
  }
  return [
    `The state bucket ${bucket} named in backend.bucket does not exist: create it (versioned, encrypted) in the backend's region,`,
    'or set backend.bootstrap: true and run okta-log-streaming bootstrap to have it created.',
  ].join('\n');
};

/**
 * AWS credentials, for the S3 backend and the aws provider alike (both use aws-sdk-go-base):
 * hashicorp/aws-sdk-go-base v2.0.0-beta.62 internal/config/errors.go ("No valid credential sources
 * found"), aws_config.go / awsauth.go ("validating provider credentials: retrieving caller identity
 * from STS"), with STS's codes ExpiredToken and InvalidClientTokenId (its servicemocks/mock.go), and
 * aws-sdk-go-v2 credentials/ssocreds InvalidTokenError ("the SSO session has expired or is invalid";
 * the AWS CLI's botocore says "Token has expired and refresh failed").
 * Expiry is checked first: an expired SSO session is also reported as "No valid credential sources".
 */
const awsCredentials: Explainer = (_text, flat, { ci }) => {
  if (/SSO session has expired|SSO token has expired|refresh cached SSO token failed|Token has expired and refresh failed/i.test(flat)) {
    return 'The AWS SSO session has expired: run aws sso login --profile <your AWS_PROFILE>, then retry.';
  }
  if (/\bExpiredToken(Exception)?\b|security token included in the request is expired|\btoken has expired\b/i.test(flat)) {
    return [
      'The AWS credentials have expired (a temporary session token).',
      ci
        ? "Re-run the job so the pipeline assumes its OIDC role afresh (or raise the role's maximum session duration)."
        : 'Get fresh ones: aws sso login for an SSO AWS_PROFILE, or new AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.',
    ].join('\n');
  }
  if (/\bInvalidClientTokenId\b|security token included in the request is invalid/.test(flat)) {
    return [
      'AWS rejected the credentials as invalid: the access key was deleted or deactivated, or a temporary key lacks its AWS_SESSION_TOKEN.',
      'Set a working AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys).',
    ].join('\n');
  }
  if (flat.includes('No valid credential sources found')) {
    return [
      'No AWS credentials were found.',
      ci
        ? "In CI, let the pipeline assume its OIDC role (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE, e.g. aws-actions/configure-aws-credentials) before this step."
        : 'Set AWS_PROFILE (after aws sso login for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    ].join('\n');
  }
  return undefined;
};

const OKTA_VARIABLES = 'OKTA_ORG_NAME, OKTA_BASE_URL and OKTA_API_TOKEN (or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY)';

/**
 * The okta provider's credentials. okta/terraform-provider-okta v4.20.0 okta/provider.go
 * providerConfigure ("[ERROR] failed to load sdk clients", "[ERROR] failed validate configuration:
 * error with v3 SDK client"), okta/framework_provider.go Configure ("failed to load default value to
 * provider"), sdk/v2_validator.go ("your Okta API token is missing", "your Okta URL is missing"),
 * okta/config.go (org URL "https://<org_name>.<base_url>": no OKTA_ORG_NAME gives "https://.okta.com").
 * A rejected token: okta-sdk-golang v4.1.2 reports the HTTP status ("401 Unauthorized"), the v2
 * SDK the errorSummary ("the API returned an error: Invalid token provided", sdk/v2_error.go).
 */
const oktaCredentials: Explainer = (_text, flat) => {
  if (/your Okta (API token|URL) is missing|replace \{(apiToken|yourOktaDomain)\}|https:\/\/\.(okta|oktapreview|okta-emea)\.com/.test(flat)) {
    return `The okta provider has no Okta org or credentials: set ${OKTA_VARIABLES}.`;
  }
  if (/Invalid token provided/i.test(flat) || (/\b401 Unauthorized\b/.test(flat) && /okta|SDK client|log stream/i.test(flat))) {
    return [
      'Okta rejected the API token (401): it was revoked, expired unused, or belongs to another org.',
      `Check ${OKTA_VARIABLES} name the same org and a valid token.`,
    ].join('\n');
  }
  return undefined;
};

/**
 * A log stream deleted in Okta while still in state: the provider's Read returns the 404 as an
 * error instead of removing the resource, so every plan fails until the state is fixed.
 * okta/terraform-provider-okta v4.20.0 okta/resource_okta_log_stream.go Read ("failed to get log
 * stream", detail err.Error(): okta-sdk-golang v4.1.2 api_log_stream.go GetLogStreamExecute sets it
 * to the HTTP status, "404 Not Found"); v6.x okta/services/idaas/resource_okta_log_stream.go is the
 * same; the v2 SDK's form is "the API returned an error: Not found: Resource not found: <id> (LogStream)".
 */
const logStreamDeleted: Explainer = (_text, flat, { stack }, dir) => {
  if (!/failed to get log stream/i.test(flat) || !/\b404\b|Not found: Resource not found/i.test(flat)) return undefined;
  const address = /with ((?:module\.[^\s,.]+\.)*okta_log_stream\.[^\s,]+),/.exec(flat)?.[1];
  const target = address ? `'${address}'` : '<address of the okta_log_stream resource>';
  return [
    `The Okta log stream of stack ${stack} was deleted in Okta, but is still in Terraform's state (the okta provider reports the 404 instead of dropping it).`,
    `Remove it from state: terraform -chdir=${dir} state rm ${target}, then plan again to create a new stream;`,
    `or, to keep another existing stream, set adopt.okta_log_stream_id for ${stack} to its id.`,
  ].join('\n');
};
