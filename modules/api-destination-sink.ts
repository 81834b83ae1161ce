import { CloudwatchEventApiDestination } from '@cdktf/provider-aws/lib/cloudwatch-event-api-destination';
import { CloudwatchEventConnection, CloudwatchEventConnectionAuthParameters } from '@cdktf/provider-aws/lib/cloudwatch-event-connection';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy } from './iam-policy';
import { OktaEventRule } from './okta-event-rule';
import { OktaLogSink, payloadFor, SinkBody, SinkTargetConfig } from './okta-log-sink';

/** An API key sent in a header by the connection. */
export interface ApiKeyAuthorization {
  readonly type: 'API_KEY';
  /** Header that carries the key, e.g. `x-bronto-api-key`. */
  readonly headerName: string;
  /** Reference to a sensitive Terraform variable; a literal is refused. */
  readonly value: string;
}

/** HTTP basic authentication. */
export interface BasicAuthorization {
  readonly type: 'BASIC';
  readonly username: string;
  /** Reference to a sensitive Terraform variable; a literal is refused. */
  readonly password: string;
}

/** OAuth 2.0 client credentials: EventBridge fetches and refreshes the token itself. */
export interface OAuthClientCredentialsAuthorization {
  readonly type: 'OAUTH_CLIENT_CREDENTIALS';
  /** HTTPS token endpoint. */
  readonly authorizationEndpoint: string;
  /** @default "POST" */
  readonly httpMethod?: 'POST' | 'GET' | 'PUT';
  readonly clientId: string;
  /** Reference to a sensitive Terraform variable; a literal is refused. */
  readonly clientSecret: string;
  /** Non-secret body parameters of the token request, e.g. `scope`. @default - none */
  readonly bodyParameters?: Readonly<Record<string, string>>;
}

/**
 * Module form: the auth type is an input. `authorizationType` is a reference that evaluates to
 * API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS; every type's settings are references (null unless
 * chosen), and Terraform writes the chosen `auth_parameters` block (dynamic blocks).
 */
export interface AuthorizationByReference {
  readonly type: 'BY_REFERENCE';
  readonly authorizationType: string;
  readonly apiKey: Omit<ApiKeyAuthorization, 'type'>;
  readonly basic: Omit<BasicAuthorization, 'type'>;
  /** `bodyParameters` is a map reference. */
  readonly oauth: Omit<OAuthClientCredentialsAuthorization, 'type'>;
}

export type ConnectionAuthorization = ApiKeyAuthorization | BasicAuthorization | OAuthClientCredentialsAuthorization | AuthorizationByReference;

export interface ApiDestinationSinkProps {
  /** Name of the connection and the API destination: 1-64 of letters, digits, ".", "-", "_". */
  readonly name: string;
  /** HTTPS endpoint EventBridge sends each event to. */
  readonly endpoint: string;
  /** @default "POST" */
  readonly httpMethod?: 'POST' | 'PUT' | 'PATCH';
  /** How the connection authenticates. Auth headers belong here, never in `headers`. */
  readonly authorization: ConnectionAuthorization;
  /**
   * Non-secret headers, sent from the target's `http_target` (AWS never returns connection
   * invocation parameters, so there they would show as permanent drift).
   * @default - none
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly queryStringParameters?: Readonly<Record<string, string>>;
  /**
   * Requests per second EventBridge sends at most; set explicitly because the API's implicit 300
   * reads back as drift.
   * @default 300
   */
  readonly invocationRateLimitPerSecond?: number;
  /** What each request carries. @default "envelope" */
  readonly body?: SinkBody;
  /** @default - "Okta System Log to <name>" */
  readonly description?: string;
  /** A connection created in the console to adopt (this name, imported). @default - a new connection named `name` */
  readonly existingConnectionName?: string;
  /**
   * Customer managed key ARN for the connection's secret (in Secrets Manager). The key must carry
   * the tag EventBridgeApiDestinations = "true" and let the account's IAM policies use it.
   * @default - an AWS owned key
   */
  readonly connectionKmsKeyArn?: string;
  /** An API destination created in the console to adopt (this name, imported). @default - a new one named `name` */
  readonly existingApiDestinationName?: string;
}

