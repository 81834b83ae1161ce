/**
 * The AWS side, read-only, with the AWS SDK for JavaScript v3: the partner event source and bus,
 * each rule with its target, connection and API destination, the rules' metrics over a window, the
 * dead-letter queues, and on request one dead letter's error, left in its queue.
 */
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeEventSourceCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Check } from './report';
import { RuleFacts, StackFacts } from './stack-facts';

export interface AwsClients {
  readonly sts: STSClient;
  readonly events: EventBridgeClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sqs: SQSClient;
}

export interface AwsCheckOptions {
  /** Hours of metrics to read. @default 24 */
  readonly windowHours?: number;
  /** Read one dead letter's error attributes (the message stays in the queue). @default false */
  readonly peekDeadLetters?: boolean;
  /** @default now */
  readonly now?: Date;
}

type AwsCheck = Omit<Check, 'area'>;

const notFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException' || (error as { name?: string }).name === 'QueueDoesNotExist';

/** Runs a check; an API error other than "not found" means it could not be checked. */
async function checked(subject: string, run: () => Promise<AwsCheck | AwsCheck[]>, missing: AwsCheck): Promise<AwsCheck[]> {
  try {
    return [await run()].flat();
  } catch (error) {
    if (notFound(error)) return [missing];
    return [{ subject, verdict: 'unchecked', detail: `${(error as Error).name}: ${(error as Error).message}`, fix: 'the doctor\'s read-only IAM policy (docs/operations.md, "Doctor") and a retry' }];
  }
}

export async function awsChecks(facts: StackFacts, clients: AwsClients, options: AwsCheckOptions = {}): Promise<Check[]> {
  const aws = facts.aws;
  if (aws === undefined) return [];
  const withArea = (checks: AwsCheck[]): Check[] => checks.map((c) => ({ area: 'aws', ...c }));
  // Never report on another account's resources of the same names.
  const identity = await checked(
    'credentials',
    async () => {
      const { Account } = await clients.sts.send(new GetCallerIdentityCommand({}));
      return Account === aws.accountId
        ? { subject: 'credentials', verdict: 'ok', detail: `account ${Account}` }
        : { subject: 'credentials', verdict: 'unchecked', detail: `these credentials are for account ${Account}, the stack is in ${aws.accountId}`, fix: `use credentials for ${aws.accountId}` };
    },
    { subject: 'credentials', verdict: 'unchecked', detail: 'no caller identity' },
  );
  if (identity[0].verdict !== 'ok') return withArea(identity);
  const checks: AwsCheck[] = [...identity];

  const bus = aws.eventBusName;
  checks.push(
    ...(await checked(
      `partner event source ${bus}`,
      async () => {
        const { State } = await clients.events.send(new DescribeEventSourceCommand({ Name: bus }));
        if (State === 'ACTIVE') return { subject: `partner event source ${bus}`, verdict: 'ok', detail: 'ACTIVE' };
        if (State === 'PENDING') return { subject: `partner event source ${bus}`, verdict: 'fail', detail: 'PENDING: no bus is associated with it', fix: 'apply the stack (it creates the partner bus); Okta sends nothing until then' };
        return { subject: `partner event source ${bus}`, verdict: 'fail', detail: `${State}: Okta removed it (the stream was deleted or replaced)`, fix: 'apply the stack: it re-creates the stream, and a new source' };
      },
      { subject: `partner event source ${bus}`, verdict: 'fail', detail: 'not in this account and region', fix: 'check the stream\'s account and region in Okta (okta checks above), then apply' },
    )),
  );
  checks.push(
    ...(await checked(
      `partner event bus ${bus}`,
      async () => {
        await clients.events.send(new DescribeEventBusCommand({ Name: bus }));
        return { subject: `partner event bus ${bus}`, verdict: 'ok', detail: 'exists' };
      },
      { subject: `partner event bus ${bus}`, verdict: 'fail', detail: 'missing: the partner source\'s events go nowhere', fix: 'apply the stack' },
    )),
  );
  for (const rule of aws.rules) checks.push(...(await ruleChecks(bus, rule, clients.events)));
  for (const name of aws.connections) {
    checks.push(
      ...(await checked(
        `connection ${name}`,
        async () => {
          const { ConnectionState, StateReason } = await clients.events.send(new DescribeConnectionCommand({ Name: name }));
          if (ConnectionState === 'AUTHORIZED') return { subject: `connection ${name}`, verdict: 'ok', detail: 'AUTHORIZED' };
          return {
            subject: `connection ${name}`,
            verdict: ConnectionState === 'AUTHORIZING' || ConnectionState === 'CREATING' || ConnectionState === 'UPDATING' ? 'warn' : 'fail',
            detail: `${ConnectionState}${StateReason ? `: ${StateReason}` : ''}`,
            fix: 'the vendor refused the credential: set the right TF_VAR_… and apply (docs/operations.md, "Secrets and variables")',
          };
        },
        { subject: `connection ${name}`, verdict: 'fail', detail: 'missing', fix: 'apply the stack' },
      )),
    );
  }
  for (const name of aws.apiDestinations) {
    checks.push(
      ...(await checked(
        `API destination ${name}`,
        async () => {
          const { ApiDestinationState } = await clients.events.send(new DescribeApiDestinationCommand({ Name: name }));
          return ApiDestinationState === 'ACTIVE'
            ? { subject: `API destination ${name}`, verdict: 'ok', detail: 'ACTIVE' }
            : { subject: `API destination ${name}`, verdict: 'fail', detail: `${ApiDestinationState}`, fix: 'an inactive destination takes no events: apply the stack, or check its connection' };
        },
        { subject: `API destination ${name}`, verdict: 'fail', detail: 'missing', fix: 'apply the stack' },
      )),
    );
  }
  checks.push(...(await metricChecks(bus, aws.rules, clients.cloudwatch, options)));
  for (const queue of aws.deadLetterQueues) checks.push(...(await deadLetterChecks(queue, clients.sqs, options.peekDeadLetters === true)));
  return withArea(checks);
}

