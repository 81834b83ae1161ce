import { z } from 'zod';
import { strictObject } from './rules';

/**
 * The pipeline's identity, created by the bootstrap stack: GitHub's OIDC provider (or an existing
 * one) and the plan, apply and drift roles with the policies `okta-log-streaming iam-policy` prints.
 * Subjects as GitHub documents them ("About security hardening with OpenID Connect", example subject
 * claims): `repo:<owner>/<repo>:pull_request`, `…:environment:<name>`, `…:ref:refs/heads/<branch>`.
 */
export const githubCiSchema = strictObject({
  repository: z
    .string({ error: 'must be a string: the GitHub repository as owner/name' })
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, { error: 'must be owner/name, e.g. "acme/okta-log-streaming"' })
    .describe('The repository whose workflows assume the roles, as owner/name.'),
  environment: z
    .string({ error: 'must be a string' })
    .regex(/^[^\s:'"`,;\\/][^:'"`,;\\/]{0,254}$/, { error: 'must be a GitHub environment name (no ":", quotes, "," ";" "/" or "\\")' })
    .default('production')
    .describe('The environment (with required reviewers) the apply job runs in: only its jobs may assume the apply role. Default "production".'),
  default_branch: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9._/-]{1,255}$/, { error: 'must be a branch name, e.g. "main"' })
    .default('main')
    .describe('The branch pushes to which plan for apply, and on which the drift schedule runs. Default "main".'),
  oidc_provider_arn: z
    .string({ error: 'must be a string' })
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
      error: 'must be the ARN of an IAM OIDC provider for token.actions.githubusercontent.com, e.g. "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"',
    })
    .optional()
    .describe('Use this existing OIDC provider for GitHub (an account has one per URL). Default: the bootstrap stack creates it.'),
}).describe('GitHub Actions: roles its workflows assume through OIDC, no long-lived keys.');

export const ciSchema = strictObject({
  github: githubCiSchema,
}).describe('The pipeline identities the bootstrap stack creates (needs backend.type s3 with bootstrap: true): an OIDC provider and the plan, apply and drift roles, each with the least-privilege policy of `okta-log-streaming iam-policy`.');

export type CiConfig = z.output<typeof ciSchema>;
