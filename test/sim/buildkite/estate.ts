// The estate model the Buildkite simulator serves: plain objects a test can build, tweak and compare against.

/** An organization member with the security facts Buildkite exposes through GraphQL. */
export interface SimMember {
  uuid: string;
  name: string;
  email: string;
  role: 'ADMIN' | 'MEMBER';
  twoFactorEnabled: boolean;
  passwordProtected: boolean;
  ssoMode: 'OPTIONAL' | 'REQUIRED';
  createdAt: string;
}

/** A team, who is in it and which pipelines it can reach at which level. */
export interface SimTeam {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  privacy: 'visible' | 'secret';
  isDefault: boolean;
  createdAt: string;
  members: Array<{ userUuid: string; role: 'member' | 'maintainer'; createdAt: string }>;
  pipelines: Array<{ pipelineUuid: string; accessLevel: 'read_only' | 'build_and_read' | 'manage_build_and_read'; createdAt: string }>;
}

/** A pipeline with the settings the REST pipelines list returns. */
export interface SimPipeline {
  uuid: string;
  slug: string;
  name: string;
  description: string | null;
  repository: string;
  defaultBranch: string;
  providerId: 'github' | 'gitlab' | 'bitbucket' | 'git';
  /** GitHub provider settings, keyed as REST returns them. */
  providerSettings: Record<string, unknown>;
  clusterUuid: string | null;
  visibility: 'private' | 'public';
  templateUuid: string | null;
  /** The saved YAML configuration. */
  configuration: string;
  env: Record<string, string>;
  createdAt: string;
}

/** A cluster with its queues, agent tokens, secrets and maintainers. */
export interface SimCluster {
  uuid: string;
  name: string;
  description: string;
  defaultQueueUuid: string | null;
  queues: Array<{ uuid: string; key: string; description: string; dispatchPaused: boolean; createdAt: string }>;
  agentTokens: Array<{ uuid: string; description: string; allowedIpAddresses: string | null; expiresAt: string | null; createdAt: string }>;
  secrets: Array<{ uuid: string; key: string; description: string; policy: string | null; createdAt: string }>;
  maintainers: Array<{ uuid: string; kind: 'user'; userUuid: string } | { uuid: string; kind: 'team'; teamUuid: string }>;
}

/** A cluster rule: a pipeline allowed to trigger builds of, or read artifacts of, another pipeline. */
export interface SimRule {
  uuid: string;
  action: 'trigger_build' | 'artifacts_read';
  sourcePipelineUuid: string;
  targetPipelineUuid: string;
  createdAt: string;
}

/** An API access token as the organization's token audit sees it; `token` is the secret and is never served. */
export interface SimApiAccessToken {
  uuid: string;
  token: string;
  description: string;
  /** Scopes in REST spelling (`read_pipelines`); GraphQL serves them upper-cased. */
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastAccessedAt: string | null;
  ipAddress: string | null;
  ownerUuid: string;
}

/** One audit-log event. */
export interface SimAuditEvent {
  uuid: string;
  type: string;
  occurredAt: string;
  actor: { type: 'USER' | 'AGENT' | 'API_APPLICATION'; name: string };
  /** `uuid` ties the event to a notification service of the estate (its `node`), for `NOTIFICATION_SERVICE` subjects. */
  subject: { type: string; name: string; uuid?: string };
}

/** A notification service; `typename` is its GraphQL type. The URL and token are what the collector must never read. */
export interface SimNotificationService {
  uuid: string;
  typename: string;
  name: string;
  description: string;
  url: string;
  token: string;
}

/** A whole Buildkite organization as the simulator serves it. */
export interface SimEstate {
  org: {
    uuid: string;
    slug: string;
    name: string;
    createdAt: string;
    membersRequireTwoFactorAuthentication: boolean;
    allowedApiIpAddresses: string | null;
    revokeInactiveTokensAfter: 'DAYS_30' | 'DAYS_60' | 'DAYS_90' | 'DAYS_180' | 'DAYS_365' | 'NEVER';
    sso: { isEnabled: boolean; providerName: string | null };
    ssoProviders: Array<{ uuid: string; type: 'SAML' | 'GOOGLE_GSUITE'; state: 'CREATED' | 'ENABLED' | 'DISABLED'; emailDomain: string; sessionDurationInHours: number; pinSessionToIpAddress: boolean; createdAt: string }>;
  };
  apiSettings: { allowedIpAddresses: string; revokeInactiveTokensAfterDays: number | null; restrictUserApiTokenCreation: boolean };
  pipelineSettings: {
    defaultBranch: string;
    defaultClusterUuid: string | null;
    defaultTimeoutInMinutes: number | null;
    maximumTimeoutInMinutes: number | null;
    publicPipelineCreation: boolean;
    buildExports: { enabled: boolean; location: string | null; strategyId: string | null };
  };
  repositoryConnections: Array<{ uuid: string; type: string; displayName: string }>;
  members: SimMember[];
  teams: SimTeam[];
  pipelines: SimPipeline[];
  clusters: SimCluster[];
  pipelineTemplates: Array<{ uuid: string; name: string; description: string; configuration: string; available: boolean; createdAt: string }>;
  apiAccessTokens: SimApiAccessToken[];
  /** Unclustered agent tokens (GraphQL `organization.agentTokens`); revoked ones carry `revokedAt`. The token value is never served. */
  unclusteredAgentTokens?: Array<{ uuid: string; description: string; createdAt: string; public: boolean; revokedAt: string | null }>;
  auditEvents: SimAuditEvent[];
  /** Notification services, reachable only as the subjects of their audit events (the published schema lists none). */
  notificationServices?: SimNotificationService[];
  /** Package registries (GraphQL `organization.registries`); none when absent. */
  registries?: Array<{ uuid: string; slug: string; name: string; description: string; createdAt: string }>;
  /** Cluster rules (`GET /v2/organizations/{org}/rules`); none when absent. */
  rules?: SimRule[];
  /** The UUID in `apiAccessTokens` of the token the collector calls with. */
  callerTokenUuid: string;
}

/** The caller's token record. */
export function callerToken(estate: SimEstate): SimApiAccessToken {
  const t = estate.apiAccessTokens.find((x) => x.uuid === estate.callerTokenUuid);
  if (!t) throw new Error(`estate has no API access token ${estate.callerTokenUuid}`);
  return t;
}

/** Every REST scope a read-only kiteguard token would carry, plus GraphQL access. */
export const READ_SCOPES = [
  'read_organizations',
  'read_organization_settings',
  'read_organization_repository_connections',
  'read_pipelines',
  'read_pipeline_templates',
  'read_teams',
  'read_clusters',
  'read_secrets_details',
  'read_rules',
  'graphql',
];