async function ruleChecks(bus: string, rule: RuleFacts, events: EventBridgeClient): Promise<AwsCheck[]> {
  const subject = `rule ${rule.name}`;
  return checked(
    subject,
    async () => {
      const described = await events.send(new DescribeRuleCommand({ Name: rule.name, EventBusName: bus }));
      const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: bus }));
      const problems: string[] = [];
      if (described.State !== 'ENABLED') problems.push(`state ${described.State}`);
      const target = Targets.find((t) => t.Id === rule.targetId);
      if (target === undefined) problems.push(`no target ${rule.targetId}`);
      else {
        if (rule.deadLetterQueue !== undefined && !(target.DeadLetterConfig?.Arn ?? '').endsWith(`:${rule.deadLetterQueue}`)) problems.push(`dead-letter queue ${target.DeadLetterConfig?.Arn ?? 'none'}, not ${rule.deadLetterQueue}`);
        const retry = target.RetryPolicy;
        if (rule.maximumRetryAttempts !== undefined && retry?.MaximumRetryAttempts !== rule.maximumRetryAttempts) problems.push(`${retry?.MaximumRetryAttempts ?? 'default'} retry attempts, not ${rule.maximumRetryAttempts}`);
        if (rule.maximumEventAgeInSeconds !== undefined && retry?.MaximumEventAgeInSeconds !== rule.maximumEventAgeInSeconds) problems.push(`events kept ${retry?.MaximumEventAgeInSeconds ?? 'default'} s, not ${rule.maximumEventAgeInSeconds}`);
      }
      return problems.length === 0
        ? { subject, verdict: 'ok', detail: `ENABLED on the partner bus, target ${rule.targetId} with its dead-letter queue and retries` }
        : { subject, verdict: 'fail', detail: problems.join('; '), fix: 'npm run drift shows the change; apply the stack to restore it' };
    },
    { subject, verdict: 'fail', detail: `not on ${bus} (a rule on the default bus never sees Okta events)`, fix: 'apply the stack' },
  );
}

