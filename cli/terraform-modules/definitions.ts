/**
 * The published Terraform modules, built from the same constructs and stack parts as the CDKTF
 * stacks. Fan-out in Terraform is composition: one `okta-eventbridge-source` module (stream, partner
 * bus, archive, alarm topic) and one sink module per sink, attached to its bus.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Fn, Lazy, Op, TerraformOutput, TerraformVariable, Token } from 'cdktf';
import { z } from 'zod';
import { AuthorizationByReference } from '../../modules/api-destination-sink';
import { optionalReference } from '../../modules/optional-reference';
import { OortLogStream } from '../../modules/oort-log-stream';
import { StackKey } from '../../modules/stack-key';
import { OktaSplunkLogStream, SPLUNK_TOKEN_PATTERN } from '../../modules/okta-splunk-log-stream';
import { alarmsSchema } from '../../schema/alarms';
import { awsSchema, oktaSchema, stackSchema } from '../../schema/config';
import { AWS_MANAGED_ALIAS_PATTERN, DeliveryConfig, deliveryShape, kmsKeyArn } from '../../schema/delivery';
import { NAME_RULES } from '../../schema/names';
import { ProviderName } from '../../schema/provider-versions';
import { brontoSinkShape } from '../../schema/sinks/bronto';
import { cloudWatchLogsSinkShape } from '../../schema/sinks/cloudwatch-logs';
import { datadogSinkShape } from '../../schema/sinks/datadog';
import { HEADER_NAME_PATTERN, httpsAuthShapes, HttpsSinkConfig, httpsSinkShape } from '../../schema/sinks/https';
import { HTTP_PARAMETER_VALUE_PATTERN } from '../../schema/rules';
import { CREDENTIAL_NAME } from '../../schema/secrets';
import { oortSinkShape } from '../../schema/sinks/oort';
import { s3ArchiveSinkShape } from '../../schema/sinks/s3-archive';
import { slashIdSinkShape } from '../../schema/sinks/slashid';
import { splunkCloudSinkShape } from '../../schema/sinks/splunk-cloud';
import { brontoSink } from '../../stacks/bronto-stack';
import { cloudWatchLogsSink } from '../../stacks/cloudwatch-logs-stack';
import { datadogSink } from '../../stacks/datadog-stack';
import { addEventBridgeSource, addSinkPipeline, SinkContext, SinkFactory } from '../../stacks/eventbridge-pipeline';
import { httpsDestination } from '../../stacks/https-stack';
import { s3ArchiveSink } from '../../stacks/s3-archive-stack';
import { slashIdSink } from '../../stacks/slashid-stack';
import { filterVariable } from './filter-variable';
import { ModuleStack } from './module-stack';
import { moduleVariable } from './module-variable';

export type { ProviderName };

export interface ModuleDefinition {
  /** Directory name under dist/terraform-modules/. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly providers: readonly ProviderName[];
  /** Construct id of the module's sink, as in its stack (RESOURCE_NAMES's `{sink}`). @default - none: the source module */
  readonly sinkId?: string;
  build(stack: ModuleStack): void;
  /** The example root module's module blocks (beside provider blocks), in Terraform JSON; each `source` is a module's name. */
  readonly example: Record<string, Record<string, unknown>>;
  /** Sensitive root variables the example passes on. */
  readonly exampleSecrets: readonly string[];
}

const SOURCE_MODULE = 'okta-eventbridge-source';

const eventBusName = z
  .string()
  .max(NAME_RULES.partnerEventBus.maxLength, { error: `must be at most ${NAME_RULES.partnerEventBus.maxLength} characters` })
  .regex(NAME_RULES.partnerEventBus.pattern, { error: 'must be a partner event bus name, aws.partner/okta.com/<org>/<event source name>: the partner_event_bus_name output of the okta-eventbridge-source module' })
  .describe('Name of the partner event bus to attach to: the partner_event_bus_name output of the okta-eventbridge-source module.');
const snsTopicArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { error: 'must be an SNS topic ARN, e.g. "arn:aws:sns:eu-west-1:123456789012:okta-logs-alarms": the alarm_topic_arn output of the okta-eventbridge-source module' })
  .describe('SNS topic the alarms notify: the alarm_topic_arn output of the okta-eventbridge-source module.');

