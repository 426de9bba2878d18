// Notification services, read from the audit log: Buildkite's published GraphQL schema has no list of an
// organization's notification services, so they are the subjects of its notification-service audit events.
import { MASK, scrubCredentials } from '../../redact.js';
import type { GraphqlNotificationService, GraphqlNotificationServiceEvent, GraphqlNotificationServices } from '../../snapshot/buildkite.js';
import { isObject, ShapeError } from '../shape.js';
import type { GraphqlFieldError } from './client.js';
import { BuildkiteGraphqlError } from './errors.js';
import { allNodesOf, required, type ConnectionPage } from './graphql-pages.js';

/** The alias of the notification-service audit events in the `OrgSecurity` query. */
export const NOTIFICATION_EVENTS_FIELD = 'notificationServiceEvents';

/** The keys of a service kept: its type and what the `NotificationService` interface documents (never a URL or token). */
const SERVICE_KEYS = ['id', 'name', 'description'] as const;

/** Text with credential-shaped parts and URLs (a webhook URL is itself a credential) masked. */
function scrubText(text: string): string {
  return scrubCredentials(text).replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, MASK);
}

/** The service with only `__typename` and the documented interface fields, their text scrubbed. */
export function safeService(node: Record<string, unknown>): GraphqlNotificationService {
  const out: GraphqlNotificationService = { __typename: String(node.__typename) };
  for (const key of SERVICE_KEYS) if (typeof node[key] === 'string') out[key] = scrubText(node[key]);
  return out;
}

function identifiedEvent(n: Record<string, unknown>): boolean {
  return typeof n.type === 'string' && typeof n.occurredAt === 'string' && isObject(n.subject) && typeof n.subject.uuid === 'string' && n.subject.uuid !== '';
}

/** The notification services section from the `OrgSecurity` response; a field error under it, or an event that cannot be placed, makes it unreadable. */
export function notificationServicesOf(
  organization: Record<string, unknown>,
  errors: GraphqlFieldError[],
): GraphqlNotificationServices {
  const mine = errors.filter((e) => e.path[1] === NOTIFICATION_EVENTS_FIELD || e.path.length < 2);
  if (mine.length > 0) throw new BuildkiteGraphqlError('OrgSecurity', mine.map((e) => e.message));
  const conn = required('OrgSecurity', organization[NOTIFICATION_EVENTS_FIELD] as (ConnectionPage<Record<string, unknown>> & { count?: unknown }) | null, errors, NOTIFICATION_EVENTS_FIELD);
  if (typeof conn.count !== 'number') throw new ShapeError('the count of notification-service audit events was not returned');
  const events = allNodesOf(conn, 'notification-service audit event', (n) => isObject(n) && identifiedEvent(n)).map((n): GraphqlNotificationServiceEvent => {
    const subject = n.subject as Record<string, unknown>;
    const node = subject.node;
    if (node !== null && node !== undefined && !(isObject(node) && typeof node.__typename === 'string')) {
      throw new ShapeError(`the notification service of audit event ${String(n.uuid)} has no \`__typename\``);
    }
    return {
      ...n,
      type: n.type as string,
      occurredAt: n.occurredAt as string,
      subject: {
        uuid: subject.uuid as string,
        type: typeof subject.type === 'string' ? subject.type : null,
        name: typeof subject.name === 'string' ? scrubText(subject.name) : null,
        node: isObject(node) ? safeService(node) : null,
      },
    };
  });
  return { count: conn.count, events };
}