/**
 * Delivers Okta events to an HTTPS endpoint through an EventBridge API destination: a connection that
 * holds the credential, the destination (POST, explicit rate limit), and a role that only
 * EventBridge, for this rule only, can assume, allowed only `events:InvokeApiDestination` on this
 * destination.
 */
export class ApiDestinationSink implements OktaLogSink {
  private readonly props: ApiDestinationSinkProps;

  constructor(props: ApiDestinationSinkProps) {
    if (!isHttpsOrToken(props.endpoint)) {
      throw new Error(`ApiDestinationSink ${props.name}: endpoint "${props.endpoint}" must be an https:// URL`);
    }
    for (const [secretName, secret] of secretsOf(props.authorization)) {
      if (!Token.isUnresolved(secret)) {
        throw new Error(`ApiDestinationSink ${props.name}: the ${secretName} is a literal; pass a reference to a sensitive Terraform variable`);
      }
    }
    if (props.authorization.type === 'OAUTH_CLIENT_CREDENTIALS' && !isHttpsOrToken(props.authorization.authorizationEndpoint)) {
      throw new Error(
        `ApiDestinationSink ${props.name}: authorizationEndpoint "${props.authorization.authorizationEndpoint}" must be an https:// URL`,
      );
    }
    const rate = props.invocationRateLimitPerSecond ?? 300;
    if (!Token.isUnresolved(rate) && (!Number.isInteger(rate) || rate < 1 || rate > 300)) {
      throw new Error(`ApiDestinationSink ${props.name}: invocationRateLimitPerSecond must be a whole number from 1 to 300, got ${rate}`);
    }
    this.props = props;
  }

  bind(scope: Construct, rule: OktaEventRule): SinkTargetConfig {
    const { name, authorization } = this.props;
    const description = this.props.description ?? `Okta System Log to ${name}`;
    const connection = new CloudwatchEventConnection(scope, 'Connection', {
      name: this.props.existingConnectionName ?? name,
      description,
      authorizationType: authorization.type === 'BY_REFERENCE' ? authorization.authorizationType : authorization.type,
      kmsKeyIdentifier: this.props.connectionKmsKeyArn,
      authParameters: authorization.type === 'BY_REFERENCE' ? {} : authParameters(authorization),
    });
    if (authorization.type === 'BY_REFERENCE') chosenAuthParameters(connection, authorization);
    const destination = new CloudwatchEventApiDestination(scope, 'ApiDestination', {
      name: this.props.existingApiDestinationName ?? name,
      description,
      connectionArn: connection.arn,
      invocationEndpoint: this.props.endpoint,
      httpMethod: this.props.httpMethod ?? 'POST',
      invocationRateLimitPerSecond: this.props.invocationRateLimitPerSecond ?? 300,
    });
    if (this.props.existingConnectionName !== undefined) connection.importFrom(this.props.existingConnectionName);
    if (this.props.existingApiDestinationName !== undefined) destination.importFrom(this.props.existingApiDestinationName);
    const role = new IamRole(scope, 'InvokeRole', {
      // IAM allows 38 characters in a prefix; a reference (module input) is cut by Terraform.
      namePrefix: `${Token.isUnresolved(name) ? Fn.substr(name, 0, 37) : name.slice(0, 37)}-`,
      path: '/okta-log-streaming/',
      description: `EventBridge invokes the ${name} API destination`,
      assumeRolePolicy: serviceTrustPolicy('events.amazonaws.com', rule.ruleArn),
    });
    const permission = new IamRolePolicy(scope, 'InvokePolicy', {
      name: 'invoke-api-destination',
      role: role.id,
      policy: policyDocument({
        Sid: 'InvokeThisApiDestination',
        Effect: 'Allow',
        Action: ['events:InvokeApiDestination'],
        Resource: [destination.arn],
      }),
    });
    const payload = payloadFor(this.props.body ?? 'envelope');
    const http = httpTarget(this.props.headers, this.props.queryStringParameters);
    return {
      arn: destination.arn,
      roleArn: role.arn,
      ...payload,
      ...http,
      blockConditions: { ...payload.blockConditions, ...http.blockConditions },
      dependsOn: [permission],
    };
  }
}

type Parameters = Readonly<Record<string, string>> | undefined;

/**
 * Headers and query parameters sent from the target. Maps are passed as given (a map reference, a
 * module input, must not be copied key by key); an empty reference leaves the block out, as an
 * absent map does, because AWS returns no parameters for an empty block and it would show as drift.
 */