function addProviders(stack: ModuleStack, providers: readonly ProviderName[]): void {
  if (providers.includes('aws')) new AwsProvider(stack, 'aws', {});
  if (providers.includes('okta')) new OktaProvider(stack, 'okta', {});
  if (providers.includes('time')) new TimeProvider(stack, 'time');
}

const sourceModule: ModuleDefinition = {
  name: SOURCE_MODULE,
  title: 'Okta EventBridge source',
  description:
    'The Okta `aws_eventbridge` log stream (ACTIVE, prevent_destroy), a wait for Okta\'s asynchronous partner source, the partner event bus, ' +
    'an archive of every event for replay, and the SNS topic the sink modules\' alarms notify. Attach one sink module per sink to its bus: ' +
    'that is fan-out (Okta allows two streams per org).',
  providers: ['aws', 'okta', 'time'],
  build(stack) {
    const v = (name: string, field: z.ZodType, description?: string) => moduleVariable(stack, name, { field, description });
    const name = v('name', stackSchema.shape.name, 'Stem of the stream, archive and alarm topic names (kebab-case, at most 40 characters).').stringValue;
    const accountId = v('aws_account_id', awsSchema.shape.account_id, 'AWS account id (12 digits) that receives the Okta partner event source: the account of the aws provider you pass in.').stringValue;
    const region = v('aws_region', awsSchema.shape.region, 'Region of the aws provider you pass in; Okta must stream there.').stringValue;
    const key = moduleKey(stack, name, accountId, region);
    addEventBridgeSource(stack, {
      name,
      orgName: v('okta_org_name', oktaSchema.shape.org_name, 'Okta org name: the "acme" of acme.okta.com, as the okta provider you pass in has it. Part of the partner event source name.').stringValue,
      eventSourceName: v('event_source_name', stackSchema.shape.event_source_name).stringValue,
      accountId,
      region,
      key,
      waitForPartnerSourceSeconds: moduleVariable(stack, 'partner_source_wait_seconds', { field: stackSchema.shape.partner_source_wait_seconds, default: 60 }).numberValue,
      // Terraform allows no variable in lifecycle: the module always protects stream and bus.
      preventDestroy: true,
      archiveRetentionDays: moduleVariable(stack, 'archive_retention_days', { field: stackSchema.shape.archive_retention_days, default: 30 }).numberValue,
      alarmTopicKmsKeyArn: optionalReference(moduleVariable(stack, 'alarm_topic_kms_key_arn', { field: alarmsSchema.shape.topic_kms_key_arn, default: null, refinements: [NOT_AWS_MANAGED_KEY] }).stringValue),
      // The sinks live in other modules: nothing to graph here.
      dashboard: false,
    });
    keyPolicyOutput(stack, key);
  },
  example: {
    okta_source: {
      source: SOURCE_MODULE,
      name: 'okta-logs',
      okta_org_name: 'acme',
      event_source_name: 'okta_logs',
      aws_account_id: '123456789012',
      aws_region: 'eu-west-1',
    },
    bronto: {
      source: 'bronto',
      name: 'okta-logs-bronto',
      event_bus_name: '${module.okta_source.partner_event_bus_name}',
      alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
      bronto_region: 'eu',
      collection: 'okta-prod',
      bronto_api_key: '${var.bronto_api_key}',
    },
    cloudwatch_logs: {
      source: 'cloudwatch-logs',
      name: 'okta-logs-archive',
      event_bus_name: '${module.okta_source.partner_event_bus_name}',
      alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
    },
  },
  exampleSecrets: ['bronto_api_key'],
};

interface SinkModuleSpec<C extends { readonly delivery: DeliveryConfig }> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Construct id, as in the stacks. */
  readonly id: string;
  readonly factory: SinkFactory<C>;
  /** The sink's own inputs, as the sink config its factory takes (without delivery and filter); `name` is the name input. */
  config(stack: ModuleStack, name: string): Omit<C, 'delivery' | 'filter'>;
  readonly exampleInputs: Record<string, unknown>;
  readonly exampleSecrets: readonly string[];
}

/** SQS and SNS take alias ARNs, but an AWS managed key's policy cannot let the service use it. */
export const NOT_AWS_MANAGED_KEY = { test: `!can(regex(${JSON.stringify(AWS_MANAGED_ALIAS_PATTERN.source)}, value))`, allowed: 'must not be an AWS managed key (alias/aws/…), whose key policy cannot let the service use it' };

