import { Construct } from 'constructs';
import { ApiDestinationSink, ConnectionAuthorization } from '../modules/api-destination-sink';
import { EventBridgeStackCommon } from '../schema/resolve';
import { HttpsSinkConfig } from '../schema/sinks/https';
import { EventBridgeSinkStack, SinkFactory } from './eventbridge-sink-stack';
import { SecretVariables, SinkContext } from './eventbridge-pipeline';

function authorization(stack: SecretVariables, auth: HttpsSinkConfig['auth']): ConnectionAuthorization {
  switch (auth.type) {
    case 'api_key':
      return {
        type: 'API_KEY',
        headerName: auth.header,
        value: stack.secretVariable(auth.value_variable, `value of the ${auth.header} header`).stringValue,
      };
    case 'basic':
      return { type: 'BASIC', username: auth.username, password: stack.secretVariable(auth.password_variable, 'basic auth password').stringValue };
    case 'oauth_client_credentials':
      return {
        type: 'OAUTH_CLIENT_CREDENTIALS',
        authorizationEndpoint: auth.authorization_endpoint,
        httpMethod: auth.http_method,
        clientId: auth.client_id,
        clientSecret: stack.secretVariable(auth.client_secret_variable, 'OAuth client secret').stringValue,
        bodyParameters: auth.body_parameters,
      };
  }
}

/** The API destination of an https sink, however its authorization was made (config or module inputs). */
export function httpsDestination(resourceName: string, config: Omit<HttpsSinkConfig, 'auth' | 'type'>, authorization: ConnectionAuthorization, context: SinkContext): ApiDestinationSink {
  return new ApiDestinationSink({
    name: resourceName,
    connectionKmsKeyArn: context.key?.keyArn,
    existingConnectionName: config.adopt?.connection_name,
    existingApiDestinationName: config.adopt?.api_destination_name,
    endpoint: config.endpoint,
    httpMethod: config.http_method,
    authorization,
    headers: config.headers,
    queryStringParameters: config.query_parameters,
    body: config.body,
    invocationRateLimitPerSecond: config.invocation_rate_limit_per_second,
  });
}

export const httpsSink: SinkFactory<HttpsSinkConfig> = (stack, resourceName, config, context) => httpsDestination(resourceName, config, authorization(stack, config.auth), context);

/** Okta → partner bus → rule → API destination → any HTTPS log intake. */
export class HttpsStack extends EventBridgeSinkStack {
  constructor(scope: Construct, config: EventBridgeStackCommon & { readonly sink: HttpsSinkConfig }) {
    super(scope, config);
    this.addSink('Https', httpsSink, config.sink);
  }
}
