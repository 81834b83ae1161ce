import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { VersionsConfig } from '../schema/versions';
import { withRequirements } from './provider-requirements';

/**
 * Base of every stack this package synthesizes. Each stack has its own state, providers and plan
 * and never reads another stack's values, so cdktf's preparing pass — which resolves every element
 * once more only to wire cross-stack references through remote state — finds nothing and costs a
 * tenth of a synth. Only its backend check is kept. The tests check, for every example and for
 * generated configs, that every reference in a synthesized stack names something that stack declares.
 *
 * Every stack states the Terraform and provider versions it admits (stacks/provider-requirements.ts).
 */
export abstract class IndependentStack extends TerraformStack {
  constructor(
    scope: Construct,
    id: string,
    private readonly versions: VersionsConfig = {},
  ) {
    super(scope, id);
  }

  public prepareStack(): void {
    this.ensureBackendExists();
  }

  // cdktf's own JSON shape: untyped until Terraform reads it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public toTerraform(): any {
    const json = super.toTerraform();
    return { ...json, terraform: withRequirements(json.terraform ?? {}, this.versions) };
  }
}