/**
 * The module's `encryption_kms_key_arn`: the stack's `encryption.kms_key` with a given key (a key
 * ARN; modules create no key). Null: each service's own encryption.
 */
function moduleKey(stack: ModuleStack, name: string, accountId: string, region: string): StackKey {
  const arn = moduleVariable(stack, 'encryption_kms_key_arn', {
    field: kmsKeyArn(
      'Customer managed key ARN for everything this module creates that holds Okta events or secrets; a resource\'s own key input wins. ' +
        'Its policy must hold the statements of the kms_key_policy_statements output, and connections need the key tag EventBridgeApiDestinations = "true". Default: each service\'s own encryption.',
    ),
    default: null,
  }).stringValue;
  return new StackKey(stack, 'StackKey', { name, accountId, region, keyOrAliasArn: optionalReference(arn) });
}

/** What the given key's policy must hold, once the module's resources asked for it; null without a key. */
function keyPolicyOutput(stack: ModuleStack, key: StackKey): void {
  new TerraformOutput(stack, 'kms_key_policy_statements', {
    value: Lazy.anyValue({ produce: () => Fn.conditional(Op.eq(key.keyArn, Token.nullValue()), Token.nullValue(), Fn.jsonencode(key.statementsExpression())) }),
    description: 'The statements the encryption key\'s policy must hold for this module (null without encryption_kms_key_arn).',
  });
}

/**
 * Where a module instance is: its name input stands for the stack's name; account and region come
 * from the aws provider passed in.
 */
function moduleContext(stack: ModuleStack, name: string): SinkContext {
  const accountId = new DataAwsCallerIdentity(stack, 'current').accountId;
  const region = new DataAwsRegion(stack, 'current_region').region;
  return { accountId, region, stackName: name, key: moduleKey(stack, name, accountId, region) };
}

function sinkModule<C extends { readonly delivery: DeliveryConfig }>(spec: SinkModuleSpec<C>): ModuleDefinition {
  return {
    name: spec.name,
    title: spec.title,
    description: `${spec.description} Attaches to the partner bus of an okta-eventbridge-source module: its own rule (with an event filter), a target with retries and a dead-letter queue, and four alarms.`,
    providers: ['aws'],
    sinkId: spec.id,
    build(stack) {
      const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
      const name = v('name', { field: stackSchema.shape.name, description: 'Stem of the rule, target, dead-letter queue, alarm and sink resource names (kebab-case, at most 40); unique per account and region.' });
      const delivery = {
        maximum_event_age_seconds: v('maximum_event_age_seconds', { field: deliveryShape.maximum_event_age_seconds }).numberValue,
        maximum_retry_attempts: v('maximum_retry_attempts', { field: deliveryShape.maximum_retry_attempts }).numberValue,
        dead_letter_queue_kms_key_arn: optionalReference(v('dead_letter_queue_kms_key_arn', { field: deliveryShape.dead_letter_queue_kms_key_arn, default: null, refinements: [NOT_AWS_MANAGED_KEY] }).stringValue),
      };
      const context = moduleContext(stack, name.stringValue);
      addSinkPipeline(stack, {
        id: spec.id,
        resourceName: name.stringValue,
        eventBusName: v('event_bus_name', { field: eventBusName }).stringValue,
        alarmTopicArn: v('alarm_topic_arn', { field: snsTopicArn }).stringValue,
        oktaQuietHours: v('okta_quiet_hours', { field: alarmsSchema.shape.okta_quiet_hours, default: 2 }).numberValue,
        factory: spec.factory,
        context,
        config: { ...spec.config(stack, name.stringValue), delivery, filter: filterVariable(stack).reference } as unknown as C,
      });
      keyPolicyOutput(stack, context.key!);
    },
    example: {
      okta_source: {
        source: SOURCE_MODULE,
        name: 'okta-logs',
        okta_org_name: 'acme',
        event_source_name: 'okta_logs',
        aws_account_id: '123456789012',
        aws_region: 'eu-west-1',
      },
      [spec.name.replace(/-/g, '_')]: {
        source: spec.name,
        name: `okta-logs-${spec.name}`,
        event_bus_name: '${module.okta_source.partner_event_bus_name}',
        alarm_topic_arn: '${module.okta_source.alarm_topic_arn}',
        ...spec.exampleInputs,
      },
    },
    exampleSecrets: spec.exampleSecrets,
  };
}

