/**
 * Field rules shared by every part of the configuration schema. Each rule carries the message a user
 * sees when a value breaks it: what is allowed and, where a vendor trap is involved, why.
 */
import { z } from 'zod';
import { secretLike } from './secrets';
import { AWS_ACCOUNT_ID_PATTERN, EVENT_SOURCE_NAME_PATTERN, OKTA_STREAM_REGIONS } from '../modules/facts';

export { OKTA_STREAM_REGIONS };

/** Stack names become Terraform stack ids, state keys and the stem of AWS resource names. */
export const STACK_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const STACK_NAME_MAX_LENGTH = 40;

/** Names of Terraform variables that carry secrets; also the `TF_VAR_<name>` environment variable. */
export const VARIABLE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A Terraform reference written where a variable's bare name belongs (`var.x`, `${var.x}`,
 * `TF_VAR_x`): the name, and what to drop. Such a value is a name, not a secret, so errors show it.
 */
export function variableReference(value: string): { readonly name: string; readonly drop: string } | undefined {
  const forms: [RegExp, string][] = [
    [/^\$\{var\.(.+)\}$/, 'drop the "${var." and "}" around it'],
    [/^var\.(.+)$/, 'drop the "var." prefix'],
    [/^TF_VAR_(.+)$/, 'drop the "TF_VAR_" prefix'],
  ];
  for (const [form, drop] of forms) {
    const name = form.exec(value)?.[1];
    if (name !== undefined && VARIABLE_NAME_PATTERN.test(name) && secretLike(name) === undefined) return { name, drop };
  }
  return undefined;
}

/** EventBridge HTTP parameter values (headers, query strings): printable ASCII, no edge blanks. */
export const HTTP_PARAMETER_VALUE_PATTERN = /^[\x21-\x7E]([\x20-\x7E]{0,510}[\x21-\x7E])?$/;

export function eventSourceName() {
  return z
    .string({ error: 'must be a string of 1-75 characters from [A-Za-z0-9._]' })
    .regex(EVENT_SOURCE_NAME_PATTERN, {
      error: (issue) =>
        typeof issue.input === 'string' && issue.input.includes('-')
          ? 'must match [A-Za-z0-9._]{1,75}. Okta itself allows "-", but the okta provider (4.20.0 to 6.x) rejects it ' +
            '(its validation regex is double-escaped), so use "_" instead, e.g. "' +
            issue.input.replace(/-/g, '_') +
            '"'
          : 'must match [A-Za-z0-9._]{1,75}: letters, digits, "." and "_" only, 1 to 75 characters',
    })
    .describe(
      'Name of the partner event source Okta creates in AWS: aws.partner/okta.com/<org_name>/<event_source_name>. ' +
        'Unique per Okta org; [A-Za-z0-9._]{1,75} (no "-": the okta provider (4.20.0 to 6.x) rejects it). Write-once: changing it replaces the stream and the bus.',
    );
}

export function awsAccountId() {
  return z
    .string({
      error: (issue) =>
        typeof issue.input === 'number'
          ? 'must be a quoted string of 12 digits (an unquoted number loses leading zeros), e.g. "012345678901"'
          : 'must be a string of 12 digits',
    })
    .regex(AWS_ACCOUNT_ID_PATTERN, { error: 'must be exactly 12 digits, e.g. "123456789012"' })
    .describe('AWS account id (12 digits, quoted) that receives the Okta partner event source.');
}

export function oktaStreamRegion() {
  return z
    .enum(OKTA_STREAM_REGIONS, {
      error: `must be an AWS region Okta streams to: ${OKTA_STREAM_REGIONS.join(', ')}`,
    })
    .describe('AWS region of the partner event source, the bus, the rule and every sink resource.');
}

/** Okta org subdomain: the `acme` of acme.okta.com. */
export function oktaOrgName() {
  return z
    .string({ error: 'must be a string: the Okta org subdomain, e.g. "acme" for acme.okta.com' })
    // Lowercase only: Okta names the partner source with the lowercase org, and a bus name that differs
    // in case from the source fails at apply.
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
      error: (issue) =>
        typeof issue.input === 'string' && issue.input.includes('.')
          ? 'must be the org subdomain only (e.g. "acme"), not a host name; put the domain (e.g. "okta.com") in base_url'
          : 'must be the Okta org subdomain in lowercase: 1-63 letters, digits and inner "-", e.g. "acme" for acme.okta.com',
    })
    .describe('Okta org name: the subdomain of <org_name>.<base_url>. Part of the partner event source name.');
}

