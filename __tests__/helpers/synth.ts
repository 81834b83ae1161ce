import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformStack, Testing } from 'cdktf';

/** Synthesized Terraform JSON of one stack. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly terraform?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/** Synthesizes a stack (running construct validations, as `cdktf synth` does) and parses the JSON. */
export function synth(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** A stack with the providers the constructs need, as every real stack has them. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new OktaProvider(stack, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
  new TimeProvider(stack, 'time');
  return stack;
}

/** Builds constructs in a test stack and synthesizes it. */
export function synthConstructs(build: (stack: TerraformStack) => void): TerraformJson {
  const stack = testStack();
  build(stack);
  return synth(stack);
}

/** Every construct validation error in a stack, as `cdktf synth` would report them. */
export function validationErrors(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((construct) => construct.node.validate());
}

/** All resources of one type, by logical id. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The single resource of a type, with its logical id; fails the test when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): { id: string; config: Record<string, unknown> } {
  const entries = Object.entries(resourcesOf(json, type));
  if (entries.length !== 1) throw new Error(`expected exactly one ${type}, found ${entries.length}`);
  const [id, config] = entries[0];
  return { id, config };
}

/** `${type.id.attribute}`: the reference Terraform resolves at plan time. */
export function ref(type: string, id: string, attribute: string): string {
  return `\${${type}.${id}.${attribute}}`;
}

/** An IAM policy document as synthesized (a JSON string with interpolations), parsed. */
export interface PolicyDocument {
  Version: string;
  Statement: {
    Sid?: string;
    Effect: string;
    Principal?: Record<string, string>;
    Action: string[];
    Resource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
  }[];
}

export function parsePolicy(document: unknown): PolicyDocument {
  if (typeof document !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(document)}`);
  return JSON.parse(document) as PolicyDocument;
}

/**
 * Every address a stack refers to that it does not declare itself: `${…}` expressions anywhere,
 * depends_on entries and import targets. Stacks never reference each other (stacks/independent-stack.ts).
 */
export function undeclaredReferences(json: TerraformJson): string[] {
  const declared = new Set([
    ...Object.entries(json.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`)),
    ...Object.keys(json.variable ?? {}).map((name) => `var.${name}`),
    ...Object.keys((json as { locals?: object }).locals ?? {}).map((name) => `local.${name}`),
  ]);
  const addresses: string[] = [];
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'depends_on' || key === 'to') addresses.push(value);
      for (const [, expression] of value.matchAll(/\$\{([^}]*)\}/g)) {
        for (const ref of expression.matchAll(/(?<![\w.])(?:var|local|[a-z][a-z0-9]*_[a-z0-9_]+)\.[A-Za-z0-9_-]+/g)) addresses.push(ref[0]);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  const { resource, output, variable, locals, import: imports } = json as Record<string, unknown>;
  visit({ resource, output, variable, locals, import: imports });
  if (addresses.length === 0) throw new Error('no reference found: the scan no longer sees the output');
  return [...new Set(addresses)].filter((address) => !declared.has(address));
}

/** The stack without the partner bus's own dead-letter queue, its policy and alarm: what a sink's tests look at. */
export function withoutBusDeadLetters(json: TerraformJson): TerraformJson {
  const resource = Object.fromEntries(
    Object.entries(json.resource ?? {}).map(([type, byId]) => [type, Object.fromEntries(Object.entries(byId).filter(([id]) => !id.startsWith('BusDeadLetters_')))]),
  );
  return { ...json, resource };
}
