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
import { classify } from './errors';
import { Check } from './report';
import { ArnExpectation, RuleFacts, StackFacts } from './stack-facts';

export interface AwsClients {
  readonly sts: STSClient;
  readonly events: EventBridgeClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sqs: SQSClient;
  /** The host each client calls, for "no answer from <host>". */
  readonly hosts: { readonly sts: string; readonly events: string; readonly cloudwatch: string; readonly sqs: string };
  /** Each request's bound, in seconds (the clients are made with it). */
  readonly timeoutSeconds: number;
  /** Hosts that did not answer (or could not be reached) in this run: not asked again. */
  readonly unreachable: Set<string>;
  /** AWS_PROFILE, when set (credentials failures name it). */
  readonly profile?: string;
}

export interface AwsCheckOptions {
  /** Hours of metrics to read. @default 24 */
  readonly windowHours?: number;
  /** Read one dead letter's error attributes (the message stays in the queue). @default false */
  readonly peekDeadLetters?: boolean;
  /** @default now */
  readonly now?: Date;
  /** Called with each check as it is made, for a report that streams. */
  readonly onCheck?: (check: Check) => void;
}

type AwsCheck = Omit<Check, 'area'>;

const notFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException' || (error as { name?: string }).name === 'QueueDoesNotExist';

/**
 * Runs a check; "not found" is the `missing` finding; any other error means it could not be checked,
 * classified (a hang, DNS, credentials, access denied, throttling, a server error …) before its fix
 * is chosen.
 */
async function checked(subject: string, clients: AwsClients, host: string, run: () => Promise<AwsCheck | AwsCheck[]>, missing: AwsCheck): Promise<AwsCheck[]> {
  // A host that did not answer will not answer the next check either: the other checks go on.
  if (clients.unreachable.has(host)) return [{ subject, verdict: 'unchecked', detail: `not asked: ${host} did not answer (above)` }];
  try {
    return [await run()].flat();
  } catch (error) {
    if (notFound(error)) return [missing];
    const failure = classify(error, host, clients.timeoutSeconds, clients.profile);
    if (failure.kind === 'timeout' || failure.kind === 'dns' || failure.kind === 'connection' || failure.kind === 'tls') clients.unreachable.add(host);
    return [{ subject, verdict: 'unchecked', detail: failure.detail, fix: failure.fix }];
  }
}

/** Whether an ARN is the expected one: whole, or by its fixed part where AWS appends an id. */
function matches(arn: string | undefined, expected: ArnExpectation): boolean {
  if (arn === undefined) return false;
  return expected.prefixOnly ? arn.startsWith(expected.arn) : arn === expected.arn || arn === `${expected.arn}:*`;
}

/** `TF_VAR_a` / `TF_VAR_a or TF_VAR_b`, or the generic words when the stack names none. */
function variablesOf(names: readonly string[]): string {
  return names.length === 0 ? 'the sink\'s TF_VAR_… secret' : names.map((n) => `TF_VAR_${n}`).join(' or ');
}

