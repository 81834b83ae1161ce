import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A sensitive, non-null string variable that must not be blank, declared once per scope however
 * many sinks use it. Its value never reaches the synthesized files.
 */
export function sensitiveVariable(scope: Construct, name: string, description: string, missingMessage: string): TerraformVariable {
  const existing = scope.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) return existing;
  return new TerraformVariable(scope, name, {
    type: 'string',
    sensitive: true,
    nullable: false,
    description,
    validation: [{ condition: `\${length(trimspace(var.${name})) > 0}`, errorMessage: missingMessage }],
  });
}