const bronto = sinkModule({
  name: 'bronto',
  title: 'Bronto sink',
  description: 'Okta events to Bronto\'s HTTP ingestion (`https://ingestion.<eu|us>.bronto.io`, no path) through an EventBridge API destination.',
  id: 'Bronto',
  factory: brontoSink,
  config: (stack) => ({
    type: 'bronto' as const,
    region: moduleVariable(stack, 'bronto_region', { field: brontoSinkShape.region }).stringValue as 'eu',
    collection: moduleVariable(stack, 'collection', { field: brontoSinkShape.collection }).stringValue,
    dataset: moduleVariable(stack, 'dataset', { field: brontoSinkShape.dataset }).stringValue,
    api_key_variable: 'bronto_api_key',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: brontoSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: {
    bronto_region: 'eu',
    collection: 'okta-prod',
    bronto_api_key: '${var.bronto_api_key}',
    // Only sign-ins and MFA, without the debug noise: the rule's pattern, compiled by Terraform.
    filter: { include: { event_type_prefixes: ['user.session.', 'user.authentication.'] }, exclude: { severities: ['DEBUG'] } },
  },
  exampleSecrets: ['bronto_api_key'],
});

const datadog = sinkModule({
  name: 'datadog',
  title: 'Datadog sink',
  description: 'Okta events to Datadog\'s log intake (`https://http-intake.logs.<site>/api/v2/logs`, `ddsource=okta`).',
  id: 'Datadog',
  factory: datadogSink,
  config: (stack) => ({
    type: 'datadog' as const,
    site: moduleVariable(stack, 'site', { field: datadogSinkShape.site }).stringValue as 'datadoghq.com',
    api_key_variable: 'datadog_api_key',
    service: moduleVariable(stack, 'service', { field: datadogSinkShape.service, default: null }).stringValue,
    tags: moduleVariable(stack, 'tags', { field: datadogSinkShape.tags, default: [] }).listValue,
    body: moduleVariable(stack, 'body', { field: datadogSinkShape.body }).stringValue as 'okta_event',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: datadogSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: { site: 'datadoghq.eu', datadog_api_key: '${var.datadog_api_key}' },
  exampleSecrets: ['datadog_api_key'],
});

const slashid = sinkModule({
  name: 'slashid',
  title: 'SlashID sink',
  description: 'Okta events to SlashID (`https://api.slashid.com/nhi/events`, `Authorization: Bearer <token>`).',
  id: 'SlashId',
  factory: slashIdSink,
  config: (stack) => ({
    type: 'slashid' as const,
    token_variable: 'slashid_api_token',
    body: moduleVariable(stack, 'body', { field: slashIdSinkShape.body }).stringValue as 'envelope',
    invocation_rate_limit_per_second: moduleVariable(stack, 'invocation_rate_limit_per_second', { field: slashIdSinkShape.invocation_rate_limit_per_second }).numberValue,
  }),
  exampleInputs: { slashid_api_token: '${var.slashid_api_token}' },
  exampleSecrets: ['slashid_api_token'],
});

const cloudwatchLogs = sinkModule({
  name: 'cloudwatch-logs',
  title: 'CloudWatch Logs sink',
  description: 'Okta events to a CloudWatch Logs group, with a log resource policy for that group only (no role).',
  id: 'CloudWatchLogs',
  factory: cloudWatchLogsSink,
  config: (stack, name) => ({
    type: 'cloudwatch_logs' as const,
    // Terraform picks the default: the name is an input too.
    log_group_name: Fn.coalesce([
      moduleVariable(stack, 'log_group_name', {
        field: cloudWatchLogsSinkShape.log_group_name,
        description: 'Log group name. Default "/aws/events/okta/<name>".',
        default: null,
      }).stringValue,
      // join, not a template: the name is also read inside other functions (the key policy
      // statement), where cdktf cannot nest a template.
      Fn.join('', ['/aws/events/okta/', name]),
    ]) as string,
    retention_in_days: moduleVariable(stack, 'retention_in_days', { field: cloudWatchLogsSinkShape.retention_in_days }).numberValue as 365,
    kms_key_arn: optionalReference(moduleVariable(stack, 'kms_key_arn', { field: cloudWatchLogsSinkShape.kms_key_arn, default: null }).stringValue),
    body: moduleVariable(stack, 'body', { field: cloudWatchLogsSinkShape.body }).stringValue as 'envelope',
  }),
  exampleInputs: { retention_in_days: 365 },
  exampleSecrets: [],
});

/** RE2 pattern text of a JS regex, as an HCL string (case-insensitive when the JS one is). */
const re2 = (pattern: RegExp) => JSON.stringify(`${pattern.flags.includes('i') ? '(?i)' : ''}${pattern.source}`);

/** Headers and query parameters land in config and output: no credentials there (schema/sinks/https.ts). */
const NO_CREDENTIAL_NAMES = {
  test: `alltrue([for name, _ in value : !can(regex(${re2(CREDENTIAL_NAME)}, name))])`,
  allowed: 'must not carry a credential (a name such as api_key, token, secret or authorization): use auth_type with its secret input',
};
const HEADER_RULES = [
  { test: `alltrue([for name, _ in value : can(regex(${re2(HEADER_NAME_PATTERN)}, name))])`, allowed: 'must have header names of 1-512 letters, digits and !#$%&\'*+,.^_|~-' },
  { test: `alltrue([for _, header in value : can(regex(${re2(HTTP_PARAMETER_VALUE_PATTERN)}, header))])`, allowed: 'must have values of 1-512 printable ASCII characters without edge blanks' },
  NO_CREDENTIAL_NAMES,
  { test: 'var.api_key_header == null ? true : !contains([for name, _ in value : lower(name)], lower(var.api_key_header))', allowed: 'must not repeat api_key_header: the key would be sent twice, once in the clear from the target' },
];

/** The https module's sink config: the auth type and each type's settings are inputs. */
type HttpsModuleConfig = Omit<HttpsSinkConfig, 'auth'> & { readonly authorization: AuthorizationByReference };

const AUTH_TYPES = ['api_key', 'basic', 'oauth_client_credentials'] as const;

const https = sinkModule<HttpsModuleConfig>({
  name: 'https',
  title: 'HTTPS intake sink',
  description:
    'Okta events to any HTTPS log intake through an EventBridge API destination, authenticated by an API key header, basic auth or OAuth client credentials (`auth_type`).',
  id: 'Https',
  factory: (_secrets, resourceName, config, context) => httpsDestination(resourceName, config, config.authorization, context),
  config: (stack) => {
    const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
    const authType = v('auth_type', {
      field: z.enum(AUTH_TYPES).describe('How the endpoint authenticates EventBridge: api_key (api_key_header, https_api_key), basic (basic_username, https_password) or oauth_client_credentials (oauth_*, https_client_secret).'),
      default: 'api_key',
      refinements: [
        { test: 'value != "api_key" || var.api_key_header != null', allowed: 'needs api_key_header when it is api_key' },
        { test: 'value != "basic" || var.basic_username != null', allowed: 'needs basic_username when it is basic' },
        { test: 'value != "oauth_client_credentials" || (var.oauth_authorization_endpoint != null && var.oauth_client_id != null)', allowed: 'needs oauth_authorization_endpoint and oauth_client_id when it is oauth_client_credentials' },
      ],
    });
    const secret = (name: string, description: string, type: (typeof AUTH_TYPES)[number]) => authSecret(stack, name, description, type).stringValue;
    const auth = httpsAuthShapes;
    return {
      type: 'https' as const,
      endpoint: v('endpoint', { field: httpsSinkShape.endpoint }).stringValue,
      http_method: v('http_method', { field: httpsSinkShape.http_method }).stringValue as 'POST',
      authorization: {
        type: 'BY_REFERENCE',
        authorizationType: Fn.upper(authType.stringValue),
        apiKey: {
          headerName: v('api_key_header', { field: auth.apiKey.header, default: null, description: 'Header that carries the API key, e.g. "X-Api-Key" or "Authorization" (auth_type api_key).' }).stringValue,
          value: secret('https_api_key', 'API key: the whole header value, e.g. "Bearer …" (auth_type api_key)', 'api_key'),
        },
        basic: {
          username: v('basic_username', { field: auth.basic.username, default: null, description: 'Basic auth user name, not secret (auth_type basic).' }).stringValue,
          password: secret('https_password', 'basic auth password (auth_type basic)', 'basic'),
        },
        oauth: {
          authorizationEndpoint: v('oauth_authorization_endpoint', { field: auth.oauth.authorization_endpoint, default: null, description: 'Token endpoint, https (auth_type oauth_client_credentials).' }).stringValue,
          httpMethod: v('oauth_http_method', { field: auth.oauth.http_method, description: 'Method of the token request. Default POST.' }).stringValue as 'POST',
          clientId: v('oauth_client_id', { field: auth.oauth.client_id, default: null, description: 'OAuth client id, not secret (auth_type oauth_client_credentials).' }).stringValue,
          clientSecret: secret('https_client_secret', 'OAuth client secret (auth_type oauth_client_credentials)', 'oauth_client_credentials'),
          bodyParameters: Token.asStringMap(v('oauth_body_parameters', { field: z.record(z.string(), z.string()).describe('Non-secret token request body parameters, e.g. {scope = "logs.write"}.'), default: {} }).value),
        },
      },
      headers: Token.asStringMap(v('headers', { field: z.record(z.string(), z.string()).describe('Non-secret headers, sent from the target.'), default: {}, refinements: HEADER_RULES }).value),
      query_parameters: Token.asStringMap(v('query_parameters', { field: z.record(z.string(), z.string()).describe('Non-secret query parameters.'), default: {}, refinements: [NO_CREDENTIAL_NAMES] }).value),
      body: v('body', { field: httpsSinkShape.body }).stringValue as 'envelope',
      invocation_rate_limit_per_second: v('invocation_rate_limit_per_second', { field: httpsSinkShape.invocation_rate_limit_per_second }).numberValue,
    };
  },
  exampleInputs: { endpoint: 'https://collector.example.com/v1/okta', api_key_header: 'X-Api-Key', https_api_key: '${var.siem_api_key}' },
  exampleSecrets: ['siem_api_key'],
});

/**
 * A secret of one auth type: sensitive, null unless that type is chosen, then required and not
 * blank. (It refers to auth_type: Terraform >= 1.9 lets a validation read other inputs.)
 */
function authSecret(stack: ModuleStack, name: string, description: string, type: string): TerraformVariable {
  return new TerraformVariable(stack, name, {
    type: 'string',
    sensitive: true,
    default: Token.nullValue(),
    description: `${description}.`,
    validation: [{ condition: `\${var.${name} == null ? var.auth_type != "${type}" : length(trimspace(var.${name})) > 0}`, errorMessage: `Give ${name}: the ${description}.` }],
  });
}

const s3Archive = sinkModule({
  name: 's3-archive',
  title: 'S3 archive sink',
  description:
    'Okta events kept for as long as audits need: rule → Firehose → a locked-down S3 bucket (versioned, TLS only, public access blocked, ' +
    'prevent_destroy), GZIP JSON lines in Athena-ready time partitions, optional Glacier transition, expiry and KMS key.',
  id: 'S3Archive',
  factory: s3ArchiveSink,
  config: (stack) => {
    const v = (name: string, options: Parameters<typeof moduleVariable>[2]) => moduleVariable(stack, name, options);
    const shape = s3ArchiveSinkShape;
    return {
      type: 's3_archive' as const,
      // S3_BUCKET_PATTERN's lookarounds as RE2 can run them.
      bucket_name: v('bucket_name', {
        field: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be an S3 bucket name: 3-63 lowercase letters, digits, "." and "-", beginning and ending with a letter or digit' })
          .describe(shape.bucket_name.description ?? ''),
        refinements: [
          { test: '!startswith(value, "xn--")', allowed: 'must not start with "xn--"' },
          { test: '!strcontains(value, "..")', allowed: 'must not contain ".."' },
          { test: '!can(regex("^[0-9]+\\\\.[0-9]+\\\\.[0-9]+\\\\.[0-9]+$", value))', allowed: 'must not be an IP address' },
        ],
      }).stringValue,
      prefix: v('prefix', { field: shape.prefix }).stringValue,
      buffering_interval_seconds: v('buffering_interval_seconds', { field: shape.buffering_interval_seconds }).numberValue,
      buffering_size_mb: v('buffering_size_mb', { field: shape.buffering_size_mb }).numberValue,
      transition_to_glacier_days: v('transition_to_glacier_days', { field: shape.transition_to_glacier_days, default: null }).numberValue,
      expiration_days: v('expiration_days', {
        field: shape.expiration_days,
        default: null,
        // Variable validations may read other inputs (Terraform >= 1.9; the modules require 1.10).
        // `||` does not short-circuit in Terraform: a null other input is tested with `? :`.
        refinements: [
          { test: 'var.transition_to_glacier_days == null ? true : value > var.transition_to_glacier_days', allowed: 'must be greater than transition_to_glacier_days, as S3 requires' },
        ],
      }).numberValue,
      kms_key_arn: optionalReference(v('kms_key_arn', { field: shape.kms_key_arn, default: null }).stringValue),
      body: v('body', { field: shape.body }).stringValue as 'envelope',
    };
  },
  exampleInputs: {
    bucket_name: 'acme-okta-archive',
    transition_to_glacier_days: 90,
    expiration_days: 2557,
    // A customer managed key for the archive (its policy must let the Firehose role use it) and one, by alias, for the DLQ.
    kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    dead_letter_queue_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:alias/okta-logs',
  },
  exampleSecrets: [],
});

const oort: ModuleDefinition = {
  name: 'oort',
  title: 'Oort stream',
  description: 'An Okta `aws_eventbridge` log stream into Oort\'s AWS account (production 988897525199 or staging 909617834444, us-east-2). Nothing in your AWS account.',
  providers: ['okta'],
  sinkId: 'Oort',
  build(stack) {
    const oortStream = new OortLogStream(stack, 'Oort', {
      streamName: moduleVariable(stack, 'name', { field: stackSchema.shape.name, description: 'Name of the log stream in Okta.' }).stringValue,
      integrationId: moduleVariable(stack, 'integration_id', { field: oortSinkShape.integration_id }).stringValue,
      environment: moduleVariable(stack, 'environment', { field: oortSinkShape.environment }).stringValue as 'production',
    });
    new TerraformOutput(stack, 'okta_log_stream_id', { value: oortStream.logStream.stream.id, description: 'Okta log stream id (its import id).' });
  },
  example: { oort: { source: 'oort', name: 'okta-oort', integration_id: 'a1b2c3d4e5f6' } },
  exampleSecrets: [],
};

const splunkCloud: ModuleDefinition = {
  name: 'splunk-cloud',
  title: 'Splunk Cloud stream',
  description: 'An Okta `splunk_cloud_logstreaming` log stream straight to a Splunk Cloud HTTP Event Collector. No AWS resources.',
  providers: ['okta'],
  sinkId: 'SplunkCloud',
  build(stack) {
    const token = stack.secretVariable('splunk_hec_token', 'Splunk HEC token (a UUID)');
    token.addValidation({
      condition: `\${can(regex("${SPLUNK_TOKEN_PATTERN}", var.splunk_hec_token))}`,
      errorMessage: 'Invalid splunk_hec_token: it must be a Splunk HEC token, a UUID such as 12345678-1234-4234-8234-123456789012.',
    });
    const splunk = new OktaSplunkLogStream(stack, 'SplunkCloud', {
      streamName: moduleVariable(stack, 'name', { field: stackSchema.shape.name, description: 'Name of the log stream in Okta.' }).stringValue,
      host: moduleVariable(stack, 'host', { field: splunkCloudSinkShape.host }).stringValue,
      edition: moduleVariable(stack, 'edition', { field: splunkCloudSinkShape.edition }).stringValue as 'aws',
      token: token.stringValue,
      preventDestroy: true,
    });
    new TerraformOutput(stack, 'okta_log_stream_id', { value: splunk.stream.id, description: 'Okta log stream id (its import id).' });
  },
  example: {
    splunk: { source: 'splunk-cloud', name: 'okta-splunk', host: 'acme.splunkcloud.com', edition: 'aws', splunk_hec_token: '${var.splunk_hec_token}' },
  },
  exampleSecrets: ['splunk_hec_token'],
};

export const MODULES: readonly ModuleDefinition[] = [sourceModule, bronto, datadog, slashid, cloudwatchLogs, https, s3Archive, oort, splunkCloud];

export function buildModule(stack: ModuleStack, definition: ModuleDefinition): void {
  addProviders(stack, definition.providers);
  definition.build(stack);
}