export async function awsChecks(facts: StackFacts, clients: AwsClients, options: AwsCheckOptions = {}): Promise<Check[]> {
  const aws = facts.aws;
  if (aws === undefined) return [];
  const { hosts } = clients;
  const all: Check[] = [];
  const add = (checks: AwsCheck[]): AwsCheck[] => {
    for (const c of checks) {
      const check: Check = { area: 'aws', ...c };
      all.push(check);
      options.onCheck?.(check);
    }
    return checks;
  };
  // Never report on another account's resources of the same names.
  const identity = add(
    await checked(
      'credentials',
      clients,
      hosts.sts,
      async () => {
        const { Account } = await clients.sts.send(new GetCallerIdentityCommand({}));
        return Account === aws.accountId
          ? { subject: 'credentials', verdict: 'ok', detail: `account ${Account}` }
          : { subject: 'credentials', verdict: 'unchecked', detail: `these credentials are for account ${Account}, the stack is in ${aws.accountId}`, fix: `use credentials for ${aws.accountId}` };
      },
      { subject: 'credentials', verdict: 'unchecked', detail: 'no caller identity' },
    ),
  );
  if (identity[0].verdict !== 'ok') return all;

  const bus = aws.eventBusName;
  const [source] = add(
    await checked(
      `partner event source ${bus}`,
      clients,
      hosts.events,
      async () => {
        const { State } = await clients.events.send(new DescribeEventSourceCommand({ Name: bus }));
        if (State === 'ACTIVE') return { subject: `partner event source ${bus}`, verdict: 'ok', detail: 'ACTIVE' };
        if (State === 'PENDING') return { subject: `partner event source ${bus}`, verdict: 'fail', detail: 'PENDING: no partner bus is associated with it yet', fix: 'apply the stack: it creates the partner bus, which activates the source; Okta sends nothing until then' };
        // EventBridge API Reference, DeletePartnerEventSource: deleting a partner event source makes
        // the partner event bus in the customer account DELETED too; a new source from Okta is
        // PENDING until a bus of its name is created. The stack's bus has prevent_destroy.
        return {
          subject: `partner event source ${bus}`,
          verdict: 'fail',
          detail: `${State}: Okta removed it (its stream was deleted or replaced), and the partner bus went with it`,
          fix:
            `its bus cannot take a new source: take both out of state (terraform -chdir=cdktf.out/stacks/${facts.stack} state rm <the okta_log_stream and aws_cloudwatch_event_bus addresses, from state list>), ` +
            `delete the dead bus (aws events delete-event-bus --name ${bus}), then okta-log-streaming plan and apply: the new stream makes a new PENDING source and the new bus activates it`,
        };
      },
      { subject: `partner event source ${bus}`, verdict: 'fail', detail: 'not in this account and region', fix: 'check the stream\'s account and region in Okta (okta checks above), then apply' },
    ),
  );
  const [busCheck] = add(
    await checked(
      `partner event bus ${bus}`,
      clients,
      hosts.events,
      async () => {
        await clients.events.send(new DescribeEventBusCommand({ Name: bus }));
        return { subject: `partner event bus ${bus}`, verdict: 'ok', detail: 'exists' };
      },
      { subject: `partner event bus ${bus}`, verdict: 'fail', detail: 'missing: the partner source\'s events go nowhere', fix: source.verdict === 'ok' ? 'apply the stack' : 'see the partner event source above' },
    ),
  );
  const busExists = busCheck.verdict === 'ok';
  for (const rule of aws.rules) {
    if (busExists) add(await ruleChecks(bus, rule, clients));
    else if (busCheck.verdict === 'fail') add([{ subject: `rule ${rule.name}`, verdict: 'fail', detail: 'cannot be there: its partner bus does not exist (above)', fix: 'apply the stack once the partner bus can be made' }]);
  }
  for (const name of aws.connections) {
    add(
      await checked(
        `connection ${name}`,
        clients,
        hosts.events,
        async () => {
          const { ConnectionState, StateReason } = await clients.events.send(new DescribeConnectionCommand({ Name: name }));
          if (ConnectionState === 'AUTHORIZED') return { subject: `connection ${name}`, verdict: 'ok', detail: 'AUTHORIZED' };
          return {
            subject: `connection ${name}`,
            verdict: ConnectionState === 'AUTHORIZING' || ConnectionState === 'CREATING' || ConnectionState === 'UPDATING' ? 'warn' : 'fail',
            detail: `${ConnectionState}${StateReason ? `: ${StateReason}` : ''}`,
            fix: `the vendor refused the credential: set the right ${variablesOf(aws.connectionVariables[name] ?? [])} and apply (docs/operations.md, "Secrets and variables")`,
          };
        },
        { subject: `connection ${name}`, verdict: 'fail', detail: 'missing', fix: 'apply the stack' },
      ),
    );
  }
  for (const name of aws.apiDestinations) {
    add(
      await checked(
        `API destination ${name}`,
        clients,
        hosts.events,
        async () => {
          const { ApiDestinationState } = await clients.events.send(new DescribeApiDestinationCommand({ Name: name }));
          return ApiDestinationState === 'ACTIVE'
            ? { subject: `API destination ${name}`, verdict: 'ok', detail: 'ACTIVE' }
            : { subject: `API destination ${name}`, verdict: 'fail', detail: `${ApiDestinationState}`, fix: 'an inactive destination takes no events: apply the stack, or check its connection' };
        },
        { subject: `API destination ${name}`, verdict: 'fail', detail: 'missing', fix: 'apply the stack' },
      ),
    );
  }
  if (busExists) add(await metricChecks(bus, aws.rules, clients, options));
  for (const queue of aws.deadLetterQueues) {
    const rule = aws.rules.find((r) => r.deadLetterQueue === queue);
    add(await deadLetterChecks(queue, clients, options.peekDeadLetters === true, queue === aws.busDeadLetterQueue ? 'bus' : rule?.secretVariables ?? []));
  }
  return all;
}

