// The GraphQL operations the collector sends; each is validated against Buildkite's SDL by the simulator in tests.

/** Teams per page of the batched team-access query (requested complexity stays near 15,000, under the 50,000 cap). */
export const TEAMS_PER_PAGE = 25;

/** Notification-service audit events read (the most recent ones); when there are more, the section says it is partial. */
export const NOTIFICATION_EVENTS_PER_QUERY = 100;

/**
 * Organization-wide security settings, the unclustered agent tokens not revoked, the first page of the audit log, and
 * the audit events of notification services: the published schema lists no organization's notification services, so
 * they are found as the subjects of these events (`__typename`, and the fields the `NotificationService` interface
 * documents; nothing else, so no webhook URL or token is ever asked for).
 */
export const ORG_SECURITY = `query OrgSecurity($slug: ID!) {
  organization(slug: $slug) {
    uuid
    slug
    membersRequireTwoFactorAuthentication
    allowedApiIpAddresses
    revokeInactiveTokensAfter
    sso { isEnabled provider { name } }
    ssoProviders(first: 50) {
      edges { node { __typename uuid type state emailDomain sessionDurationInHours pinSessionToIpAddress createdAt enabledAt disabledAt } }
    }
    agentTokens(first: 100, revoked: false) { count edges { node { uuid description createdAt public } } }
    auditEvents(first: 20, order: RECENTLY_OCCURRED) {
      count
      edges { node { uuid type occurredAt actor { type name } subject { type name } } }
    }
    notificationServiceEvents: auditEvents(first: ${NOTIFICATION_EVENTS_PER_QUERY}, subjectType: [NOTIFICATION_SERVICE], order: RECENTLY_OCCURRED) {
      count
      edges { node { uuid type occurredAt subject { uuid type name node { __typename ... on NotificationService { id name description } } } } }
    }
  }
}`;

/** One page of organization members with their security posture. */
export const MEMBERS_PAGE = `query MembersPage($slug: ID!, $cursor: String) {
  organization(slug: $slug) {
    members(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      edges { node { uuid role createdAt security { twoFactorEnabled passwordProtected } sso { mode } user { uuid name email } } }
    }
  }
}`;

/** One page of the organization's API access tokens (metadata only). */
export const API_TOKENS_PAGE = `query ApiAccessTokensPage($slug: ID!, $cursor: String) {
  organization(slug: $slug) {
    apiAccessTokens(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { uuid description scopes createdAt expiresAt lastAccessedAt ipAddress owner { uuid name email } }
    }
  }
}`;

const TEAM_PIPELINES = `pipelines(first: 100, after: $pipelinesCursor) {
      pageInfo { hasNextPage endCursor }
      edges { node { accessLevel createdAt pipeline { uuid slug } } }
    }`;
const TEAM_MEMBERS = `members(first: 100, after: $membersCursor) {
      pageInfo { hasNextPage endCursor }
      edges { node { role createdAt user { uuid name email } } }
    }`;

/** A page of teams, each with its first page of pipeline access levels and members. */
export const TEAM_ACCESS_PAGE = `query TeamAccessPage($slug: ID!, $cursor: String, $pipelinesCursor: String, $membersCursor: String) {
  organization(slug: $slug) {
    teams(first: ${TEAMS_PER_PAGE}, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      edges { node { uuid slug
    ${TEAM_PIPELINES}
    ${TEAM_MEMBERS}
      } }
    }
  }
}`;

/** One team's pipelines and/or members from given cursors: for teams past one page, and for teams a failed batch left out. */
export const TEAM_ACCESS_ONE = `query TeamAccessOne($team: ID!, $pipelinesCursor: String, $membersCursor: String, $withPipelines: Boolean!, $withMembers: Boolean!) {
  team(slug: $team) {
    uuid
    slug
    ${TEAM_PIPELINES.replace(') {', ') @include(if: $withPipelines) {')}
    ${TEAM_MEMBERS.replace(') {', ') @include(if: $withMembers) {')}
  }
}`;

/** One page of the package registries the token's user can see, with the fields the published schema documents. */
export const REGISTRIES_PAGE = `query RegistriesPage($slug: ID!, $cursor: String) {
  organization(slug: $slug) {
    registries(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      edges { node { uuid slug name description createdAt updatedAt url } }
    }
  }
}`;
