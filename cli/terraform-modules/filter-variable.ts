/**
 * The sink modules' `filter` input: the config's filter (schema/filter.ts) as a typed object, with
 * validations that refuse what the config validator refuses, and a reference the rule compiles in
 * Terraform (modules/okta-event-filter.ts filterPatternExpression).
 */
import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { filterPatternExpression, MAX_EVENT_PATTERN_LENGTH, OKTA_OUTCOMES, OKTA_SEVERITIES, OktaEventFilterReference } from '../../modules/okta-event-filter';
import { EVENT_TYPE_PATTERN, MIXED_CASE_EVENT_TYPES } from '../../schema/filter';

const NAME = 'filter';
const F = `var.${NAME}`;

const TYPE = `object({
  include = optional(object({
    event_types         = optional(list(string))
    event_type_prefixes = optional(list(string))
    severities          = optional(list(string))
    outcomes            = optional(list(string))
  }))
  exclude = optional(object({
    event_types       = optional(list(string))
    event_type_prefix = optional(string)
    severities        = optional(list(string))
    outcomes          = optional(list(string))
  }))
})`;

/** The lists of the filter; a missing part is null (try: the parts of a null object cannot be read). */
const LISTS = ['include.event_types', 'include.event_type_prefixes', 'include.severities', 'include.outcomes', 'exclude.event_types', 'exclude.severities', 'exclude.outcomes'];
const part = (path: string) => `try(${F}.${path}, null)`;
const given = (path: string) => `${part(path)} != null`;
const values = (...paths: string[]) => `[for value in flatten([${paths.map(part).join(', ')}]) : value if value != null]`;
const hclList = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
const hclString = (text: string) => JSON.stringify(text).replace(/\$\{/g, '$${');

function rule(condition: string, message: string): { condition: string; errorMessage: string } {
  return { condition: `\${${F} == null || ${condition}}`, errorMessage: `Invalid filter: ${message}` };
}

/** A mixed-case Okta event type spelled otherwise: would match nothing (EventBridge is case-sensitive). */
function misspelling(value: string): string {
  return `anytrue([for real in ${hclList(MIXED_CASE_EVENT_TYPES)} : real != ${value} && startswith(lower(real), lower(${value})) && !startswith(real, ${value}) && length(${value}) > length(regex("^.*\\\\.", real)) - 1])`;
}

export function filterVariable(scope: Construct): { variable: TerraformVariable; reference: OktaEventFilterReference } {
  const eventTypes = values('include.event_types', 'include.event_type_prefixes', 'exclude.event_types', 'exclude.event_type_prefix');
  const exactTypes = values('include.event_types', 'exclude.event_types');
  const variable = new TerraformVariable(scope, NAME, {
    type: TYPE,
    default: Token.nullValue(),
    description:
      'Which Okta events the sink receives: include (event_types: exact types; event_type_prefixes: types starting so, by characters; ' +
      'severities; outcomes: kept when ANY matches) and ' +
      'exclude (event_types or one event_type_prefix, severities, outcomes: dropped when ANY matches; events without the field are kept). Default: every event.',
    validation: [
      rule(`alltrue([for list in [${LISTS.map(part).join(', ')}] : list == null || try(length(list) > 0, false)])`, 'every list it gives must have at least one entry.'),
      rule(`alltrue([for type in ${eventTypes} : can(regex(${hclString(EVENT_TYPE_PATTERN.source)}, type))])`, 'event types and prefixes are Okta event types such as "user.session." (dot-separated letters, digits and "_", spelled as Okta writes it).'),
      rule(`alltrue([for type in ${exactTypes} : !endswith(type, ".")])`, 'an exact event type (include.event_types, exclude.event_types) never ends in "." (no Okta event type does): put prefixes under include.event_type_prefixes or exclude.event_type_prefix.'),
      rule(`alltrue([for type in ${eventTypes} : !${misspelling('type')}])`, `Okta writes ${MIXED_CASE_EVENT_TYPES.join(', ')} in mixed case and EventBridge matches case-sensitively: spell them so.`),
      rule(`alltrue([for severity in ${values('include.severities', 'exclude.severities')} : contains(${hclList(OKTA_SEVERITIES)}, severity)])`, `severities must be among ${OKTA_SEVERITIES.join(', ')}.`),
      rule(`alltrue([for outcome in ${values('include.outcomes', 'exclude.outcomes')} : contains(${hclList(OKTA_OUTCOMES)}, outcome)])`, `outcomes must be among ${OKTA_OUTCOMES.join(', ')}.`),
      rule(`!(${given('exclude.event_types')} && ${given('exclude.event_type_prefix')})`, 'exclude.event_types and exclude.event_type_prefix both constrain the event type, and EventBridge cannot AND two conditions on one field: use one.'),
      rule(
        `!((${given('include.event_types')} || ${given('include.event_type_prefixes')}) && (${given('exclude.event_types')} || ${given('exclude.event_type_prefix')})) && !(${given('include.severities')} && ${given('exclude.severities')}) && !(${given('include.outcomes')} && ${given('exclude.outcomes')})`,
        'include and exclude both constrain one field, and EventBridge cannot AND two conditions on one field: list only what to include there.',
      ),
      rule(`try(length(jsonencode(${filterPatternExpression(F)})) <= ${MAX_EVENT_PATTERN_LENGTH}, true)`, `the compiled pattern is longer than the ${MAX_EVENT_PATTERN_LENGTH} characters EventBridge allows: use fewer, shorter entries.`),
    ],
  });
  return { variable, reference: { terraformExpression: F } };
}