async function ruleChecks(bus: string, rule: RuleFacts, clients: AwsClients): Promise<AwsCheck[]> {
  const subject = `rule ${rule.name}`;
  return checked(
    subject,
    clients,
    clients.hosts.events,
    async () => {
      const described = await clients.events.send(new DescribeRuleCommand({ Name: rule.name, EventBusName: bus }));
      const { Targets = [] } = await clients.events.send(new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: bus }));
      const problems: string[] = [];
      if (described.State !== 'ENABLED') problems.push(`state ${described.State}`);
      const target = Targets.find((t) => t.Id === rule.targetId);
      if (target === undefined) problems.push(`no target ${rule.targetId}`);
      else {
        // Whole ARNs: the same name on another bus, in another account or region is another resource.
        if (rule.target !== undefined && !matches(target.Arn, rule.target)) problems.push(`target is ${target.Arn ?? 'nothing'}, not the stack's ${rule.target.what}`);
        if (rule.role !== undefined && !matches(target.RoleArn, rule.role)) problems.push(`target role is ${target.RoleArn ?? 'none'}, not the stack's ${rule.role.what}`);
        if (rule.deadLetterQueueArn !== undefined && target.DeadLetterConfig?.Arn !== rule.deadLetterQueueArn) problems.push(`dead-letter queue ${target.DeadLetterConfig?.Arn ?? 'none'}, not ${rule.deadLetterQueueArn}`);
        const retry = target.RetryPolicy;
        if (rule.maximumRetryAttempts !== undefined && retry?.MaximumRetryAttempts !== rule.maximumRetryAttempts) problems.push(`${retry?.MaximumRetryAttempts ?? 'default'} retry attempts, not ${rule.maximumRetryAttempts}`);
        if (rule.maximumEventAgeInSeconds !== undefined && retry?.MaximumEventAgeInSeconds !== rule.maximumEventAgeInSeconds) problems.push(`events kept ${retry?.MaximumEventAgeInSeconds ?? 'default'} s, not ${rule.maximumEventAgeInSeconds}`);
      }
      return problems.length === 0
        ? { subject, verdict: 'ok', detail: `ENABLED on the partner bus, target ${rule.targetId} (${rule.target?.what ?? 'its sink'}) with its dead-letter queue and retries` }
        : { subject, verdict: 'fail', detail: problems.join('; '), fix: 'okta-log-streaming drift shows the change; apply the stack to restore it' };
    },
    { subject, verdict: 'fail', detail: `not on ${bus}`, fix: 'apply the stack (a rule must be on the partner bus: one on the default bus never sees Okta events)' },
  );
}

/** Per rule, over the window: what it matched, delivered, failed, dead-lettered, lost and was throttled. */
const RULE_METRICS = ['MatchedEvents', 'Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'InvocationsFailedToBeSentToDlq', 'ThrottledRules'] as const;

async function metricChecks(bus: string, rules: readonly RuleFacts[], clients: AwsClients, options: AwsCheckOptions): Promise<AwsCheck[]> {
  const hours = options.windowHours ?? 24;
  const end = options.now ?? new Date();
  const dimensions = (rule: RuleFacts) => [
    { Name: 'EventBusName', Value: bus },
    { Name: 'RuleName', Value: rule.name },
  ];
  const queries: MetricDataQuery[] = rules.flatMap((rule, r) => [
    ...RULE_METRICS.map((metric, m) => ({ Id: `r${r}m${m}`, MetricStat: { Metric: { Namespace: 'AWS/Events', MetricName: metric, Dimensions: dimensions(rule) }, Period: hours * 3600, Stat: 'Sum' } })),
    // The stack's own "quiet", read as its okta-quiet alarm reads it: MatchedEvents over the alarm's window.
    ...(rule.quiet === undefined ? [] : [{ Id: `r${r}quiet`, MetricStat: { Metric: { Namespace: 'AWS/Events', MetricName: 'MatchedEvents', Dimensions: dimensions(rule) }, Period: rule.quiet.windowSeconds, Stat: 'Sum' } }]),
  ]);
  if (queries.length === 0) return [];
  let results: Map<string, number>;
  try {
    const query = async (ids: MetricDataQuery[], seconds: number) => {
      const { MetricDataResults = [] } = await clients.cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: ids, StartTime: new Date(end.getTime() - seconds * 1000), EndTime: end }));
      return MetricDataResults.map((r) => [r.Id ?? '', (r.Values ?? []).reduce((sum, v) => sum + v, 0)] as const);
    };
    // One call per window: the chosen one, and each quiet window (one datapoint each, Period = window).
    const windows = new Map<number, MetricDataQuery[]>();
    for (const q of queries) {
      const seconds = q.MetricStat!.Period!;
      windows.set(seconds, [...(windows.get(seconds) ?? []), q]);
    }
    results = new Map((await Promise.all([...windows].map(([seconds, ids]) => query(ids, seconds)))).flat());
  } catch (error) {
    const { detail, fix } = classify(error, clients.hosts.cloudwatch, clients.timeoutSeconds, clients.profile);
    return [{ subject: `metrics of the last ${hours} h`, verdict: 'unchecked', detail, fix }];
  }
  return rules.map((rule, r) => {
    const [matched, invocations, failed, toDlq, lost, throttled] = RULE_METRICS.map((_, m) => results.get(`r${r}m${m}`) ?? 0);
    const subject = `rule ${rule.name}, last ${hours} h`;
    const counts = `${matched} matched, ${invocations} invocations, ${failed} failed, ${toDlq} to the dead-letter queue, ${lost} lost (could not reach it), ${throttled} throttled`;
    if (lost > 0) {
      return { subject, verdict: 'fail', detail: counts, fix: 'events were lost: the dead-letter queue refused them (its policy, or its KMS key\'s policy — docs/encryption.md); okta-log-streaming drift shows a changed policy; replay the window from the archive once fixed' };
    }
    if (failed > 0 || toDlq > 0) return { subject, verdict: 'fail', detail: counts, fix: 'the target refuses events: see its connection and dead-letter queue (--peek-dlq names the vendor\'s answer)' };
    if (rule.quiet !== undefined && (results.get(`r${r}quiet`) ?? 0) < rule.quiet.threshold) {
      return {
        subject,
        verdict: 'fail',
        detail: `${counts}; none in the last ${rule.quiet.windowSeconds / 3600} h, which the stack's okta-quiet alarm calls quiet`,
        fix: 'with the stream and partner source ACTIVE (above), Okta has sent nothing: look for events of that time in the org\'s System Log; if there are some, deactivate and re-activate the stream (Admin Console → Reports → Log Streaming) or ask Okta support',
      };
    }
    if (matched === 0) return { subject, verdict: 'warn', detail: counts, fix: 'no Okta event reached the rule: is the stream ACTIVE (okta checks) and the partner source ACTIVE?' };
    if (throttled > 0) return { subject, verdict: 'warn', detail: counts, fix: 'raise the API destination\'s invocation_rate_limit_per_second, or ask the vendor for a higher limit' };
    return { subject, verdict: 'ok', detail: counts };
  });
}

