import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { DashboardMetric } from './okta-log-sink';

export interface OktaDashboardProps {
  /** 1-255 of letters, digits, "-", "_". */
  readonly dashboardName: string;
  readonly region: string;
}

export interface DashboardSink {
  /** How the sink is labelled on the graphs. */
  readonly label: string;
  readonly ruleName: string;
  readonly eventBusName: string;
  readonly deadLetterQueueName: string;
  /** The sink's own metrics (Firehose deliveries, archive size …). */
  readonly metrics?: readonly DashboardMetric[];
}

const WIDTH = 12;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard per stack: what Okta sent, what reached each sink, what failed, what
 * waits in the dead-letter queues, and each sink's own delivery metrics.
 */
export class OktaDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  private readonly sinks: DashboardSink[] = [];

  constructor(scope: Construct, id: string, private readonly props: OktaDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: Lazy.stringValue({ produce: () => JSON.stringify(this.body()) }),
    });
  }

  addSink(sink: DashboardSink): void {
    this.sinks.push(sink);
  }

  private body(): { widgets: unknown[] } {
    const perRule = (metricName: string, label: string) =>
      this.sinks.map((s) => ['AWS/Events', metricName, 'EventBusName', s.eventBusName, 'RuleName', s.ruleName, { stat: 'Sum', label: `${s.label} ${label}` }]);
    const graphs: [string, unknown[][]][] = [
      ['Okta events matched per sink', perRule('MatchedEvents', 'matched')],
      ['Deliveries and failures', [...perRule('Invocations', 'invocations'), ...perRule('FailedInvocations', 'failed')]],
      ['Throttled deliveries', perRule('ThrottledRules', 'throttled')],
      [
        'Dead-letter queues',
        [
          ...this.sinks.map((s) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', s.deadLetterQueueName, { stat: 'Maximum', label: `${s.label} waiting` }]),
          ...perRule('InvocationsFailedToBeSentToDlq', 'lost'),
        ],
      ],
    ];
    const own = this.sinks.flatMap((s) => s.metrics ?? []);
    if (own.length > 0) {
      graphs.push([
        'Sink deliveries and archive size',
        own.map((m) => [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { stat: m.stat, label: m.label, ...(m.periodSeconds ? { period: m.periodSeconds } : {}) }]),
      ]);
    }
    return {
      widgets: graphs.map(([title, metrics], i) => ({
        type: 'metric',
        x: (i % 2) * WIDTH,
        y: Math.floor(i / 2) * HEIGHT,
        width: WIDTH,
        height: HEIGHT,
        properties: { title, region: this.props.region, metrics, view: 'timeSeries', stacked: false, period: 300 },
      })),
    };
  }
}
