/**
 * `okta-log-streaming iam-policy --role plan|apply|drift|doctor|probe`: the least-privilege IAM policy a
 * pipeline role needs for this config (stacks/deployer-policy.ts), from the synthesized stacks. The
 * policy document on stdout (for `aws iam put-role-policy --policy-document file://…`), `--json` with
 * its size and stacks, or `--terraform` as an aws_iam_policy_document data source; the summary on
 * stderr, so stdout is the document alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../main';
import { DeployerRole, deployerPolicy, INLINE_POLICY_LIMIT, PolicyDocument, policySize, ROLE_PURPOSE, StackJson } from '../stacks/deployer-policy';
import type { Context } from './command';
import { expression } from './hcl/render';
import { Reporter } from './output';
import { pipelineStacks, synthesizeUnlessAsked } from './terraform';

export async function runIamPolicy({ values, env, output }: Context): Promise<number> {
  // stdout carries the document alone: every other line goes to stderr.
  const reporter = new Reporter(output, { json: true });
  const role = values.role as DeployerRole;
  if (values.json === true && values.terraform === true) {
    reporter.summary(false, 'iam-policy: give --json or --terraform, not both');
    return 2;
  }
  const toStderr: Output = { out: (line) => output.err(line), err: (line) => output.err(line) };
  if (!synthesizeUnlessAsked(values['no-synth'] === true, env, toStderr)) return 1;
  try {
    const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
    const stacks: StackJson[] = pipelineStacks(outdir).map((s) => ({ name: s.name, json: JSON.parse(fs.readFileSync(path.join(s.dir, 'cdk.tf.json'), 'utf8')) }));
    const policy = deployerPolicy(role, stacks);
    const size = policySize(policy);
    if (values.json === true) output.out(JSON.stringify({ role, purpose: ROLE_PURPOSE[role], stacks: stacks.map((s) => s.name), characters: size, policy }, null, 2));
    else if (values.terraform === true) output.out(policyDocumentHcl(role, policy));
    else output.out(JSON.stringify(policy, null, 2));
    const roles = stacks.flatMap((st) => Object.values((st.json.resource?.aws_iam_role ?? {}) as Record<string, { permissions_boundary?: string }>));
    if (role === 'apply' && roles.some((r) => r.permissions_boundary === undefined)) {
      // Without a boundary IAM cannot limit what policy a role of those names is given.
      output.err('okta-log-streaming: note: the stacks\' roles carry no permissions boundary (set ci, and bootstrap): iam:CreateRole and iam:PutRolePolicy are limited to their names only, so a role of such a name could be given any policy');
    }
    const fits = size <= INLINE_POLICY_LIMIT;
    reporter.summary(
      fits,
      `iam-policy ${role}: ${policy.Statement.length} statements for ${stacks.length} stack${stacks.length === 1 ? '' : 's'}, ${size} characters` +
        (fits ? ` (IAM allows ${INLINE_POLICY_LIMIT} for a role's inline policies)` : `: over IAM's ${INLINE_POLICY_LIMIT} for a role's inline policies; split it into managed policies, or the config into several`),
    );
    return 0;
  } catch (error) {
    reporter.summary(false, `iam-policy failed: ${(error as Error).message}`);
    return 1;
  }
}

/** The policy as an `aws_iam_policy_document` data source (hashicorp/aws, data_source_iam_policy_document). */
export function policyDocumentHcl(role: DeployerRole, policy: PolicyDocument): string {
  const statements = policy.Statement.map((s) => {
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, keys]) =>
      Object.entries(keys).map(([variable, values]) => ['    condition {', `      test     = ${expression(test)}`, `      variable = ${expression(variable)}`, `      values = ${list(values, '      ')}`, '    }']),
    );
    return ['  statement {', `    sid    = ${expression(s.Sid)}`, `    effect = "Allow"`, `    actions = ${list(s.Action, '    ')}`, `    resources = ${list(s.Resource, '    ')}`, ...conditions.flat(), '  }'].join('\n');
  });
  return [`# okta-log-streaming iam-policy --role ${role}: ${ROLE_PURPOSE[role]}`, `data "aws_iam_policy_document" "okta_log_streaming_${role}" {`, statements.join('\n\n'), '}'].join('\n');
}

/** A list one value a line, as terraform fmt writes it (a multi-line value is not aligned with its neighbours). */
function list(values: readonly string[], indent: string): string {
  return `[\n${values.map((v) => `${indent}  ${expression(v)},`).join('\n')}\n${indent}]`;
}
