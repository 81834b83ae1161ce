import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Topic name: 1-256 of letters, digits, "-", "_". */
  readonly topicName: string;
  /** Addresses that get an email per alarm (each confirms once). @default - none */
  readonly emailAddresses?: readonly string[];
  /** HTTPS endpoints (chat webhooks, incident tools) that get each alarm. @default - none */
  readonly httpsEndpoints?: readonly string[];
  /**
   * KMS key to encrypt the topic. It must be a customer managed key whose policy lets
   * cloudwatch.amazonaws.com use it: CloudWatch cannot publish to a topic under alias/aws/sns.
   * @default - not encrypted (alarm notifications carry no event data)
   */
  readonly kmsKeyArn?: string;
}

/** The SNS topic a stack's alarms notify, with the subscriptions from config. */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'Topic', { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn });
    // Construct ids by position would re-create subscriptions when the list changes order; the
    // endpoint is the subscription's identity.
    for (const email of props.emailAddresses ?? []) {
      new SnsTopicSubscription(this, `Email_${idOf(email)}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }
    for (const url of props.httpsEndpoints ?? []) {
      if (!url.startsWith('https://')) throw new Error(`AlarmTopic: endpoint "${url}" must be an https:// URL`);
      new SnsTopicSubscription(this, `Https_${idOf(url)}`, { topicArn: this.topic.arn, protocol: 'https', endpoint: url });
    }
  }
}

/** Construct ids may not hold "/", which URLs do. */
function idOf(endpoint: string): string {
  return endpoint.replace(/[^A-Za-z0-9]+/g, '_');
}
