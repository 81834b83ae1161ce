/**
 * The marker: one real System Log event the probe causes and then looks for at every sink. It
 * creates an Okta group named `okta-log-streaming-probe-<uuid>` (Groups API, POST /api/v1/groups,
 * scope okta.groups.manage), which Okta records as a `group.lifecycle.create` event whose target is
 * the group, reads that event back (System Log API, GET /api/v1/logs, scope okta.logs.read) for its
 * `uuid` and `published` time, and deletes the group (DELETE /api/v1/groups/{id}: a
 * `group.lifecycle.delete` event). A group with no members and no app or policy assignments is the
 * least there is to make and take away: users, apps and policies are never touched. Okta documents no
 * API that writes an arbitrary System Log event.
 */
import { randomUUID } from 'crypto';
import { UnexpectedAnswerError } from '../doctor/errors';
import { OktaClient } from '../doctor/okta-checks';

export const GROUP_PREFIX = 'okta-log-streaming-probe-';
export const MARKER_EVENT_TYPE = 'group.lifecycle.create';
/** The description every marker group has: with the name, what marks a group as the probe's own. */
export const GROUP_DESCRIPTION = 'okta-log-streaming probe: a marker event; deleted by the probe at once. Safe to delete.';
const MARKER_NAME = new RegExp(`^${GROUP_PREFIX}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);
/** A run lives minutes; a marker group older than this was left by a run killed outright. */
export const LEFTOVER_AGE_MS = 3_600_000;

/** The Okta LogEvent fields the probe reads (Okta API reference, System Log, LogEvent). */
export interface OktaLogEvent {
  readonly uuid: string;
  readonly published: string;
  readonly eventType: string;
  readonly target?: readonly { readonly id: string; readonly type?: string; readonly displayName?: string }[];
  readonly [field: string]: unknown;
}

export interface Marker {
  readonly groupId: string;
  readonly groupName: string;
  /** The System Log event, as the System Log API returned it. */
  readonly event: OktaLogEvent;
  /** `published`, in ms since the epoch. */
  readonly publishedMs: number;
}

export interface MarkerOptions {
  /** How long to look for the event in the System Log. @default 60 */
  readonly findSeconds?: number;
  /** Between System Log reads. @default 2 */
  readonly pollSeconds?: number;
  readonly signal?: AbortSignal;
  /** Called once the group exists, before anything else can fail: the caller deletes it whatever happens. */
  readonly onGroup?: (groupId: string) => void;
}

export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** Waits, or ends early with InterruptedError when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new InterruptedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Creates the group (the caller deletes it: deleteGroup, in a finally) and finds its create event. */
export async function createMarker(client: OktaClient, options: MarkerOptions = {}): Promise<Marker> {
  const groupName = `${GROUP_PREFIX}${randomUUID()}`;
  const since = new Date(Date.now() - 60_000).toISOString();
  const { body, contentType } = await client.request('POST', '/api/v1/groups', {
    profile: { name: groupName, description: GROUP_DESCRIPTION },
  });
  const groupId = (body as { id?: unknown } | undefined)?.id;
  if (typeof groupId !== 'string') throw new UnexpectedAnswerError(200, contentType, 'a created group without an id');
  options.onGroup?.(groupId);
  const filter = `eventType eq "${MARKER_EVENT_TYPE}" and target.id eq "${groupId}"`;
  const deadline = Date.now() + (options.findSeconds ?? 60) * 1000;
  for (;;) {
    const { body: events, contentType: type } = await client.request('GET', `/api/v1/logs?${new URLSearchParams({ filter, since, limit: '10' })}`);
    if (!Array.isArray(events)) throw new UnexpectedAnswerError(200, type, 'not a list of System Log events');
    const event = (events as OktaLogEvent[]).find((e) => e.eventType === MARKER_EVENT_TYPE && e.target?.some((t) => t.id === groupId));
    if (event !== undefined) {
      const publishedMs = Date.parse(event.published);
      if (Number.isNaN(publishedMs) || typeof event.uuid !== 'string') throw new UnexpectedAnswerError(200, type, 'a System Log event without uuid or published');
      return { groupId, groupName, event, publishedMs };
    }
    if (Date.now() >= deadline) throw new Error(`the System Log has no ${MARKER_EVENT_TYPE} event for group ${groupId} after ${options.findSeconds ?? 60} s`);
    await sleep((options.pollSeconds ?? 2) * 1000, options.signal);
  }
}

/** Deletes the marker's group; a group already gone (404) is fine. */
export async function deleteGroup(client: OktaClient, groupId: string): Promise<void> {
  try {
    await client.request('DELETE', `/api/v1/groups/${encodeURIComponent(groupId)}`);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
}

/**
 * Marker groups a run killed outright (SIGKILL, a lost runner) could not delete: the probe's name
 * and description, created over an hour ago (a running probe's group lives seconds). Groups API,
 * List all groups: `q` matches the start of the name. Nothing else is touched.
 */
export async function leftoverGroups(client: OktaClient, now = Date.now()): Promise<{ id: string; name: string }[]> {
  const { body, contentType } = await client.request('GET', `/api/v1/groups?${new URLSearchParams({ q: GROUP_PREFIX, limit: '200' })}`);
  if (!Array.isArray(body)) throw new UnexpectedAnswerError(200, contentType, 'not a list of groups');
  return (body as { id?: unknown; created?: unknown; profile?: { name?: unknown; description?: unknown } }[]).flatMap((g) =>
    typeof g.id === 'string' &&
    typeof g.profile?.name === 'string' &&
    MARKER_NAME.test(g.profile.name) &&
    g.profile.description === GROUP_DESCRIPTION &&
    typeof g.created === 'string' &&
    now - Date.parse(g.created) > LEFTOVER_AGE_MS
      ? [{ id: g.id, name: g.profile.name }]
      : [],
  );
}
