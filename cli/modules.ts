/**
 * `okta-log-streaming modules`: one reusable Terraform module per sink kind, plus the source module that
 * fan-out composes with, in dist/terraform-modules/<name>/: main.tf (native HCL, no backend, no
 * provider configuration, only required_providers), README.md, and examples/main.tf calling it.
 * Everything is written to a staging directory that replaces the target only when all modules
 * converted and formatted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { blockPaths } from './hcl/block-paths';
import { renderHcl } from './hcl/render';
import { buildModule, ModuleDefinition, MODULES, ProviderName } from './terraform-modules/definitions';
import { ModuleStack } from './terraform-modules/module-stack';
import { moduleReadme, ModuleJson } from './terraform-modules/readme';
import { terraformFmt } from './synth-hcl';
import type { Context } from './command';
import { PREFIX } from './output';
import { terraformRequirements } from '../stacks/provider-requirements';

// Terraform JSON is untyped until terraform reads it; these functions only move sections around.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export const MODULES_DIR = path.join('dist', 'terraform-modules');

/** The module's Terraform JSON, ready to render: no providers, no backend, the package's version ranges. */
export function moduleConfig(definition: ModuleDefinition): { config: Json; stack: ModuleStack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'okta-module-')) });
  try {
    const stack = new ModuleStack(app, definition.name);
    buildModule(stack, definition);
    app.synth();
    const config = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', definition.name, 'cdk.tf.json'), 'utf8')) as Json;
    delete config['//'];
    delete config.provider;
    config.terraform = terraformRequirements(definition.providers);
    return { config, stack };
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** The example root module: providers configured, the module (and the source module) called. */
export function exampleConfig(definition: ModuleDefinition): Json {
  // Sink modules are shown with the source module they attach to, which needs all three.
  const providers: ProviderName[] = definition.providers.includes('aws') ? ['aws', 'okta', 'time'] : [...definition.providers];
  const config: Json = {
    terraform: terraformRequirements(providers),
    provider: {
      ...(providers.includes('aws') ? { aws: [{ region: 'eu-west-1', allowed_account_ids: ['123456789012'] }] } : {}),
      // Credentials come from the environment: OKTA_API_TOKEN or OKTA_API_CLIENT_ID/OKTA_API_PRIVATE_KEY.
      ...(providers.includes('okta') ? { okta: [{ org_name: 'acme', base_url: 'okta.com' }] } : {}),
    },
    module: definition.example,
  };
  if (definition.exampleSecrets.length > 0) {
    config.variable = Object.fromEntries(definition.exampleSecrets.map((name) => [name, { type: 'string', sensitive: true, description: `Set TF_VAR_${name}.` }]));
  }
  return config;
}

export function writeModules(targetDir: string): string[] {
  const staging = `${targetDir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const configs = new Map<string, Json>();
    for (const definition of MODULES) {
      const { config, stack } = moduleConfig(definition);
      configs.set(definition.name, config);
      const dir = path.join(staging, definition.name);
      fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
      const exampleText = renderHcl(exampleConfig(definition), new Set());
      fs.writeFileSync(path.join(dir, 'main.tf'), renderHcl(config, blockPaths(stack)));
      fs.writeFileSync(path.join(dir, 'examples', 'main.tf'), exampleText);
    }
    terraformFmt(staging);
    // The README shows the example as fmt wrote it.
    for (const definition of MODULES) {
      const dir = path.join(staging, definition.name);
      const example = fs.readFileSync(path.join(dir, 'examples', 'main.tf'), 'utf8');
      fs.writeFileSync(path.join(dir, 'README.md'), moduleReadme(definition, configs.get(definition.name) as ModuleJson, example));
    }
    fs.rmSync(targetDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(targetDir), { recursive: true });
    fs.renameSync(staging, targetDir);
    return MODULES.map((m) => m.name);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export async function runModules({ output }: Context): Promise<number> {
  try {
    const written = writeModules(MODULES_DIR);
    output.out(`${PREFIX} wrote ${written.length} Terraform modules to ${MODULES_DIR}/: ${written.join(', ')}`);
    return 0;
  } catch (error) {
    output.err(`${PREFIX} modules: export failed; nothing was written:\n${(error as Error).message}`);
    return 1;
  }
}