/**
 * One dead-letter queue: what waits in it and what is in flight (received by someone, e.g. the
 * runbook's receive-message, and back when its visibility timeout ends). `owner` is the bus, or the
 * sink's secret variables for its fix.
 */
async function deadLetterChecks(queue: string, clients: AwsClients, peek: boolean, owner: 'bus' | readonly string[]): Promise<AwsCheck[]> {
  const subject = `dead-letter queue ${queue}`;
  return checked(
    subject,
    clients,
    clients.hosts.sqs,
    async () => {
      const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
      const { Attributes = {} } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      const waiting = Number(Attributes.ApproximateNumberOfMessages ?? '0');
      const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? '0');
      if (waiting + inFlight === 0) return { subject, verdict: 'ok', detail: 'empty' };
      const detail = `${waiting} event(s) wait${inFlight > 0 ? `, ${inFlight} in flight (received, back when their visibility timeout ends)` : ''}`;
      const fix =
        owner === 'bus'
          ? 'events the partner bus itself could not process — its KMS key disabled, deleted or no longer allowing EventBridge: fix the key (docs/encryption.md), then redrive them to the bus (docs/operations.md, Runbook)'
          : 'fix the sink, replay the window from the archive, purge the queue (docs/operations.md, "Runbook"); --peek-dlq reads why';
      const found: AwsCheck = { subject, verdict: 'fail', detail, fix };
      if (!peek || waiting === 0) return found;
      // VisibilityTimeout 0: the message stays visible, as if never received.
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 0, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
      const attributes = Messages[0]?.MessageAttributes ?? {};
      const code = attributes.ERROR_CODE?.StringValue;
      const message = attributes.ERROR_MESSAGE?.StringValue;
      if (code === undefined && message === undefined) return found;
      return [found, { subject: `${subject}, one dead letter`, verdict: 'fail', detail: `${code ?? 'no code'}: ${message ?? 'no message'}`, fix: vendorAnswer(`${code ?? ''} ${message ?? ''}`, owner === 'bus' ? [] : owner) }];
    },
    { subject, verdict: 'fail', detail: 'missing: failed events have nowhere to go', fix: 'apply the stack' },
  );
}

/** What the vendor's HTTP answer, as EventBridge recorded it, asks of the user. */
export function vendorAnswer(error: string, variables: readonly string[] = []): string {
  const status = /\b([45]\d\d)\b/.exec(error)?.[1];
  switch (status) {
    case '401':
    case '403':
      return `the vendor refused the key: set the right ${variablesOf(variables)} (docs/operations.md, "Secrets and variables") and apply`;
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
