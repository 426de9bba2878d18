// The GraphQL half of the Buildkite collection: 2FA and SSO enforcement, member security, the API-token audit, the audit log
// and the notification services it shows.
import type { CollectEvents } from '../events.js';
import { isUnavailable, type Section, type Unavailable } from '../../snapshot/section.js';
import type { BuildkiteClient, GraphqlFieldError } from './client.js';
import { BuildkiteGraphqlError } from './errors.js';
import { allNodesOf, allPages, required, type ConnectionPage } from './graphql-pages.js';
import { notificationServicesOf } from './collect-notifications.js';
import { SECURITY_FIELDS, securityOf } from './collect-security.js';
import { API_TOKENS_PAGE, MEMBERS_PAGE, ORG_SECURITY } from './queries.js';
import { NEEDS, type SectionReader } from './sections.js';
import type { GraphqlApiAccessToken, GraphqlAuditEvents, GraphqlMember, GraphqlNotificationServices, GraphqlOrgSecurity, GraphqlUnclusteredAgentTokens } from '../../snapshot/buildkite.js';
import { ShapeError } from '../shape.js';

/** The GraphQL-only organization sections. */
export interface GraphqlOrgSections {
  security: Section<GraphqlOrgSecurity>;
  members: Section<GraphqlMember[]>;
  api_access_tokens: Section<GraphqlApiAccessToken[]>;
  audit_events: Section<GraphqlAuditEvents>;
  unclustered_agent_tokens: Section<GraphqlUnclusteredAgentTokens>;
  notification_services: Section<GraphqlNotificationServices>;
  /** Set when GraphQL itself is closed to the token (401/403): later GraphQL sections reuse it instead of asking again. */
  denied?: Unavailable;
}

type OrgSecurityData = {
  organization:
    | (Record<string, unknown> & {
        auditEvents?: (ConnectionPage<Record<string, unknown>> & { count: number }) | null;
        agentTokens?: (ConnectionPage<Record<string, unknown>> & { count: number }) | null;
      })
    | null;
};

/**
 * Reads the security settings and the audit log's first page in one query, then members and API tokens.
 * When GraphQL is closed to the token (401/403) the other GraphQL sections are marked unavailable without asking again.
 */
