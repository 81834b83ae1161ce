/**
 * Where synthesized Terraform consumes an ARN, a reference must read an attribute the provider sets
 * from the API as an ARN (`arn`, `*_arn`), never an echo of another resource's input (`key_id`,
 * `name`, `target_key_id`, `id`): a provider reads back what the API returns, and an input given as
 * an ARN can come back as an id (aws_kms_key_policy.key_id: internal/service/kms/key_policy.go), so
 * an ARN read through it is an id after create — IAM refuses such policies, CloudWatch Logs such
 * keys, and every later plan drifts.
 */
import { TerraformJson } from './synth';

/** Arguments that take an ARN (or a key id that must be the ARN here: IAM and CloudWatch Logs need it). */
const ARN_ARGUMENT = /(^|_)arn$|^(kms_key_id|kms_key_identifier|kms_master_key_id|alarm_actions|ok_actions|insufficient_data_actions)$/;
/** In policy documents: the elements and condition keys whose values are ARNs. */
const ARN_POLICY_KEY = /^(Resource|NotResource)$|Arn$|:arn$/;
/** What may be read for an ARN: an ARN attribute, or an input of the configuration itself. */
const ARN_ATTRIBUTE = /^(var\.[A-Za-z0-9_-]+|(data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.(arn|[a-z0-9_]*_arn))$/;

export interface EchoedReference {
  /** Where: `<type>.<name>.<argument path>`. */
  readonly at: string;
  /** The reference read there. */
  readonly reference: string;
}

/** Every reference in an ARN position of the stack that does not read an ARN attribute. */
export function echoedArnReferences(json: TerraformJson): EchoedReference[] {
  const found: EchoedReference[] = [];
  const visit = (value: unknown, at: string[], arnPosition: boolean, inPolicy: boolean) => {
    if (typeof value === 'string') {
      const document = inPolicy ? undefined : policyDocument(value);
      if (document !== undefined) return visit(document, [...at, '(policy)'], false, true);
      if (!arnPosition) return;
      for (const reference of references(value)) if (!ARN_ATTRIBUTE.test(reference)) found.push({ at: at.join('.'), reference });
      return;
    }
    if (Array.isArray(value)) return value.forEach((item) => visit(item, at, arnPosition, inPolicy));
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const arnKey = (inPolicy ? ARN_POLICY_KEY : ARN_ARGUMENT).test(key);
      visit(item, [...at, key], arnPosition || arnKey, inPolicy);
    }
  };
  for (const [type, resources] of Object.entries(json.resource ?? {})) {
    for (const [name, config] of Object.entries(resources)) visit(config, [type, name], false, false);
  }
  for (const [name, output] of Object.entries((json.output ?? {}) as Record<string, { value: unknown }>)) {
    if (/(^|_)arn$/.test(name)) visit(output.value, ['output', name], true, false);
  }
  return found;
}

/** The references a string interpolates, innermost expressions as written (`aws_x.y.arn`). */
function references(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/(?:data\.)?[a-z_][a-z0-9_]*\.[A-Za-z0-9_-]+\.[a-z0-9_]+|var\.[A-Za-z0-9_-]+/g)].map((r) => r[0]));
}

/** A JSON policy document written as a string (IAM, resource and key policies), else undefined. */
function policyDocument(text: string): unknown {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as { Statement?: unknown };
    return parsed.Statement === undefined ? undefined : parsed;
  } catch {
    return undefined;
  }
}
