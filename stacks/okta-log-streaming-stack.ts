import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { StackCommon } from '../schema/resolve';
import { configureBackend } from './backend';
import { IndependentStack } from './independent-stack';
import { sensitiveVariable } from './sensitive-variable';
import { SecretVariables } from './eventbridge-pipeline';

/** What every stack needs from configuration, whatever its sink. */
export type StackSettings = StackCommon;

/**
 * Base of every stack: the okta provider (org from config, credentials from the environment only)
 * and the backend. Sensitive variables are declared here so a stack can list the ones it needs.
 */
export abstract class OktaLogStreamingStack extends IndependentStack implements SecretVariables {
  private readonly secrets = new Map<string, string>();

  protected constructor(scope: Construct, settings: StackSettings) {
    super(scope, settings.name, settings.versions);
    // org and domain decide the partner source name, so they come from config; the credential
    // (OKTA_API_TOKEN or OKTA_CLIENT_ID/OKTA_PRIVATE_KEY…) is read by the provider from the environment.
    new OktaProvider(this, 'okta', { orgName: settings.okta.org_name, baseUrl: settings.okta.base_url });
    configureBackend(this, settings.backend);
  }

  /** Names of the sensitive variables this stack needs at plan/apply (`TF_VAR_<name>`). */
  get secretVariableNames(): readonly string[] {
    return [...this.secrets.keys()];
  }

  /** What each sensitive variable carries ("Bronto API key"), by name. */
  get secretVariableDescriptions(): ReadonlyMap<string, string> {
    return this.secrets;
  }

  /**
   * A sensitive string variable, declared once per stack however many sinks use it. Its value comes
   * from `TF_VAR_<name>` at plan/apply and never reaches the synthesized files.
   */
  secretVariable(name: string, description: string): TerraformVariable {
    if (!this.secrets.has(name)) this.secrets.set(name, description);
    return sensitiveVariable(this, name, `${description}. Secret: set TF_VAR_${name} at plan/apply.`, `Set TF_VAR_${name} to the ${description}.`);
  }
}