const RULE_METRICS = ['MatchedEvents', 'Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'ThrottledRules'] as const;

async function metricChecks(bus: string, rules: readonly RuleFacts[], cloudwatch: CloudWatchClient, options: AwsCheckOptions): Promise<AwsCheck[]> {
  const hours = options.windowHours ?? 24;
  const end = options.now ?? new Date();
  const start = new Date(end.getTime() - hours * 3600_000);
  const queries: MetricDataQuery[] = rules.flatMap((rule, r) =>
    RULE_METRICS.map((metric, m) => ({
      Id: `r${r}m${m}`,
      MetricStat: {
        Metric: { Namespace: 'AWS/Events', MetricName: metric, Dimensions: [{ Name: 'EventBusName', Value: bus }, { Name: 'RuleName', Value: rule.name }] },
        Period: hours * 3600,
        Stat: 'Sum',
      },
    })),
  );
  if (queries.length === 0) return [];
  let results: Map<string, number>;
  try {
    const { MetricDataResults = [] } = await cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end }));
    results = new Map(MetricDataResults.map((r) => [r.Id ?? '', (r.Values ?? []).reduce((sum, v) => sum + v, 0)]));
  } catch (error) {
    return [{ subject: `metrics of the last ${hours} h`, verdict: 'unchecked', detail: `${(error as Error).name}: ${(error as Error).message}`, fix: 'cloudwatch:GetMetricData (docs/operations.md, "Doctor")' }];
  }
  return rules.map((rule, r) => {
    const [matched, invocations, failed, toDlq, throttled] = RULE_METRICS.map((_, m) => results.get(`r${r}m${m}`) ?? 0);
    const subject = `rule ${rule.name}, last ${hours} h`;
    const counts = `${matched} matched, ${invocations} invocations, ${failed} failed, ${toDlq} to the dead-letter queue, ${throttled} throttled`;
    if (failed > 0 || toDlq > 0) return { subject, verdict: 'fail', detail: counts, fix: 'the target refuses events: see its connection and dead-letter queue (--peek-dlq names the vendor\'s answer)' };
    if (matched === 0) return { subject, verdict: 'warn', detail: counts, fix: 'no Okta event reached the rule: is the stream ACTIVE (okta checks) and the partner source ACTIVE?' };
    if (throttled > 0) return { subject, verdict: 'warn', detail: counts, fix: 'raise the API destination\'s invocation_rate_limit_per_second, or ask the vendor for a higher limit' };
    return { subject, verdict: 'ok', detail: counts };
  });
}

async function deadLetterChecks(queue: string, sqs: SQSClient, peek: boolean): Promise<AwsCheck[]> {
  const subject = `dead-letter queue ${queue}`;
  return checked(
    subject,
    async () => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
      const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
      const waiting = Number(Attributes.ApproximateNumberOfMessages ?? '0');
      if (waiting === 0) return { subject, verdict: 'ok', detail: 'empty' };
      const found: AwsCheck = { subject, verdict: 'fail', detail: `${waiting} event(s) wait`, fix: 'fix the sink, replay the window from the archive, purge the queue (docs/operations.md, "Runbook"); --peek-dlq reads why' };
      if (!peek) return found;
      // VisibilityTimeout 0: the message stays visible, as if never received.
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 0, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
      const attributes = Messages[0]?.MessageAttributes ?? {};
      const code = attributes.ERROR_CODE?.StringValue;
      const message = attributes.ERROR_MESSAGE?.StringValue;
      if (code === undefined && message === undefined) return found;
      return [found, { subject: `${subject}, one dead letter`, verdict: 'fail', detail: `${code ?? 'no code'}: ${message ?? 'no message'}`, fix: vendorAnswer(`${code ?? ''} ${message ?? ''}`) }];
    },
    { subject, verdict: 'fail', detail: 'missing: failed events have nowhere to go', fix: 'apply the stack' },
  );
}

/** What the vendor's HTTP answer, as EventBridge recorded it, asks of the user. */
export function vendorAnswer(error: string): string {
  const status = /\b([45]\d\d)\b/.exec(error)?.[1];
  switch (status) {
    case '401':
    case '403':
      return 'the vendor refused the key: set the right TF_VAR_… (docs/operations.md, "Secrets and variables") and apply';
    case '400':
      return 'the vendor refused the payload or path: check the sink\'s endpoint, body and headers';
    case '404':
      return 'no such endpoint: check the sink\'s endpoint (or the vendor region)';
    case '413':
      return 'the vendor refused the size: use body okta_event, or a filter';
    case '429':
      return 'rate limited: lower invocation_rate_limit_per_second, or ask the vendor for more';
    default:
      return status === undefined ? 'read the message; then fix and replay (docs/operations.md, "Runbook")' : `the vendor answered ${status}: check its status page, then replay (docs/operations.md, "Runbook")`;
  }
}
