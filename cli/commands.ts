/**
 * Every command of the tool, declared once: its flags (with types, defaults and meaning), exit codes
 * and examples. The parser, `--help` and the generated reference (docs/cli.md) all read these. A
 * command's code is loaded only when it runs, so help and usage errors load nothing else.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { nonEmpty, numberIn, oneOf, Options, positiveNumber, wholeNumber } from './args';
import { Command, CONFIG, ERROR, load, USAGE } from './command';
import { SYNTH } from './synth-command';

export type { Command, Context } from './command';

const NO_SYNTH: Options = { 'no-synth': { type: 'boolean', description: 'Use cdktf.out/ as it is instead of synthesizing first.' } };
const STACK: Options = {
  stack: { type: 'string', multiple: true, placeholder: 'NAME', parse: nonEmpty, default: 'every stack', description: 'Only this stack.' },
};
const PARALLEL: Options = {
  parallel: { type: 'string', placeholder: 'N', parse: wholeNumber(1, 32), default: '2', description: 'Stacks run at once (output stays in manifest order).' },
};
const LOCKFILE: Options = {
  lockfile: {
    type: 'string',
    placeholder: 'MODE',
    parse: oneOf('readonly'),
    default: 'readonly when CI=true, else the kept lock files are updated',
    description: 'readonly: fail instead of changing terraform-locks/<stack>.terraform.lock.hcl.',
  },
};
const INSTANCE_METADATA: Options = {
  'instance-metadata': { type: 'boolean', description: 'Allow EC2/ECS instance credentials (without it, credentials must come from the environment or ~/.aws).' },
};
const JSON_OUTPUT: Options = { json: { type: 'boolean', description: 'Print the result as one JSON document on stdout (progress stays on stderr).' } };

export const COMMANDS: readonly Command[] = [
  SYNTH,
  {
    name: 'plan',
    summary: 'Plan every stack (or --stack) and save the plans for apply.',
    description: 'Synthesizes, checks credentials and secret variables, then runs terraform init and plan per stack, saving <stack>/tfplan with a fingerprint of what was planned, and a Markdown summary for the pull request (cdktf.out/plan-summary.md).',
    options: { ...CONFIG, ...STACK, ...PARALLEL, ...NO_SYNTH, ...LOCKFILE, ...INSTANCE_METADATA, ...JSON_OUTPUT },
    exitCodes: [[0, 'every stack planned'], [1, 'a stack could not be planned (its ✗ line says why)'], USAGE],
    examples: ['okta-log-streaming plan --config config/prod.yaml', 'okta-log-streaming plan --stack okta-bronto --parallel 1'],
    run: load(() => require('./plan').runPlan),
  },
  {
    name: 'apply',
    summary: 'Apply exactly the plans `plan` saved, stack by stack.',
    description: 'Refuses, before anything is applied, a stack with no saved plan, one whose config changed since it was planned, or a plan older than --max-plan-age-hours. There is no way to apply without a reviewed plan: plan again.',
    options: {
      ...CONFIG,
      ...STACK,
      ...NO_SYNTH,
      ...LOCKFILE,
      ...INSTANCE_METADATA,
      'max-plan-age-hours': { type: 'string', placeholder: 'H', parse: positiveNumber, default: '24', description: 'Refuse plans older than this.' },
    },
    exitCodes: [[0, 'every plan applied'], [1, 'refused, or a stack failed (applying stops there)'], USAGE],
    examples: ['okta-log-streaming apply --config config/prod.yaml', 'okta-log-streaming apply --stack okta-bronto'],
    run: load(() => require('./apply').runApply),
  },
  {
    name: 'bootstrap',
    summary: 'Create the S3 state bucket (backend.bootstrap: true), after showing its plan.',
    description: 'Plans the okta-log-streaming-state stack (the bucket, and with ci the pipeline\'s OIDC provider and roles) and shows the plan; applies it only after an interactive "yes" or with --auto-approve, as terraform apply does. Without a terminal (CI) and without --auto-approve it stops after the plan. Its own state goes into the bucket: the first run applies on a local state and moves it in. Prints the role ARNs to set as repository variables.',
    options: { ...CONFIG, ...NO_SYNTH, ...LOCKFILE, ...INSTANCE_METADATA, 'auto-approve': { type: 'boolean', description: 'Apply the plan without asking.' } },
    exitCodes: [[0, 'the bucket exists (applied, or nothing to change)'], [1, 'an error, or not approved (nothing applied)'], USAGE],
    examples: ['okta-log-streaming bootstrap --config config/prod.yaml', 'okta-log-streaming bootstrap --auto-approve'],
    run: load(() => require('./bootstrap').runBootstrap),
  },
  {
    name: 'lock-files',
    summary: 'Write every stack\'s provider lock file, for every platform, to terraform-locks/ (then commit them).',
    description:
      'Synthesizes, then runs terraform providers lock in every stack (the state bucket stack too) with its kept lock file in place: versions a lock file has stay, only checksums are added (delete a lock file to select the newest versions allowed). Writes terraform-locks/<stack>.terraform.lock.hcl (OKTA_LOG_STREAMING_LOCK_DIR moves it) for every stack or, when any stack fails, for none. Needs the Terraform registry or a mirror (--fs-mirror, --net-mirror), and no credentials.',
    options: {
      ...CONFIG,
      ...STACK,
      ...PARALLEL,
      ...NO_SYNTH,
      platform: {
        type: 'string',
        multiple: true,
        placeholder: 'OS_ARCH',
        parse: (value) => {
          // Go's names, as Terraform's -platform takes them: catches linux-amd64, linux_x86_64, macos_arm64.
          if (!/^(linux|darwin|windows|freebsd|openbsd|netbsd|solaris)_(amd64|arm64|386|arm)$/.test(value)) {
            throw new Error(`got "${value}"; give OS_ARCH as Terraform names platforms: linux_amd64, linux_arm64, darwin_arm64, darwin_amd64, windows_amd64, …`);
          }
          return value;
        },
        default: 'linux_amd64, darwin_arm64 and darwin_amd64',
        description: 'Record checksums for this platform (given, it replaces the defaults).',
      },
      'fs-mirror': { type: 'string', placeholder: 'DIR', parse: nonEmpty, description: 'Read the providers from this filesystem mirror instead of the registry (terraform providers lock -fs-mirror).' },
      'net-mirror': {
        type: 'string',
        placeholder: 'URL',
        parse: (value) => {
          if (!URL.canParse(value) || new URL(value).protocol !== 'https:') throw new Error(`got "${value}"; give the network mirror's https:// base URL`);
          return value;
        },
        description: 'Read the providers from this network mirror instead of the registry (terraform providers lock -net-mirror).',
      },
    },
    exitCodes: [[0, 'every stack locked; the changed lock files written'], [1, 'a stack could not be locked (its ✗ line says why): no lock file was changed'], USAGE],
    examples: [
      'okta-log-streaming lock-files --config config/prod.yaml',
      'okta-log-streaming lock-files --stack okta-bronto --platform linux_amd64 --platform linux_arm64',
      'okta-log-streaming lock-files --fs-mirror /srv/terraform-mirror',
    ],
    run: load(() => require('./lock-files').runLockFiles),
  },
  {
    name: 'drift',
    summary: 'Does reality still match the code? A read-only plan per stack.',
    description: 'Synthesizes, then plans every stack without taking the state lock. One line per stack: clean, drift (with the addresses) or error.',
    options: { ...CONFIG, ...STACK, ...PARALLEL, ...NO_SYNTH, ...LOCKFILE, ...INSTANCE_METADATA, ...JSON_OUTPUT },
    exitCodes: [[0, 'every stack clean'], [1, 'a stack could not be checked'], [2, 'drift: a stack differs from the code (also the code of usage errors, which print usage)']],
    examples: ['okta-log-streaming drift --config config/prod.yaml', 'okta-log-streaming drift --json'],
    run: load(() => require('./drift').runDrift),
  },
  {
    name: 'doctor',
    summary: 'Are events flowing? Read-only checks in Okta and AWS, each with its fix.',
    description: 'Per stack: the Okta stream, the partner source and bus, rules, targets, connections, API destinations, the rules\' metrics and the dead-letter queues. Each check is ✓ / ✗ / ! (or ? when it could not be made) with its fix.',
    options: {
      ...CONFIG,
      ...STACK,
      ...NO_SYNTH,
      ...JSON_OUTPUT,
      'window-hours': { type: 'string', placeholder: 'H', parse: wholeNumber(1, 336), default: '24', description: 'Hours of metrics to read.' },
      'timeout-seconds': { type: 'string', placeholder: 'S', parse: numberIn(0.1, 120), default: '10', description: 'Seconds each request may take; a host that does not answer is a ? line.' },
      'peek-dlq': { type: 'boolean', description: 'Read one dead letter per queue for its error (it stays in the queue).' },
      ...INSTANCE_METADATA,
    },
    exitCodes: [[0, 'healthy'], [1, 'something could not be checked'], [2, 'degraded: something is broken (also the code of usage errors, which print usage)']],
    examples: ['okta-log-streaming doctor --config config/prod.yaml', 'okta-log-streaming doctor --stack okta-bronto --window-hours 6 --peek-dlq'],
    run: load(() => require('./doctor').runDoctor),
  },
  {
    name: 'probe',
    summary: 'Did a real Okta event reach every sink, and how fast? An end-to-end check with latency, per sink.',
    description:
      'Per Okta org: makes a marker event in the System Log (creates a group okta-log-streaming-probe-<uuid>, reads its group.lifecycle.create event, deletes the group at once, also when interrupted; Okta scopes okta.groups.manage and okta.logs.read), then waits for it at every sink of every stack (or --stack) and reads it back: ' +
      'CloudWatch Logs (FilterLogEvents), the S3 archive (the objects Firehose writes under its prefix: minutes, it buffers), Datadog with DD_API_KEY and DD_APP_KEY (Logs Search API); other API destinations by the rule\'s metrics and its dead-letter queue (invoked with no failure: not the vendor\'s word). ' +
      'A sink whose filter excludes the marker is filtered out by design. Each sink: arrived (seconds from the event\'s published time), not yet, or failed with the reason; with --count the median and the slowest.',
    options: {
      ...CONFIG,
      ...STACK,
      ...NO_SYNTH,
      ...JSON_OUTPUT,
      count: { type: 'string', placeholder: 'N', parse: wholeNumber(1, 20), default: '1', description: 'Markers per Okta org; the report gives the median and the slowest latency.' },
      'timeout-minutes': {
        type: 'string',
        placeholder: 'M',
        parse: positiveNumber,
        default: '5 for CloudWatch Logs, 10 for API destinations, the Firehose buffering interval plus 5 for the S3 archive',
        description: 'How long to wait at each sink; a marker not there by then is "not yet".',
      },
      'poll-seconds': { type: 'string', placeholder: 'S', parse: positiveNumber, default: '5', description: 'First wait between looks at the sinks; it grows 1.5 times per look, to 60 s.' },
      'timeout-seconds': { type: 'string', placeholder: 'S', parse: numberIn(0.1, 120), default: '10', description: 'Seconds each request may take.' },
      ...INSTANCE_METADATA,
    },
    exitCodes: [[0, 'every marker reached every sink (or was filtered out by design)'], [1, 'the probe could not run (credentials, Okta refused, a sink could not be read)'], [2, 'a sink failed or the wait timed out (also the code of usage errors, which print usage)']],
    examples: ['okta-log-streaming probe --config config/prod.yaml', 'okta-log-streaming probe --stack okta-all --count 5 --timeout-minutes 15 --json'],
    run: load(() => require('./probe').runProbe),
  },
  {
    name: 'iam-policy',
    summary: 'Print the least-privilege IAM policy a pipeline role needs for this config.',
    description:
      'From the synthesized stacks: the actions of exactly the resource types they declare, on their names (by <stack>-* prefix) in their accounts and regions, and the state bucket (plan: read, and the lock file; drift: read only, it plans with -lock=false, plus the doctor\'s reads; apply: read and write; probe: the sinks\' log groups, archive objects, metrics and dead-letter queues, no state). iam:PassRole only for the stacks\' roles and to the service that assumes each. Needs no credentials. The document goes to stdout, the summary to stderr.',
    options: {
      ...CONFIG,
      role: { type: 'string', placeholder: 'ROLE', parse: oneOf('plan', 'apply', 'drift', 'doctor', 'probe'), required: true, description: 'plan, apply, drift (drift and doctor), doctor or probe (its read-back of the sinks).' },
      json: { type: 'boolean', description: 'Print {role, stacks, characters, policy} as JSON instead of the bare policy document.' },
      terraform: { type: 'boolean', description: 'Print the policy as a Terraform aws_iam_policy_document data source.' },
      ...NO_SYNTH,
    },
    exitCodes: [[0, 'printed'], ERROR, USAGE],
    examples: ['okta-log-streaming iam-policy --role plan --config config/prod.yaml > plan-policy.json', 'okta-log-streaming iam-policy --role apply --terraform'],
    run: load(() => require('./iam-policy').runIamPolicy),
  },
  {
    name: 'modules',
    summary: 'Write the HCL Terraform modules to terraform/ (or check that they are fresh).',
    description:
      'The published modules, one per sink kind and the source module, built from the same constructs as the stacks, in Terraform\'s standard module structure. Nothing is written unless every module renders and formats; --check writes nothing.',
    options: {
      dir: { type: 'string', placeholder: 'DIR', parse: nonEmpty, default: 'terraform', description: 'Write (or check) the modules here, replacing what modules wrote before; a directory holding anything else is refused.' },
      check: { type: 'boolean', description: 'Write nothing: exit 1, naming each stale, missing or extra file, unless DIR holds exactly what would be written.' },
    },
    exitCodes: [[0, 'written (with --check: fresh)'], [1, 'with --check: DIR differs (each file named); else an error'], USAGE],
    examples: ['okta-log-streaming modules', 'okta-log-streaming modules --check'],
    run: load(() => require('./modules').runModules),
  },
  {
    name: 'export-secrets',
    summary: 'In GitHub Actions: export every TF_VAR_… the stacks need from the repository secret of its name.',
    description: 'Reads cdktf.out/variables.json and SECRETS (${{ toJSON(secrets) }}), and appends to $GITHUB_ENV. Prints names, never values.',
    options: {},
    exitCodes: [[0, 'exported (missing ones named)'], ERROR, USAGE],
    examples: ['SECRETS=\'${{ toJSON(secrets) }}\' okta-log-streaming export-secrets'],
    run: load(() => require('./export-secrets').runExportSecrets),
  },
  {
    name: 'schema',
    summary: 'Regenerate schema/config.schema.json from the config schema (for maintainers).',
    description: 'A test fails while the committed file is stale.',
    options: {},
    exitCodes: [[0, 'written'], ERROR, USAGE],
    examples: ['okta-log-streaming schema'],
    run: load(() => require('./generated').runSchema),
  },
  {
    name: 'docs',
    summary: 'Regenerate the generated documentation pages and the address manifest (for maintainers).',
    description:
      'docs/configuration.md from the config schema, docs/resources.md from synthesis, docs/cli.md from these command definitions, docs/addresses.json (every resource address of the examples\' stacks and the modules) from synthesis. ' +
      'Refuses, writing nothing, when an address the manifest records is neither declared, moved nor removed (docs/upgrading.md). A test fails while a committed file is stale.',
    options: {},
    exitCodes: [[0, 'written'], ERROR, USAGE],
    examples: ['okta-log-streaming docs'],
    run: load(() => require('./generated').runDocs),
  },
];
