import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { compileFilter, filterPatternExpression, filterProblems, isFilterReference, OktaEventFilter, OktaEventFilterReference } from './okta-event-filter';

export { OKTA_SYSTEM_LOG_EVENT_PATTERN } from './facts';

export interface OktaEventRuleProps {
  /** Name of the partner event bus the rule listens on. Never `default`: that bus never sees Okta events. */
  readonly eventBusName: string;
  /** Rule name: 1-64 of letters, digits, ".", "-", "_"; unique per bus. */
  readonly ruleName: string;
  /** @default - "Okta System Log events to <rule name>" */
  readonly description?: string;
  /**
   * Which Okta events this rule passes on: a filter, or a reference to one Terraform holds (module
   * form; Terraform builds the same pattern and the input's validations refuse what cannot be one).
   * @default - every System Log event
   */
  readonly filter?: OktaEventFilter | OktaEventFilterReference;
  /**
   * Adopt an existing rule of this name with an `import` block: the bus's name as a literal (an
   * import id must be known before the plan, so `eventBusName`, a reference, will not do).
   * @default - a new rule
   */
  readonly importFromBus?: string;
}

/** A rule on the partner bus matching Okta System Log events. Sinks attach to it with `OktaRuleTarget`. */
export class OktaEventRule extends Construct {
  readonly rule: CloudwatchEventRule;
  /** The bus the rule is on; every target of the rule must name it too. */
  readonly eventBusName: string;
  /** `<bus name>/<rule name>` when the rule was adopted (imported). */
  readonly importPath?: string;

  constructor(scope: Construct, id: string, props: OktaEventRuleProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.eventBusName) && props.eventBusName === 'default') {
      throw new Error('OktaEventRule: eventBusName is "default"; Okta events arrive only on the partner event bus');
    }
    const reference = isFilterReference(props.filter) ? props.filter : undefined;
    const filter = isFilterReference(props.filter) ? undefined : props.filter;
    const problems = filter === undefined ? [] : filterProblems(filter);
    if (problems.length > 0) throw new Error(`OktaEventRule ${props.ruleName}: the filter cannot be expressed: ${problems.join('; ')}`);
    this.eventBusName = props.eventBusName;
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: props.ruleName,
      eventBusName: props.eventBusName,
      description: props.description ?? `Okta System Log events to ${props.ruleName}`,
      eventPattern: reference === undefined ? JSON.stringify(compileFilter(filter)) : `\${jsonencode(${filterPatternExpression(reference.terraformExpression)})}`,
      state: 'ENABLED',
    });
    if (props.importFromBus !== undefined) {
      if (Token.isUnresolved(props.importFromBus) || Token.isUnresolved(props.ruleName)) {
        throw new Error('OktaEventRule: importing needs the bus and rule names as literals (an import id must be known before the plan)');
      }
      // Import id of a rule on a custom or partner bus: <bus name>/<rule name>.
      this.importPath = `${props.importFromBus}/${props.ruleName}`;
      this.rule.importFrom(this.importPath);
    }
  }

  get ruleName(): string {
    return this.rule.name;
  }

  /** `arn:aws:events:<region>:<account>:rule/<bus name>/<rule name>` on a partner bus. */
  get ruleArn(): string {
    return this.rule.arn;
  }
}
