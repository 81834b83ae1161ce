import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { SecretVariables } from '../../stacks/eventbridge-pipeline';
import { sensitiveVariable } from '../../stacks/sensitive-variable';

/**
 * A stack synthesized as a reusable Terraform module: inputs are variables, secrets sensitive
 * variables. It declares providers only so cdktf records their versions; the module export drops
 * provider configuration and backend, keeping `required_providers`.
 */
export class ModuleStack extends TerraformStack implements SecretVariables {
  secretVariable(name: string, description: string): TerraformVariable {
    return sensitiveVariable(this, name, `${description} (sensitive).`, `Give ${name}: the ${description}.`);
  }

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}
