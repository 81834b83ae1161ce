import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { OKTA_PARTNER_SOURCE_PREFIX } from './facts';

/** Every Okta System Log event on a partner bus. Okta cannot filter: any filtering happens in this pattern. */
export const OKTA_SYSTEM_LOG_EVENT_PATTERN = {
  source: [{ prefix: OKTA_PARTNER_SOURCE_PREFIX }],
  'detail-type': ['SystemLog'],
} as const;

export interface OktaEventRuleProps {
  /** Name of the partner event bus the rule listens on. Never `default`: that bus never sees Okta events. */
  readonly eventBusName: string;
  /** Rule name: 1-64 of letters, digits, ".", "-", "_"; unique per bus. */
  readonly ruleName: string;
  /** @default - "Okta System Log events to <rule name>" */
  readonly description?: string;
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
    this.eventBusName = props.eventBusName;
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: props.ruleName,
      eventBusName: props.eventBusName,
      description: props.description ?? `Okta System Log events to ${props.ruleName}`,
      eventPattern: JSON.stringify(OKTA_SYSTEM_LOG_EVENT_PATTERN),
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
