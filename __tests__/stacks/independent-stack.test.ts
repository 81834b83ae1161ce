import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { IndependentStack } from '../../stacks/independent-stack';

class Independent extends IndependentStack {}

/** A stack with one output, counting how often cdktf asks that output for its Terraform form. */
function stackWithOutput<T extends TerraformStack>(make: (app: App) => T): { stack: T; renders: () => number } {
  const stack = make(new App({ outdir: '/nonexistent', stackTraces: false }));
  const output = new TerraformOutput(stack, 'answer', { value: 42 });
  const toTerraform = output.toTerraform.bind(output);
  let renders = 0;
  output.toTerraform = () => {
    renders += 1;
    return toTerraform();
  };
  return { stack, renders: () => renders };
}

describe('IndependentStack', () => {
  test('prepareStack skips the cross-stack resolving pass that a plain TerraformStack makes', () => {
    const plain = stackWithOutput((app) => new TerraformStack(app, 'plain'));
    plain.stack.prepareStack();
    expect(plain.renders()).toBeGreaterThan(0);

    const independent = stackWithOutput((app) => new Independent(app, 'independent'));
    independent.stack.prepareStack();
    expect(independent.renders()).toBe(0);
  });

  test('prepareStack still gives a stack without a backend the local one, as cdktf does', () => {
    const { stack } = stackWithOutput((app) => new Independent(app, 'independent'));
    stack.prepareStack();
    expect(stack.toTerraform().terraform.backend).toEqual({ local: { path: expect.stringContaining('terraform.independent.tfstate') } });
  });
});