export async function readGraphqlOrgSections(client: BuildkiteClient, org: string, reader: SectionReader, events: CollectEvents): Promise<GraphqlOrgSections> {
  let result: { data: OrgSecurityData; errors: GraphqlFieldError[] };
  try {
    result = await client.graphql<OrgSecurityData>('OrgSecurity', ORG_SECURITY, { slug: org });
  } catch (err) {
    const denied = reader.fail('buildkite.security', NEEDS.graphql, err);
    const graphqlClosed = denied.http_status === 401 || denied.http_status === 403;
    const again = (name: string, needs: string, read: () => Promise<unknown>) =>
      graphqlClosed ? Promise.resolve(reader.copy(name, denied)) : reader.read(name, needs, read);
    const [members, api_access_tokens, audit_events, unclustered_agent_tokens] = await Promise.all([
      again('buildkite.members', NEEDS.graphqlAdmin, () => readMembers(client, org, events)),
      again('buildkite.api_access_tokens', NEEDS.graphqlAdmin, () => readApiTokens(client, org)),
      Promise.resolve(reader.copy('buildkite.audit_events', denied)),
      Promise.resolve(reader.copy('buildkite.unclustered_agent_tokens', denied)),
    ]);
    const notification_services = reader.copy('buildkite.notification_services', denied);
    return {
      security: denied,
      members: members as Section<GraphqlMember[]>,
      api_access_tokens: api_access_tokens as Section<GraphqlApiAccessToken[]>,
      audit_events: audit_events as Section<GraphqlAuditEvents>,
      unclustered_agent_tokens,
      notification_services,
      ...(graphqlClosed ? { denied } : {}),
    };
  }
  const { data, errors } = result;
  // Each error lands on the section its path sits under; one without a path could sit under any of them.
  const under = (field: string) => errors.filter((e) => e.path[1] === field || e.path.length < 2);
  const fail = (mine: GraphqlFieldError[]) => {
    if (mine.length > 0) throw new BuildkiteGraphqlError('OrgSecurity', mine.map((e) => e.message));
  };
  const security = await reader.read('buildkite.security', NEEDS.graphql, async () => securityOf(required('OrgSecurity', data.organization, errors, 'organization'), errors));
  if (security.status === 'ok') {
    for (const field of SECURITY_FIELDS) {
      const value = security.data[field];
      if (isUnavailable(value)) reader.record(`buildkite.security.${field}`, `buildkite.security.${field} left unavailable: ${value.reason}`);
    }
  }
  const audit_events = await reader.read('buildkite.audit_events', NEEDS.graphqlAdmin, async () => {
    const o = required('OrgSecurity', data.organization, errors, 'organization');
    const audit = required('OrgSecurity', o.auditEvents, errors, 'auditEvents');
    fail(under('auditEvents'));
    if (typeof audit.count !== 'number') throw new ShapeError('the count of audit events was not returned');
    return { count: audit.count, first_page: allNodesOf(audit, 'audit event') } as GraphqlAuditEvents;
  });
  const unclustered_agent_tokens = await reader.read('buildkite.unclustered_agent_tokens', NEEDS.graphqlAdmin, async () => {
    const o = required('OrgSecurity', data.organization, errors, 'organization');
    const conn = required('OrgSecurity', o.agentTokens, errors, 'agentTokens');
    fail(under('agentTokens'));
    const tokens = allNodesOf(conn, 'unclustered agent token', (n) => typeof n.uuid === 'string');
    if (typeof conn.count !== 'number') throw new ShapeError('the count of unclustered agent tokens was not returned');
    if (conn.count > tokens.length) throw new ShapeError(`${conn.count} unclustered agent tokens; kiteguard reads at most ${tokens.length}, so the list would be incomplete`);
    return tokens as GraphqlUnclusteredAgentTokens;
  });
  const notification_services = await reader.read('buildkite.notification_services', NEEDS.graphqlAdmin, async () =>
    notificationServicesOf(required('OrgSecurity', data.organization, errors, 'organization'), errors),
  );
  const [members, api_access_tokens] = await Promise.all([
    reader.read('buildkite.members', NEEDS.graphqlAdmin, () => readMembers(client, org, events)),
    reader.read('buildkite.api_access_tokens', NEEDS.graphqlAdmin, () => readApiTokens(client, org)),
  ]);
  return { security, members, api_access_tokens, audit_events, unclustered_agent_tokens, notification_services };
}

type OrgConnection<K extends string, N> = { organization: ({ [key in K]?: ConnectionPage<N> | null }) | null };

function readMembers(client: BuildkiteClient, org: string, events: CollectEvents): Promise<GraphqlMember[]> {
  return allPages<OrgConnection<'members', GraphqlMember>, GraphqlMember>(
    client,
    'MembersPage',
    MEMBERS_PAGE,
    { slug: org },
    (d, errors) => required('MembersPage', required('MembersPage', d.organization, errors, 'organization').members, errors, 'members'),
    (n) => events.progress('buildkite', 'members', n),
  );
}

function readApiTokens(client: BuildkiteClient, org: string): Promise<GraphqlApiAccessToken[]> {
  return allPages<OrgConnection<'apiAccessTokens', GraphqlApiAccessToken>, GraphqlApiAccessToken>(
    client,
    'ApiAccessTokensPage',
    API_TOKENS_PAGE,
    { slug: org },
    (d, errors) => required('ApiAccessTokensPage', required('ApiAccessTokensPage', d.organization, errors, 'organization').apiAccessTokens, errors, 'apiAccessTokens'),
  );
}
