// The `buildkite` section of a snapshot: upstream objects under their own key names, each read wrapped in a section envelope.
import type { Section, Unavailable } from './section.js';

/** An upstream object: the keys named here are the ones policies rely on; every other upstream key is kept as served. */
type Upstream<T> = T & { [key: string]: unknown };

/** `GET /v2/organizations/{org}`. */
export type RestOrganization = Upstream<{ id: string; slug: string; name: string }>;

/** `GET /v2/access-token`: the collector's own token, metadata only (uuid, scopes, description, dates, user). */
export type RestAccessToken = Upstream<{ uuid: string; scopes: string[]; description: string | null; created_at: string; expires_at: string | null }>;

/** `GET /v2/organizations/{org}/api-settings`. */
export type RestApiSettings = Upstream<{ allowed_ip_addresses: string | null; revoke_inactive_tokens_after_days: number | null }>;

/** `GET /v2/organizations/{org}/pipeline-settings`. */
export type RestPipelineSettings = Upstream<{
  default_timeout_in_minutes: number | null;
  maximum_timeout_in_minutes: number | null;
  public_pipeline_creation: Upstream<{ enabled: boolean }>;
  build_exports: Upstream<{ enabled: boolean }>;
}>;

/** One repository connection (`GET /v2/organizations/{org}/repository_connections`). */
export type RestRepositoryConnection = Upstream<{ id: string; type: string }>;

/**
 * One pipeline from the REST list: settings, provider settings, cluster, visibility, template, saved configuration.
 * A field Buildkite returned missing, null where it documents a value, or of the wrong type is an `unavailable`
 * envelope in its place (`id` and `slug` never are: without them the pipeline is not listed at all).
 */
export type RestPipeline = Upstream<{
  id: string;
  slug: string;
  repository: string | Unavailable;
  cluster_id: string | null | Unavailable;
  visibility: string | Unavailable;
  pipeline_template_uuid: string | null | Unavailable;
  configuration: string | null | Unavailable;
  /** `webhook_url` is replaced by `"[redacted]"`: it is a credential that triggers builds. */
  provider: Upstream<{ id: string | Unavailable; settings: Record<string, unknown> | Unavailable }> | Unavailable;
}>;

/** One pipeline template (`GET /v2/organizations/{org}/pipeline-templates`). */
export type RestPipelineTemplate = Upstream<{ uuid: string; name: string }>;

/** One team from `GET /v2/organizations/{org}/teams`. */
export type RestTeam = Upstream<{ id: string; slug: string; default: boolean | Unavailable; privacy: string | Unavailable }>;

/** A team's access to one pipeline (GraphQL `Team.pipelines` node). */
export type GraphqlTeamPipeline = Upstream<{ accessLevel: 'READ_ONLY' | 'BUILD_AND_READ' | 'MANAGE_BUILD_AND_READ'; pipeline: { uuid: string; slug: string } | null }>;

/** One team member (GraphQL `Team.members` node). */
export type GraphqlTeamMember = Upstream<{ role: 'MEMBER' | 'MAINTAINER'; user: { uuid: string; name: string; email: string } | null }>;

/** A team with what it can reach and who is in it; either list may be unavailable on its own. */
export interface BuildkiteTeamEntry {
  team: RestTeam;
  pipelines: Section<GraphqlTeamPipeline[]>;
  members: Section<GraphqlTeamMember[]>;
}

/** One cluster from `GET /v2/organizations/{org}/clusters`. */
export type RestCluster = Upstream<{ id: string; name: string }>;
/** One queue of a cluster. */
export type RestQueue = Upstream<{ id: string; key: string }>;
/** One agent token of a cluster: metadata only, never the token. */
export type RestAgentToken = Upstream<{
  id: string;
  description: string | null | Unavailable;
  created_at: string | Unavailable;
  expires_at: string | null | Unavailable;
  allowed_ip_addresses: string | null | Unavailable;
}>;
/** One secret of a cluster: key, description and access policy, never the value. */
export type RestSecret = Upstream<{ id: string; key: string; policy: string | null | Unavailable; created_at: string | Unavailable }>;
/** One maintainer of a cluster (a user or a team). */
export type RestMaintainer = Upstream<{ id: string; actor: Upstream<{ type: string }> }>;

/** A cluster with its queues, agent tokens, secrets and maintainers; each may be unavailable on its own. */
export interface BuildkiteClusterEntry {
  cluster: RestCluster;
  queues: Section<RestQueue[]>;
  agent_tokens: Section<RestAgentToken[]>;
  secrets: Section<RestSecret[]>;
  maintainers: Section<RestMaintainer[]>;
}

/** One cluster rule (`GET /v2/organizations/{org}/rules`): which pipeline may trigger, or read artifacts of, which. */
export type RestRule = Upstream<{
  uuid: string;
  /** `pipeline.trigger_build.pipeline` or `pipeline.artifacts_read.pipeline`. */
  type: string;
  source_type: string;
  source_uuid: string;
  target_type: string;
  target_uuid: string;
  effect: string;
  action: string;
}>;

