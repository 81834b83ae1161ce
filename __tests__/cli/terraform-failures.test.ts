/**
 * explainFailure on Terraform's real wording. The fixtures were captured from terraform 1.11.4 on
 * this machine (linux_amd64, offline), unless marked as quoted from source: the okta provider
 * cannot run here, and AWS was stood in for by a loopback HTTP server answering as S3 and STS do
 * (bodies shaped like hashicorp/aws-sdk-go-base servicemocks/mock.go), reached through the S3
 * backend's and aws provider's `endpoints`. Trailing spaces of the captures are trimmed.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { explainFailure, FailureContext } from '../../cli/terraform-failures';

const context: FailureContext = {
  stack: 'okta-bronto',
  command: 'plan',
  lockFile: 'terraform-locks/okta-bronto.terraform.lock.hcl',
  ci: true,
  bootstrapped: true,
};
const DIR = 'cdktf.out/stacks/okta-bronto';
const explain = (output: string, overrides: Partial<FailureContext> = {}) => explainFailure(output, { ...context, ...overrides });

/** One to four lines, plain text: it is printed above Terraform's own diagnostic. */
function expectShort(fix: string | undefined): string {
  expect(fix).toBeDefined();
  const lines = (fix ?? '').split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.length).toBeLessThanOrEqual(4);
  expect(fix).not.toMatch(/[`*#]/);
  return fix ?? '';
}

// ---- 1. Lock file under -lockfile=readonly ------------------------------------------------------

// Captured: `terraform init -input=false -no-color -lockfile=readonly -plugin-dir=/opt/tf-plugins`
// in a directory requiring hashicorp/aws 5.100.0, with a .terraform.lock.hcl that lacks it (the same
// text when there is no lock file at all).
const LOCK_FILE_LACKS_PROVIDER = `Initializing the backend...
Initializing provider plugins...
- Finding hashicorp/aws versions matching "5.100.0"...
- Installing hashicorp/aws v5.100.0...
- Installed hashicorp/aws v5.100.0 (unauthenticated)

Error: Provider dependency changes detected

Changes to the required provider dependencies were detected, but the lock
file is read-only. To use and record these requirements, run "terraform init"
without the "-lockfile=readonly" flag.
`;

// Captured: as above, the lock listing aws 5.100.0 with only a checksum of another platform's package.
const LOCK_FILE_OTHER_PLATFORM = `Initializing the backend...
Initializing provider plugins...
- Reusing previous version of hashicorp/aws from the dependency lock file
- Installing hashicorp/aws v5.100.0...

Error: Failed to install provider

Error while installing hashicorp/aws v5.100.0: the local package for
registry.terraform.io/hashicorp/aws 5.100.0 doesn't match any of the
checksums previously recorded in the dependency lock file (this might be
because the available checksums are for packages targeting different
platforms); for more information:
https://developer.hashicorp.com/terraform/language/files/dependency-lock#checksum-verification
`;

// Captured: as above, the lock pinning aws 5.99.0 while the configuration asks for 5.100.0.
const LOCK_FILE_OLD_VERSION = `Initializing the backend...
Initializing provider plugins...
- Reusing previous version of hashicorp/aws from the dependency lock file

Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
locked provider registry.terraform.io/hashicorp/aws 5.99.0 does not match
configured version constraint 5.100.0; must use terraform init -upgrade to
allow selection of new versions

To see which modules are currently depending on hashicorp/aws and what
versions are specified, run the following command:
    terraform providers
`;

describe('lock file under -lockfile=readonly', () => {
  /** The one step that makes kept lock files, named with the stack and the config it needs. */
  const LOCK_FILES = 'okta-log-streaming lock-files --config <your config> --stack okta-bronto';

  test('a missing or incomplete lock: name the file, the lock-files command outside CI, commit it; never "drop -lockfile=readonly"', () => {
    const fix = expectShort(explain(LOCK_FILE_LACKS_PROVIDER));
    expect(fix).toMatch(/^terraform-locks\/okta-bronto\.terraform\.lock\.hcl is missing or does not list every provider stack okta-bronto needs/);
    expect(fix).toContain(`Outside CI, run ${LOCK_FILES}`);
    expect(fix).toContain('for linux_amd64, darwin_arm64 and darwin_amd64');
    expect(fix).toMatch(/\nCommit terraform-locks\/okta-bronto\.terraform\.lock\.hcl\.$/);
    // Not the manual loop: no hand-run providers lock, no copying out of cdktf.out/, no plan to write it.
    expect(fix).not.toMatch(/providers lock|cdktf\.out|copy|okta-log-streaming plan|lockfile=readonly|without the/);
  });

  test('a lock made on another platform: lock-files adds the checksums, --platform for another one', () => {
    const fix = expectShort(explain(LOCK_FILE_OTHER_PLATFORM));
    expect(fix).toMatch(/no checksums for this machine's platform/);
    expect(fix).toContain(`Outside CI, run ${LOCK_FILES}`);
    expect(fix).toContain('--platform OS_ARCH');
    expect(fix).toMatch(/\nCommit terraform-locks\/okta-bronto\.terraform\.lock\.hcl\.$/);
    expect(fix).not.toMatch(/providers lock|cdktf\.out|copy|lockfile=readonly/);
  });

  test('a lock pinning a version the configuration no longer allows: delete it, lock-files writes a new one', () => {
    const fix = expectShort(explain(LOCK_FILE_OLD_VERSION));
    expect(fix).toContain('terraform-locks/okta-bronto.terraform.lock.hcl pins a provider version');
    // lock-files keeps the versions a lock file has: the old one must go first.
    expect(fix).toContain(`Delete it, then outside CI run ${LOCK_FILES}`);
    expect(fix).toMatch(/\nCommit terraform-locks\/okta-bronto\.terraform\.lock\.hcl\.$/);
    expect(fix).not.toMatch(/init -upgrade|cdktf\.out|copy|okta-log-streaming plan|lockfile=readonly/);
  });

  test('a lock dir moved with OKTA_LOG_STREAMING_LOCK_DIR: the file named is that one', () => {
    const fix = expectShort(explain(LOCK_FILE_LACKS_PROVIDER, { lockFile: 'locks/okta-bronto.terraform.lock.hcl' }));
    expect(fix).toMatch(/^locks\/okta-bronto\.terraform\.lock\.hcl is missing/);
    expect(fix).toMatch(/\nCommit locks\/okta-bronto\.terraform\.lock\.hcl\.$/);
  });

  test('for real: a kept lock that no longer fits, init read-only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-failures-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "terraform_data" "x" {}\n');
      // A provider the configuration does not need: the lock would change, which read-only forbids.
      fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/null" {\n  version = "3.2.2"\n}\n');
      const run = terraform(dir, 'init', '-input=false', '-no-color', '-lockfile=readonly');
      expect(run.status).toBe(1);
      expect(explain(run.stderr + run.stdout)).toContain('is missing or does not list every provider stack okta-bronto needs');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- 2. State lock held -----------------------------------------------------------------------

// Captured: `terraform plan -no-color` on a local backend while `terraform apply` of a terraform_data
// with a `sleep 4` local-exec provisioner ran in another process.
const STATE_LOCK_LOCAL = `
Error: Error acquiring the state lock

Error message: resource temporarily unavailable
Lock Info:
  ID:        b4b92a04-5fd3-5423-431e-5d1986cae68f
  Path:      terraform.tfstate
  Operation: OperationTypeApply
  Who:       root@vm
  Version:   1.11.4
  Created:   2026-12-07 07:38:00.660620682 +0000 UTC
  Info:


Terraform acquires a state lock to protect the state from being written
by multiple users at the same time. Please resolve the issue above and try
again. For most commands, you can disable locking with the "-lock=false"
flag, but this is not recommended.
`;

// Captured: `terraform plan -no-color -lock-timeout=0s` on an S3 backend with use_lockfile = true,
// the loopback S3 answering PutObject of the .tflock with 412 PreconditionFailed and GetObject with
// a lock as a CI runner would have written it.
const STATE_LOCK_S3 = `
Error: Error acquiring the state lock

Error message: operation error S3: PutObject, https response error
StatusCode: 412, RequestID: J8YZ1BH4X9W2Q7RE, HostID: hRlo6Zi8pXUqJ1L7Gxk=,
api error PreconditionFailed: At least one of the pre-conditions you
specified did not hold
Lock Info:
  ID:        9db590f1-b6fe-c5f2-2678-8804f089deba
  Path:      okta-log-streaming-state-123456789012/okta-log-streaming/okta-bronto.tfstate
  Operation: OperationTypeApply
  Who:       runner@fv-az1234-567
  Version:   1.11.4
  Created:   2026-12-07 06:58:41.118764 +0000 UTC
  Info:


Terraform acquires a state lock to protect the state from being written
by multiple users at the same time. Please resolve the issue above and try
again. For most commands, you can disable locking with the "-lock=false"
flag, but this is not recommended.
`;

describe('state lock held', () => {
  test('names who holds it and since when, says to wait, and force-unlock only as a last resort', () => {
    const fix = expectShort(explain(STATE_LOCK_S3));
    expect(fix).toContain('locked by runner@fv-az1234-567 since 2026-12-07 06:58:41 UTC (terraform apply)');
    expect(fix).toMatch(/Another plan or apply is probably still running: wait/);
    expect(fix).toContain(`Only once you are sure nothing runs`);
    expect(fix).toContain(`terraform -chdir=${DIR} force-unlock 9db590f1-b6fe-c5f2-2678-8804f089deba`);
    expect(fix).not.toContain('-lock=false');
  });

  test('the local backend: the same table', () => {
    const fix = expectShort(explain(STATE_LOCK_LOCAL, { dir: 'out/stacks/okta-bronto' }));
    expect(fix).toContain('locked by root@vm since 2026-12-07 07:38:00 UTC');
    expect(fix).toContain('terraform -chdir=out/stacks/okta-bronto force-unlock b4b92a04-5fd3-5423-431e-5d1986cae68f');
  });

  test('box-drawn output (without -no-color) reads the same', () => {
    const boxed = STATE_LOCK_S3.split('\n').map((l) => (l.startsWith('Error:') ? `╷\n│ ${l}` : `│ ${l}`)).join('\n') + '\n╵';
    expect(explain(boxed)).toBe(explain(STATE_LOCK_S3));
  });

  test('a lock that could not be tried (no table) is not "held"', () => {
    // Constructed, not captured: a lock error without Lock Info, its cause another failure's.
    const expired = 'Error: Error acquiring the state lock\n\nError message: operation error S3: PutObject, https response error StatusCode: 400, api error ExpiredToken: The provided token has expired.\n';
    expect(explain(expired)).toMatch(/^The AWS credentials have expired/);
  });

  test('for real: plan while an apply holds the lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-failures-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "terraform_data" "slow" {\n  provisioner "local-exec" {\n    command = "sleep 0.5"\n  }\n}\n');
      expect(terraform(dir, 'init', '-input=false', '-no-color').status).toBe(0);
      const apply = spawn('terraform', [`-chdir=${dir}`, 'apply', '-auto-approve', '-input=false', '-no-color'], { env: terraformEnv(dir), stdio: 'ignore' });
      const applied = new Promise((resolve) => apply.on('close', resolve));
      // The local backend writes its lock info next to the state while it holds the lock.
      const lockInfo = path.join(dir, '.terraform.tfstate.lock.info');
      for (let i = 0; i < 200 && !fs.existsSync(lockInfo); i++) await new Promise((r) => setTimeout(r, 10));
      const plan = terraform(dir, 'plan', '-input=false', '-no-color', '-lock-timeout=0s');
      await applied;
      const fix = explain(plan.stderr + plan.stdout, { dir });
      expect(fix).toMatch(new RegExp(`^The state of okta-bronto is locked by ${os.userInfo().username}@\\S+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(terraform apply\\)`));
      expect(fix).toMatch(new RegExp(`force-unlock [0-9a-f-]{36}$`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- 3. State bucket missing ------------------------------------------------------------------

// Captured: `terraform init -no-color` on an S3 backend whose loopback S3 answers every request
// with 404 and S3's NoSuchBucket body ("The specified bucket does not exist").
const S3_NO_SUCH_BUCKET = `Initializing the backend...

Error: Failed to get existing workspaces: S3 bucket "okta-log-streaming-state-123456789012" does not exist.

The referenced S3 bucket must have been previously created. If the S3 bucket
was created within the last minute, please wait for a minute or two and try
again.

Error: operation error S3: ListObjectsV2, https response error StatusCode: 404, RequestID: 4442587FB7D0A2F9, HostID: vlR7PnpV2Ce81puvDhxGRA==, NoSuchBucket:


`;

describe('state bucket missing', () => {
  test('bootstrapped: create it with the bootstrap command', () => {
    const fix = expectShort(explain(S3_NO_SUCH_BUCKET, { command: 'init' }));
    expect(fix).toContain('"okta-log-streaming-state-123456789012"');
    expect(fix).toContain('okta-log-streaming bootstrap');
  });

  test('not bootstrapped: create the backend.bucket bucket, or set backend.bootstrap: true', () => {
    const fix = expectShort(explain(S3_NO_SUCH_BUCKET, { bootstrapped: false }));
    expect(fix).toContain('"okta-log-streaming-state-123456789012" named in backend.bucket does not exist');
    expect(fix).toContain('backend.bootstrap: true');
  });
});

// ---- 4. AWS credentials -----------------------------------------------------------------------

// Captured: `terraform init -no-color` on the S3 backend with no AWS credentials at all
// (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE=/dev/null), skip_metadata_api_check = true.
const AWS_NO_CREDENTIALS_BACKEND = `Initializing the backend...

Error: No valid credential sources found

Please see https://developer.hashicorp.com/terraform/language/backend/s3
for more information about providing credentials.

Error: failed to refresh cached credentials, no EC2 IMDS role found,
operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client
option, or "AWS_EC2_METADATA_DISABLED" environment variable

`;

// Captured: as above with skip_metadata_api_check = false and AWS_EC2_METADATA_SERVICE_ENDPOINT at a
// closed loopback port: what a laptop without credentials sees.
const AWS_NO_CREDENTIALS_IMDS = `Initializing the backend...

Error: No valid credential sources found

Please see https://developer.hashicorp.com/terraform/language/backend/s3
for more information about providing credentials.

Error: failed to refresh cached credentials, no EC2 IMDS role found,
operation error ec2imds: GetMetadata, exceeded maximum number of attempts, 3,
request send failed, Get
"http://127.0.0.1:18556/latest/meta-data/iam/security-credentials/": dial tcp
127.0.0.1:18556: connect: connection refused

`;

// Captured: `terraform plan -no-color` of a data "aws_caller_identity" with the aws provider 5.100.0
// (from /opt/tf-plugins) and no credentials.
const AWS_NO_CREDENTIALS_PROVIDER = `
Planning failed. Terraform encountered an error while generating this plan.


Error: No valid credential sources found

  with provider["registry.terraform.io/hashicorp/aws"],
  on main.tf line 6, in provider "aws":
   6: provider "aws" {

Please see https://registry.terraform.io/providers/hashicorp/aws
for more information about providing credentials.

Error: failed to refresh cached credentials, no EC2 IMDS role found,
operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client
option, or "AWS_EC2_METADATA_DISABLED" environment variable

`;

// Captured: `terraform init -no-color` on the S3 backend, the loopback STS answering
// GetCallerIdentity with 403 ExpiredToken.
const AWS_EXPIRED_TOKEN_BACKEND = `Initializing the backend...

Error: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: c6104cbe-af31-11e0-8154-cbc7ccf896c7, api error ExpiredToken: The security token included in the request is expired

`;

// Captured: the aws provider 5.100.0 in a cdk.tf.json, `terraform plan -no-color`, the same STS.
const AWS_EXPIRED_TOKEN_PROVIDER = `
Planning failed. Terraform encountered an error while generating this plan.


Error: Retrieving AWS account details: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: c6104cbe-af31-11e0-8154-cbc7ccf896c7, api error ExpiredToken: The security token included in the request is expired

  with provider["registry.terraform.io/hashicorp/aws"],
  on cdk.tf.json line 20, in provider.aws[0]:
  20:       }

`;

// Captured: the S3 backend, the loopback STS answering 403 InvalidClientTokenId.
const AWS_INVALID_TOKEN = `Initializing the backend...

Error: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: c6104cbe-af31-11e0-8154-cbc7ccf896c7, api error InvalidClientTokenId: The security token included in the request is invalid.

`;

// Captured: the S3 backend with AWS_PROFILE naming an SSO profile (sso_start_url) whose token in
// ~/.aws/sso/cache had expired: no network is needed to be told.
const AWS_SSO_EXPIRED = `Initializing the backend...

Error: No valid credential sources found

Please see https://developer.hashicorp.com/terraform/language/backend/s3
for more information about providing credentials.

Error: failed to refresh cached credentials, the SSO session has expired or
is invalid

`;

describe('AWS credentials', () => {
  test.each([
    ['the S3 backend', AWS_NO_CREDENTIALS_BACKEND],
    ['the S3 backend, instance metadata tried', AWS_NO_CREDENTIALS_IMDS],
    ['the aws provider', AWS_NO_CREDENTIALS_PROVIDER],
  ])('missing, from %s: what to set, locally and in CI', (_where, output) => {
    const local = expectShort(explain(output, { ci: false }));
    expect(local).toMatch(/^No AWS credentials were found/);
    expect(local).toContain('AWS_PROFILE');
    expect(local).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    const ci = expectShort(explain(output, { ci: true }));
    expect(ci).toContain('OIDC role');
    expect(ci).toContain('AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE');
  });

  test.each([
    ['the S3 backend', AWS_EXPIRED_TOKEN_BACKEND],
    ['the aws provider', AWS_EXPIRED_TOKEN_PROVIDER],
  ])('expired, from %s: fresh credentials, not "missing"', (_where, output) => {
    const local = expectShort(explain(output, { ci: false }));
    expect(local).toMatch(/^The AWS credentials have expired/);
    expect(local).toContain('aws sso login');
    expect(local).toContain('AWS_SESSION_TOKEN');
    expect(expectShort(explain(output, { ci: true }))).toContain('OIDC role');
  });

  test('invalid: the key was deleted or deactivated', () => {
    const fix = expectShort(explain(AWS_INVALID_TOKEN));
    expect(fix).toMatch(/^AWS rejected the credentials as invalid/);
    expect(fix).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  });

  test('an expired SSO session, though Terraform calls it "No valid credential sources": aws sso login', () => {
    const fix = expectShort(explain(AWS_SSO_EXPIRED, { ci: false }));
    expect(fix).toMatch(/^The AWS SSO session has expired: run aws sso login/);
    expect(fix).not.toMatch(/No AWS credentials were found/);
  });
});

// ---- 5. Okta credentials ----------------------------------------------------------------------

// Quoted from source (the okta provider cannot run here), in the frame Terraform 1.11.4 printed for
// a provider block of a cdk.tf.json above. okta/terraform-provider-okta v4.20.0 okta/provider.go
// providerConfigure: "[ERROR] failed to load sdk clients: %v", with sdk/v2_validator.go
// validateAPIToken: no OKTA_API_TOKEN (nor OKTA_API_PRIVATE_KEY) leaves the SDK in SSWS mode.
const OKTA_TOKEN_MISSING = `
Planning failed. Terraform encountered an error while generating this plan.


Error: [ERROR] failed to load sdk clients: your Okta API token is missing. You can generate one in the Okta Developer Console. Follow these instructions: https://bit.ly/get-okta-api-token

  with provider["registry.terraform.io/okta/okta"],
  on cdk.tf.json line 520, in provider.okta[0]:
 520:       }
`;

// Quoted from source: okta/framework_provider.go Configure, the same validator, for the framework
// half of the muxed provider (okta_log_stream is one of its resources).
const OKTA_TOKEN_MISSING_FRAMEWORK = `
Error: failed to load default value to provider

your Okta API token is missing. You can generate one in the Okta Developer
Console. Follow these instructions: https://bit.ly/get-okta-api-token
`;

// Quoted from source: okta/config.go builds the org URL as "https://%v.%v" of org_name and base_url,
// so a token without OKTA_ORG_NAME calls https://.okta.com in verifyCredentials (GET /users/me). The
// DNS failure after the URL is Go's usual wording, not verified here; the matcher needs only the URL.
const OKTA_ORG_MISSING = `
Error: [ERROR] failed validate configuration: error with v3 SDK client: Get "https://.okta.com/api/v1/users/me": dial tcp: lookup .okta.com: no such host
`;

// Quoted from source: verifyCredentials again; okta-sdk-golang v4.1.2 api_user.go GetUserExecute
// reports a rejected token by its HTTP status.
const OKTA_TOKEN_REJECTED = `
Error: [ERROR] failed validate configuration: error with v3 SDK client: 401 Unauthorized
`;

// Quoted from source: the v2 SDK (sdk/v2_error.go "the API returned an error: %s") with the
// errorSummary of Okta's E0000011 (okta-sdk-golang okta/api/openapi.yaml, "Invalid token provided").
const OKTA_TOKEN_REJECTED_V2 = `
Error: the API returned an error: Invalid token provided
`;

describe('Okta credentials', () => {
  test.each([
    ['no token', OKTA_TOKEN_MISSING],
    ['no token, framework provider', OKTA_TOKEN_MISSING_FRAMEWORK],
    ['no org', OKTA_ORG_MISSING],
  ])('missing (%s): name the variables to set', (_what, output) => {
    const fix = expectShort(explain(output));
    expect(fix).toContain('OKTA_ORG_NAME, OKTA_BASE_URL and OKTA_API_TOKEN (or OKTA_API_CLIENT_ID with OKTA_API_PRIVATE_KEY)');
  });

  test.each([
    ['401 from the v3 SDK', OKTA_TOKEN_REJECTED],
    ['"Invalid token provided" from the v2 SDK', OKTA_TOKEN_REJECTED_V2],
  ])('rejected (%s): a new token, the same org', (_what, output) => {
    const fix = expectShort(explain(output));
    expect(fix).toMatch(/^Okta rejected the API token \(401\)/);
    expect(fix).toContain('OKTA_API_TOKEN');
  });
});

// ---- 6. Log stream deleted in Okta ------------------------------------------------------------

// Quoted from source, in the frame Terraform 1.11.4 printed for a resource of a cdk.tf.json (captured
// for a terraform_data there), at the address cdktf gives the stream of examples/bronto.yaml:
// okta/terraform-provider-okta v4.20.0 okta/resource_okta_log_stream.go Read adds "failed to get log
// stream" with err.Error(), which okta-sdk-golang v4.1.2 api_log_stream.go sets to "404 Not Found".
const LOG_STREAM_404 = `
Planning failed. Terraform encountered an error while generating this plan.


Error: failed to get log stream

  with okta_log_stream.OktaEventSource_LogStream_BC370C20,
  on cdk.tf.json line 446, in resource.okta_log_stream.OktaEventSource_LogStream_BC370C20:
 446:       "OktaEventSource_LogStream_BC370C20": {

404 Not Found
`;

// Quoted from source: the v2 SDK's rendering of the same 404 (sdk/v2_error.go), no address.
const LOG_STREAM_404_V2 = `
Error: failed to get log stream

the API returned an error: Not found: Resource not found: 0oa1b2c3d4e5f6g7h8i9 (LogStream)
`;

describe('log stream deleted in Okta', () => {
  test('state rm of the address Terraform names, then plan again; or adopt another stream', () => {
    const fix = expectShort(explain(LOG_STREAM_404));
    expect(fix).toMatch(/was deleted in Okta/);
    expect(fix).toContain(`terraform -chdir=${DIR} state rm 'okta_log_stream.OktaEventSource_LogStream_BC370C20'`);
    expect(fix).toContain('plan again');
    expect(fix).toContain('adopt.okta_log_stream_id');
  });

  test('without an address in the text: the okta_log_stream resource, by description', () => {
    const fix = expectShort(explain(LOG_STREAM_404_V2));
    expect(fix).toContain(`terraform -chdir=${DIR} state rm <address of the okta_log_stream resource>`);
  });

  test('a 401 on the read is a credentials problem, not a deleted stream', () => {
    expect(explain('Error: failed to get log stream\n\n401 Unauthorized\n')).toMatch(/^Okta rejected the API token/);
  });
});

describe('unknown failures', () => {
  test.each([
    ['an error of no known kind', 'Error: Unsupported argument\n\n  on cdk.tf.json line 3:\n   3: "bogus": 1\n\nAn argument named "bogus" is not expected here.\n'],
    ['a local-exec failure (captured from terraform 1.11.4)', 'Error: local-exec provisioner error\n\n  with terraform_data.okta-bronto_log-stream_7F3A2B1C,\n  on cdk.tf.json line 6, in resource.terraform_data.okta-bronto_log-stream_7F3A2B1C.provisioner[0].local-exec:\n   6:         "provisioner": [{ "local-exec": { "command": "exit 3" } }]\n\nError running command \'exit 3\': exit status 3. Output:\n'],
    ['no output', ''],
  ])('%s: undefined', (_what, output) => {
    expect(explain(output)).toBeUndefined();
  });
});

/** terraform as the CLI runs it, offline, with nothing of this machine's configuration. */
function terraformEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: home, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}

function terraform(dir: string, ...args: string[]) {
  return spawnSync('terraform', [`-chdir=${dir}`, ...args], { env: terraformEnv(dir), encoding: 'utf8' });
}
