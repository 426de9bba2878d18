// The organization's security settings from the `OrgSecurity` response: a GraphQL field error under one of its fields,
// or a field missing where Buildkite documents it, leaves only that field `unavailable`, so only what reads it is unknown.
import type { GraphqlOrgSecurity } from '../../snapshot/buildkite.js';
import { unavailable, type Unavailable } from '../../snapshot/section.js';
import { ShapeError } from '../shape.js';
import type { GraphqlFieldError } from './client.js';
import { NOTIFICATION_EVENTS_FIELD } from './collect-notifications.js';
import { BuildkiteGraphqlError } from './errors.js';
import { allNodesOf, type ConnectionPage } from './graphql-pages.js';
import { narrowFields } from './narrow.js';
import { looksLikePermission, NEEDS } from './sections.js';

/** The fields of `organization` the security section holds; a field error under one leaves only that field unavailable. */
export const SECURITY_FIELDS: readonly string[] = ['membersRequireTwoFactorAuthentication', 'allowedApiIpAddresses', 'revokeInactiveTokensAfter', 'sso', 'ssoProviders'];

/** The fields of `organization` in the same query that are sections of their own: their errors are theirs. */
const OTHER_SECTIONS: readonly string[] = ['auditEvents', 'agentTokens', NOTIFICATION_EVENTS_FIELD];

/**
 * The security section from the `OrgSecurity` response's organization, each field it could not read an `unavailable`
 * envelope. An error without a path, at `organization` itself or under a field the section does not list makes it unreadable.
 */
export function securityOf(organization: Record<string, unknown>, errors: GraphqlFieldError[]): GraphqlOrgSecurity {
  const byField = new Map<string, string[]>();
  const elsewhere: GraphqlFieldError[] = [];
  for (const e of errors) {
    const field = e.path[0] === 'organization' && typeof e.path[1] === 'string' ? e.path[1] : undefined;
    if (field !== undefined && OTHER_SECTIONS.includes(field)) continue;
    if (field !== undefined && SECURITY_FIELDS.includes(field)) byField.set(field, [...(byField.get(field) ?? []), e.message]);
    else elsewhere.push(e);
  }
  if (elsewhere.length > 0) throw new BuildkiteGraphqlError('OrgSecurity', elsewhere.map((e) => e.message));
  const { ssoProviders, auditEvents: _audit, agentTokens: _agentTokens, [NOTIFICATION_EVENTS_FIELD]: _services, ...scalars } = organization;
  const fields: Record<string, unknown> = { ...scalars, ssoProviders: providersOf(ssoProviders) };
  for (const [field, messages] of byField) fields[field] = fieldError(field, messages);
  const read = narrowFields<GraphqlOrgSecurity>(fields, 'orgSecurity', []);
  if ('problem' in read) throw new ShapeError(read.problem);
  return read.value;
}

/** The envelope a field error leaves in place of `field`: its messages, and what to ask for when they say access was denied. */
function fieldError(field: string, messages: string[]): Unavailable {
  return unavailable(`\`${field}\`: ${messages.join('; ')}`, messages.some(looksLikePermission) ? { needs: NEEDS.graphqlAdmin } : {});
}

/** The SSO providers as a list; null or missing stays so (the schema then narrows it), and a list with a hole is unavailable. */
function providersOf(page: unknown): unknown {
  if (page === null || page === undefined) return page;
  try {
    return allNodesOf(page as ConnectionPage<Record<string, unknown>>, 'SSO provider');
  } catch (err) {
    if (err instanceof ShapeError) return unavailable(`\`ssoProviders\`: ${err.message}`);
    throw err;
  }
}
