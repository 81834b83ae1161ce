import { TerraformDataSource, TerraformElement, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct, Node } from 'constructs';
import { SecretVariables } from '../../stacks/eventbridge-pipeline';
import { sensitiveVariable } from '../../stacks/sensitive-variable';
import { namesKey, RESOURCE_NAMES } from './resource-names';

/**
 * A stack synthesized as a reusable Terraform module: inputs are variables, secrets sensitive
 * variables, resources named as RESOURCE_NAMES says. It declares providers only so cdktf records
 * their versions; the module export drops provider configuration and backend, keeping
 * `required_providers`.
 */
export class ModuleStack extends TerraformStack implements SecretVariables {
  /** Module address (`aws_sqs_queue.dead_letter`, `data.aws_region.current`) → construct path within the module. */
  readonly addresses = new Map<string, string>();

  /**
   * @param sinkId the construct id of the module's sink (`Bronto`), which RESOURCE_NAMES writes as `{sink}`. @default - none
   */
  constructor(scope: Construct, id: string, private readonly sinkId?: string) {
    super(scope, id);
  }

  secretVariable(name: string, description: string): TerraformVariable {
    return sensitiveVariable(this, name, `${description}.`, `Give ${name}: the ${description}.`);
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    if (!(element instanceof TerraformResource || element instanceof TerraformDataSource)) return super.allocateLogicalId(element);
    const relative = element.node.path.slice(this.node.path.length + 1);
    const name = RESOURCE_NAMES[namesKey(relative, this.sinkId)];
    if (name === undefined) throw new Error(`module ${this.node.id}: ${element.terraformResourceType} at ${relative} has no name in cli/terraform-modules/resource-names.ts: give it one`);
    const address = `${element instanceof TerraformDataSource ? 'data.' : ''}${element.terraformResourceType}.${name}`;
    const before = this.addresses.get(address);
    if (before !== undefined && before !== relative) throw new Error(`module ${this.node.id}: ${relative} and ${before} would both be ${address}`);
    this.addresses.set(address, relative);
    return name;
  }
}
