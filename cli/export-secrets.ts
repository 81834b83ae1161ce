/**
 * GitHub Actions step: exports, for every sensitive variable the synthesized stacks need
 * (<outdir>/variables.json), the repository secret of the same name in upper case
 * (bronto_api_key ← BRONTO_API_KEY) as TF_VAR_<name>, through $GITHUB_ENV. The secrets arrive as
 * JSON in SECRETS (`${{ toJSON(secrets) }}`), so no workflow lists them by hand and a renamed
 * variable needs only its secret. Prints names, never values; what is missing, preflight reports.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import type { Output } from '../main';
import type { Context } from './command';
import { readNeededVariables } from './preflight';

export function exportSecrets(env: NodeJS.ProcessEnv, output: Output): number {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  const target = env.GITHUB_ENV;
  if (!target) {
    output.err('okta-log-streaming: GITHUB_ENV is not set: this step runs inside GitHub Actions');
    return 1;
  }
  let secrets: Record<string, string>;
  try {
    secrets = JSON.parse(env.SECRETS || '{}') as Record<string, string>;
  } catch {
    output.err('okta-log-streaming: SECRETS is not JSON: pass ${{ toJSON(secrets) }}');
    return 1;
  }
  const lines: string[] = [];
  for (const needed of new Map(readNeededVariables(outdir).map((v) => [v.variable, v])).values()) {
    const value = secrets[needed.secret];
    if (value === undefined || value === '') {
      output.out(`${needed.environment}: no repository secret ${needed.secret}`);
      continue;
    }
    // A delimiter that cannot occur in the value (GitHub's multiline syntax).
    const delimiter = `EOF_${crypto.randomBytes(12).toString('hex')}`;
    lines.push(`${needed.environment}<<${delimiter}`, value, delimiter);
    output.out(`${needed.environment}: from secret ${needed.secret}`);
  }
  fs.appendFileSync(target, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return 0;
}

export async function runExportSecrets({ env, output }: Context): Promise<number> {
  return exportSecrets(env, output);
}
