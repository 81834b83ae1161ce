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
