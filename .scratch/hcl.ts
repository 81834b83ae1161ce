import { App } from 'cdktf';
import * as fs from 'fs';
import { createStacks } from '../stacks/create-stacks';
import { loadConfig } from '../schema/validate';
const r = loadConfig(fs.readFileSync(process.argv[2], 'utf8'), 'x.yaml');
if (!r.ok) throw new Error('bad');
const app = new App({ outdir: '/tmp/hclout', hclOutput: true });
createStacks(app, r.value);
app.synth();