/**
 * Organization security settings that only GraphQL shows (2FA, SSO, API IP allow-list, idle-token revocation). A field
 * behind a GraphQL field error, or missing (for `ssoProviders` also null) where Buildkite documents it, is an
 * `unavailable` envelope in its place, and the other fields are kept.
 */
export type GraphqlOrgSecurity = Upstream<{
  membersRequireTwoFactorAuthentication: boolean | null | Unavailable;
  allowedApiIpAddresses: string | null | Unavailable;
  revokeInactiveTokensAfter: string | null | Unavailable;
  sso: { isEnabled: boolean | null; provider: { name: string } | null } | null | Unavailable;
  ssoProviders: Array<Upstream<{ type: string; state: string }>> | Unavailable;
}>;

/** One organization member with security posture (GraphQL `Organization.members` node). */
export type GraphqlMember = Upstream<{
  role: 'ADMIN' | 'MEMBER';
  security: { twoFactorEnabled: boolean; passwordProtected: boolean };
  sso: { mode: 'OPTIONAL' | 'REQUIRED' | null };
  user: { uuid: string; name: string; email: string };
}>;

/** One API access token of the organization (GraphQL `apiAccessTokens` node): metadata only. */
export type GraphqlApiAccessToken = Upstream<{ uuid: string; scopes: string[]; createdAt: string; expiresAt: string | null; lastAccessedAt: string | null }>;

/** The first page of the audit log, as evidence that it exists and is readable. */
export interface GraphqlAuditEvents {
  /** `auditEvents.count`: how many events the organization has. */
  count: number;
  first_page: Array<Upstream<{ type: string; occurredAt: string }>>;
}

/** A notification service as an audit event's subject shows it: only `__typename` and what the `NotificationService` interface documents. */
export type GraphqlNotificationService = { __typename: string; id?: string; name?: string; description?: string };

/** One audit event of a notification service (created, enabled, disabled, broken, updated, deleted) and the service, null once deleted. */
export type GraphqlNotificationServiceEvent = Upstream<{
  type: string;
  occurredAt: string;
  subject: Upstream<{ uuid: string; type: string | null; name: string | null; node: GraphqlNotificationService | null }>;
}>;

/** The organization's notification services as its audit log knows them: the most recent events, and how many there are. */
export interface GraphqlNotificationServices {
  /** How many notification-service audit events the organization has; more than `events` holds means the list is partial. */
  count: number;
  events: GraphqlNotificationServiceEvent[];
}

/** One package registry the token's user can see (GraphQL `Organization.registries` node): what the published schema documents. */
export type GraphqlRegistry = Upstream<{ uuid: string; slug: string; name: string }>;

/** A registry, with the settings Buildkite's published schema does not document: each unavailable unless the API returned it. */
export interface BuildkiteRegistryEntry {
  registry: GraphqlRegistry;
  /** Whether anyone can read the registry's packages. */
  public: Section<boolean>;
  /** The OIDC policy that decides which builds may publish to it. */
  oidc_policy: Section<unknown>;
}

/** The unclustered agent tokens not revoked (GraphQL `organization.agentTokens(revoked: false)`): metadata only, never the token. */
export type GraphqlUnclusteredAgentTokens = Array<Upstream<{ uuid: string; description: string | null; createdAt: string | null; public: boolean }>>;

/** Everything kiteguard reads from one Buildkite organization. */
export interface BuildkiteSnapshot {
  /** The organization slug collected. */
  org: string;
  organization: Section<RestOrganization>;
  access_token: Section<RestAccessToken>;
  api_settings: Section<RestApiSettings>;
  pipeline_settings: Section<RestPipelineSettings>;
  repository_connections: Section<RestRepositoryConnection[]>;
  security: Section<GraphqlOrgSecurity>;
  members: Section<GraphqlMember[]>;
  api_access_tokens: Section<GraphqlApiAccessToken[]>;
  audit_events: Section<GraphqlAuditEvents>;
  /** Absent in snapshots from kiteguard versions that did not read it. */
  unclustered_agent_tokens?: Section<GraphqlUnclusteredAgentTokens>;
  /** Package registries. Absent in snapshots from kiteguard versions that did not read them. */
  registries?: Section<BuildkiteRegistryEntry[]>;
  /** Notification services from the audit log. Absent in snapshots from kiteguard versions that did not read them. */
  notification_services?: Section<GraphqlNotificationServices>;
  pipelines: Section<RestPipeline[]>;
  /** Set when some pipelines of the list could not be identified: `pipelines` then holds only the others. */
  pipelines_unread?: Unavailable;
  pipeline_templates: Section<RestPipelineTemplate[]>;
  teams: Section<BuildkiteTeamEntry[]>;
  clusters: Section<BuildkiteClusterEntry[]>;
  /** The cluster rules. Absent in snapshots from kiteguard versions that did not read them. */
  rules?: Section<RestRule[]>;
}
