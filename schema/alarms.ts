import { z } from 'zod';
import { kmsKeyOrAliasArn } from './delivery';
import { httpsUrl, integerInRange, strictObject } from './rules';

export const DEFAULT_OKTA_QUIET_HOURS = 2;

export const alarmsSchema = strictObject({
  email: z
    .array(z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: 'must be an email address' }), { error: 'must be a list of email addresses' })
    .max(20, { error: 'must list at most 20 addresses' })
    .optional()
    .describe('Email addresses subscribed to the alarm topic (each confirms once). Default: none.'),
  https: z
    .array(httpsUrl('HTTPS endpoint subscribed to the alarm topic.'), { error: 'must be a list of https:// URLs' })
    .max(20, { error: 'must list at most 20 endpoints' })
    .optional()
    .describe('HTTPS endpoints (chat webhooks, incident tools) subscribed to the alarm topic. Default: none.'),
  okta_quiet_hours: integerInRange(
    1,
    24,
    `Hours without a matched event before the "Okta went quiet" alarm (the usual sign of a deactivated stream), 1-24. Default ${DEFAULT_OKTA_QUIET_HOURS}.`,
  ).optional(),
  topic_kms_key_arn: kmsKeyOrAliasArn(
    'Customer managed KMS key (or alias) ARN for the alarm topic; its policy must let cloudwatch.amazonaws.com use it (alias/aws/sns cannot). Default: the stack\'s key (encryption.kms_key), else unencrypted.',
  ).optional(),
}).describe('Where alarms go. Every stack with EventBridge targets has an SNS topic <stack>-alarms and alarms per sink.');

export type AlarmsConfig = z.output<typeof alarmsSchema>;
