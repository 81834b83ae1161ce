/**
 * Field rules shared by every part of the configuration schema. Each rule carries the message a user
 * sees when a value breaks it: what is allowed and, where a vendor trap is involved, why.
 */
import { z } from 'zod';
import { AWS_ACCOUNT_ID_PATTERN, EVENT_SOURCE_NAME_PATTERN, OKTA_STREAM_REGIONS } from '../modules/facts';

export { OKTA_STREAM_REGIONS };

/** Stack names become Terraform stack ids, state keys and the stem of AWS resource names. */
export const STACK_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const STACK_NAME_MAX_LENGTH = 40;

/** Names of Terraform variables that carry secrets; also the `TF_VAR_<name>` environment variable. */
export const VARIABLE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** EventBridge HTTP parameter values (headers, query strings): printable ASCII, no edge blanks. */
export const HTTP_PARAMETER_VALUE_PATTERN = /^[\x21-\x7E]([\x20-\x7E]{0,510}[\x21-\x7E])?$/;

export function eventSourceName() {
  return z
    .string({ error: 'must be a string of 1-75 characters from [A-Za-z0-9._]' })
    .regex(EVENT_SOURCE_NAME_PATTERN, {
      error: (issue) =>
        typeof issue.input === 'string' && issue.input.includes('-')
          ? 'must match [A-Za-z0-9._]{1,75}. Okta itself allows "-", but okta provider 4.20.0 rejects it ' +
            '(its validation regex is double-escaped), so use "_" instead, e.g. "' +
            issue.input.replace(/-/g, '_') +
            '"'
          : 'must match [A-Za-z0-9._]{1,75}: letters, digits, "." and "_" only, 1 to 75 characters',
    })
    .describe(
      'Name of the partner event source Okta creates in AWS: aws.partner/okta.com/<org_name>/<event_source_name>. ' +
        'Unique per Okta org; [A-Za-z0-9._]{1,75} (no "-": okta provider 4.20.0 rejects it). Write-once: changing it replaces the stream and the bus.',
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

export function variableName(defaultName: string, what: string) {
  return z
    .string({ error: 'must be a string' })
    .regex(VARIABLE_NAME_PATTERN, {
      error: 'must be a Terraform variable name: a lowercase letter, then lowercase letters, digits and "_", at most 64',
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
