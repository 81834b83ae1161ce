import { Fn, IResolvable, Token, Tokenization } from 'cdktf';

/**
 * IAM policy documents as JSON strings. References (tokens) inside become Terraform interpolations,
 * so the synthesized document stays plain JSON that tests can parse and check.
 */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: { readonly Service: string | readonly string[] } | { readonly AWS: string };
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export function policyDocument(...statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * A policy document some of whose statements depend on a Terraform condition (module form: an
 * optional input). Terraform builds the document with jsonencode; the provider compares policies
 * as JSON, so it equals `policyDocument` of the statements that apply.
 */
export function conditionalPolicyDocument(statements: readonly PolicyStatement[], conditional: readonly { readonly when: unknown; readonly statement: PolicyStatement }[]): string {
  if (conditional.length === 0) return policyDocument(...statements);
  const optional = conditional.map(({ when, statement }) => Fn.conditional(when, [inExpression(statement)], []));
  return Token.asString(Fn.jsonencode({ Version: '2012-10-17', Statement: Fn.concat([statements.map(inExpression), ...optional]) }));
}

/** Inside a function call a string mixing text and references (`${arn}/*`) must be a join(). */
export function inExpression<T>(value: T): T {
  if (typeof value === 'string') {
    const fragments = Tokenization.reverseString(value);
    if (fragments.length <= 1) return value;
    const parts = fragments.join({ join: (left: unknown, right: unknown) => [left, right].flat() }) as (string | IResolvable)[];
    return Fn.join('', parts.map((part) => (typeof part === 'string' ? part : Token.asString(part)))) as T;
  }
  if (Array.isArray(value)) return value.map(inExpression) as T;
  if (typeof value === 'object' && value !== null && !Tokenization.isResolvable(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inExpression(v)])) as T;
  }
  return value;
}

/**
 * Trust policy for a role an AWS service assumes on behalf of one resource: `aws:SourceArn` pins it
 * to that resource, so no other rule or account can use the role (confused-deputy protection).
 */
export function serviceTrustPolicy(service: string, sourceArn: string): string {
  return policyDocument({
    Sid: 'TrustedService',
    Effect: 'Allow',
    Principal: { Service: service },
    Action: ['sts:AssumeRole'],
    Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
  });
}
