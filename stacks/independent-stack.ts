import { TerraformStack } from 'cdktf';

/**
 * Base of every stack this package synthesizes. Each stack has its own state, providers and plan
 * and never reads another stack's values, so cdktf's preparing pass — which resolves every element
 * once more only to wire cross-stack references through remote state — finds nothing and costs a
 * tenth of a synth. Only its backend check is kept. The tests check, for every example and for
 * generated configs, that every reference in a synthesized stack names something that stack declares.
 */
export abstract class IndependentStack extends TerraformStack {
  public prepareStack(): void {
    this.ensureBackendExists();
  }
}