export function oktaBaseUrl() {
  return z
    .string({ error: 'must be a string: the Okta domain, e.g. "okta.com"' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, {
      error:
        'must be the Okta domain without scheme, org or path: okta.com, oktapreview.com, okta-emea.com, okta-gov.com, …',
    })
    .describe('Okta domain of the org, without scheme or org: okta.com, oktapreview.com, okta-emea.com, okta-gov.com …');
}

export function stackName() {
  return z
    .string({ error: 'must be a string' })
    .max(STACK_NAME_MAX_LENGTH, {
      error: `must be at most ${STACK_NAME_MAX_LENGTH} characters: it is the stem of AWS resource names, which have length limits`,
    })
    .regex(STACK_NAME_PATTERN, {
      error: 'must be kebab-case: a lowercase letter, then lowercase letters, digits and single inner "-", e.g. "okta-bronto"',
    })
    .describe(
      `Stack id (kebab-case, at most ${STACK_NAME_MAX_LENGTH} characters): the Terraform stack, its state key and the stem of its AWS resource names. Changing it moves state.`,
    );
}

export const SINK_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** With a stack name of at most 40, `<stack>-<sink>` stays within EventBridge's 64. */
export const SINK_NAME_MAX_LENGTH = 23;

export function sinkName() {
  return z
    .string({ error: 'must be a string' })
    .max(SINK_NAME_MAX_LENGTH, { error: `must be at most ${SINK_NAME_MAX_LENGTH} characters: "<stack>-<sink>" names AWS resources limited to 64` })
    .regex(SINK_NAME_PATTERN, { error: 'must be kebab-case: a lowercase letter, then lowercase letters, digits and single inner "-"' })
    .describe(
      `Sink name within its stack (kebab-case, at most ${SINK_NAME_MAX_LENGTH}): resources are named "<stack>-<sink>". Renaming a sink replaces its resources.`,
    );
}

export function variableName(defaultName: string, what: string) {
  return z
    .string({ error: 'must be a string' })
    .superRefine((value, context) => {
      // A secret pasted where its variable's name belongs would otherwise be echoed as TF_VAR_<secret>.
      const reference = variableReference(value);
      const looks = secretLike(value);
      if (reference !== undefined) {
        context.addIssue({
          code: 'custom',
          message: `this field takes the variable's bare name, not a reference to it: ${reference.drop}, e.g. "${reference.name}" (set it as TF_VAR_${reference.name} at plan/apply)`,
        });
      } else if (looks !== undefined) {
        context.addIssue({
          code: 'custom',
          message: `this is the name of the variable, not the secret (it looks like ${looks}): put the ${what} in TF_VAR_${defaultName} at plan/apply and leave this field out, or name another variable here`,
        });
      } else if (!VARIABLE_NAME_PATTERN.test(value)) {
        context.addIssue({ code: 'custom', message: 'must be a Terraform variable name: a lowercase letter, then lowercase letters, digits and "_", at most 64' });
      }
    })
    .default(defaultName)
    .describe(
      `Name of the sensitive Terraform variable that carries the ${what}; set it as TF_VAR_<name> at plan/apply. Default "${defaultName}".`,
    );
}

export function httpParameterValue(description: string) {
  return z
    .string({ error: 'must be a string' })
    .regex(HTTP_PARAMETER_VALUE_PATTERN, {
      error: 'must be 1-512 printable ASCII characters without leading or trailing blanks (an EventBridge HTTP parameter value)',
    })
    .describe(description);
}

export function integerInRange(min: number, max: number, description: string) {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed }).describe(description);
}

/**
 * A mapping that rejects unknown keys and names the allowed ones: a typo in a key would otherwise
 * silently drop a setting.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key; allowed keys here: ${allowed}` : `must be a mapping with keys: ${allowed}`,
  });
}

/** What a sink sends: the EventBridge envelope, or the Okta LogEvent alone (its `detail`). */
export function body(defaultBody: 'envelope' | 'okta_event') {
  return z
    .enum(['envelope', 'okta_event'], { error: 'must be "envelope" (the whole EventBridge event) or "okta_event" (its detail: the Okta LogEvent)' })
    .default(defaultBody)
    .describe(`What each request carries: "envelope" (the EventBridge event) or "okta_event" (the Okta LogEvent, its detail). Default "${defaultBody}".`);
}

export function invocationRateLimit() {
  return integerInRange(
    1,
    300,
    'Most requests per second EventBridge sends to the endpoint (one event per request). Default 300.',
  ).default(300);
}

/** An https:// URL without query string, fragment or credentials. */
export function httpsUrl(description: string) {
  return z
    .string({ error: 'must be a string: an https:// URL' })
    .max(2048, { error: 'must be at most 2048 characters' })
    .regex(/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?$/, {
      error: 'must be an https:// URL without query string, fragment or credentials (put query parameters under query_parameters)',
    })
    .describe(description);
}