function httpTarget(headers: Parameters, query: Parameters): Pick<SinkTargetConfig, 'httpTarget' | 'blockConditions'> {
  const isReference = (map: Parameters): map is Readonly<Record<string, string>> => map !== undefined && Token.isUnresolved(map);
  // cdktf's Op drops a literal 0 operand ("> undefined"): compare with 1 instead.
  const nonEmpty = (map: Readonly<Record<string, string>>) => Op.gte(Fn.lengthOf(map), 1);
  const orNull = (map: Parameters) => (isReference(map) ? (Fn.conditional(nonEmpty(map), map, null) as Record<string, string>) : map);
  const block = { headerParameters: orNull(headers), queryStringParameters: orNull(query) };
  const literals = [headers, query].filter((map) => map !== undefined && !isReference(map) && Object.keys(map).length > 0);
  const references = [headers, query].filter(isReference);
  if (references.length === 0 || literals.length > 0) return { httpTarget: block };
  const condition = references.map(nonEmpty).reduce((either, next) => Op.or(either, next));
  return { httpTarget: block, blockConditions: { httpTarget: Token.asString(condition) } };
}

function isHttpsOrToken(url: string): boolean {
  return Token.isUnresolved(url) || url.startsWith('https://');
}

/** The secrets of an authorization, with their names for messages. */
function secretsOf(authorization: ConnectionAuthorization): [string, string][] {
  switch (authorization.type) {
    case 'API_KEY':
      return [[`${authorization.headerName} value`, authorization.value]];
    case 'BASIC':
      return [['basic auth password', authorization.password]];
    case 'OAUTH_CLIENT_CREDENTIALS':
      return [['OAuth client secret', authorization.clientSecret]];
    case 'BY_REFERENCE':
      return [
        ['API key', authorization.apiKey.value],
        ['basic auth password', authorization.basic.password],
        ['OAuth client secret', authorization.oauth.clientSecret],
      ];
  }
}

/** The chosen type's block under auth_parameters, as `authParameters` writes it for a literal type. */
function chosenAuthParameters(connection: CloudwatchEventConnection, authorization: AuthorizationByReference): void {
  const when = (type: string) => Fn.conditional(Op.eq(authorization.authorizationType, type), [1], []);
  const { apiKey, basic, oauth } = authorization;
  connection.addOverride('auth_parameters.dynamic.api_key', { for_each: when('API_KEY'), content: { key: apiKey.headerName, value: apiKey.value } });
  connection.addOverride('auth_parameters.dynamic.basic', { for_each: when('BASIC'), content: { username: basic.username, password: basic.password } });
  connection.addOverride('auth_parameters.dynamic.oauth', {
    for_each: when('OAUTH_CLIENT_CREDENTIALS'),
    content: {
      authorization_endpoint: oauth.authorizationEndpoint,
      http_method: oauth.httpMethod ?? 'POST',
      // Nested blocks are lists of objects here: maps stay objects (scripts/hcl/render.ts).
      client_parameters: [{ client_id: oauth.clientId, client_secret: oauth.clientSecret }],
      oauth_http_parameters: [
        { dynamic: { body: { for_each: oauth.bodyParameters ?? {}, content: { key: '${body.key}', value: '${body.value}', is_value_secret: false } } } },
      ],
    },
  });
}

function authParameters(authorization: Exclude<ConnectionAuthorization, AuthorizationByReference>): CloudwatchEventConnectionAuthParameters {
  switch (authorization.type) {
    case 'API_KEY':
      return { apiKey: { key: authorization.headerName, value: authorization.value } };
    case 'BASIC':
      return { basic: { username: authorization.username, password: authorization.password } };
    case 'OAUTH_CLIENT_CREDENTIALS':
      return {
        oauth: {
          authorizationEndpoint: authorization.authorizationEndpoint,
          httpMethod: authorization.httpMethod ?? 'POST',
          clientParameters: { clientId: authorization.clientId, clientSecret: authorization.clientSecret },
          oauthHttpParameters: {
            // In key order, as Terraform iterates a map: the module form writes the same list.
            body: Object.entries(authorization.bodyParameters ?? {})
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, value]) => ({ key, value, isValueSecret: false })),
          },
        },
      };
  }
}
