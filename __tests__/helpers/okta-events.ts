import * as fs from 'fs';
import * as path from 'path';

/** The real Okta event in its EventBridge envelope (aws-samples/serverless-patterns, MIT-0). */
export const SAMPLE_EVENT = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'okta-eventbridge-systemlog.sample.json'), 'utf8'));

/**
 * Real Okta event types. One extends another (user.account.lock → user.account.lock.limit), so an
 * exact type and a prefix of the same text disagree on it.
 */
export const EVENT_TYPES = [
  'user.session.start',
  'user.session.access_admin_app',
  'user.authentication.sso',
  'user.account.lock',
  'user.account.lock.limit',
  'user.authentication.auth_via_mfa',
  'system.agent.ad.read',
  'policy.evaluate_sign_on',
  'app.oauth2.token.grant',
];
export const SEVERITIES = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
/** null: an event whose outcome carries no result. */
export const OUTCOMES = ['SUCCESS', 'FAILURE', 'DENY', 'SKIPPED', null];

export interface CorpusEvent {
  readonly eventType: string;
  readonly severity: string;
  readonly outcome: string | null;
  readonly event: Record<string, any>;
}

/** Variations of the sample: every event type × severity × outcome, the rest of the event real. */
export function corpus(): CorpusEvent[] {
  return EVENT_TYPES.flatMap((eventType) =>
    SEVERITIES.flatMap((severity) =>
      OUTCOMES.map((outcome) => {
        const event = JSON.parse(JSON.stringify(SAMPLE_EVENT));
        event.detail.eventType = eventType;
        event.detail.severity = severity;
        if (outcome === null) delete event.detail.outcome.result;
        else event.detail.outcome.result = outcome;
        return { eventType, severity, outcome, event };
      }),
    ),
  );
}
