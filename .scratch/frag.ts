import { Testing, TerraformElement, Tokenization } from 'cdktf';
import { createStacks } from '../stacks/create-stacks';
import { loadConfig } from '../schema/validate';
import * as fs from 'fs';
const r = loadConfig(fs.readFileSync('examples/all-sinks.yaml', 'utf8'), 'x.yaml');
if (!r.ok) throw new Error('bad');
const app = Testing.app();
const [stack] = createStacks(app, r.value);
const els = stack.node.findAll().filter((c): c is TerraformElement => c instanceof TerraformElement);
for (const e of els) {
  const id = e.node.path;
  if (/Target$|Connection$|LogStream\/Stream|PartnerEventBus|okta$|aws$|bronto_api_key|backend/.test(id)) {
    console.log(id, JSON.stringify(Tokenization.resolve((e as any).toHclTerraform(), { scope: stack, preparing: false, resolver: new (require('cdktf').DefaultTokenResolver)(new (require('cdktf').StringConcat)()) })).slice(0, 1500));
  }
}
