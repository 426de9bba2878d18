// Renders the estate model as Buildkite REST v2 response bodies, with the keys and nesting of the documented examples.
import { callerToken, type SimCluster, type SimEstate, type SimPipeline, type SimTeam } from './estate.js';

const API = 'https://api.buildkite.com/v2';
const WEB = 'https://buildkite.com';

function gid(kind: string, uuid: string): string {
  return Buffer.from(`${kind}---${uuid}`).toString('base64');
}

function userRef(e: SimEstate, uuid: string) {
  const m = e.members.find((x) => x.uuid === uuid);
  return {
    id: uuid,
    graphql_id: gid('User', uuid),
    name: m?.name ?? 'Unknown',
    email: m?.email ?? 'unknown@example.com',
    avatar_url: 'https://www.gravatar.com/avatar/0',
    created_at: m?.createdAt ?? '2020-01-01T00:00:00.000Z',
  };
}

function creator(e: SimEstate) {
  return userRef(e, e.members[0]?.uuid ?? '00000000-0000-4000-8000-000000000000');
}

/** `GET /organizations/{org}`. */
export function organization(e: SimEstate) {
  const o = `${API}/organizations/${e.org.slug}`;
  return {
    id: e.org.uuid,
    graphql_id: gid('Organization', e.org.uuid),
    url: o,
    web_url: `${WEB}/${e.org.slug}`,
    name: e.org.name,
    slug: e.org.slug,
    pipelines_url: `${o}/pipelines`,
    agents_url: `${o}/agents`,
    emojis_url: `${o}/emojis`,
    created_at: e.org.createdAt,
  };
}

/** `GET /access-token`: the caller's token metadata, never its value. */
export function accessToken(e: SimEstate) {
  const t = callerToken(e);
  const owner = e.members.find((m) => m.uuid === t.ownerUuid);
  return {
    uuid: t.uuid,
    scopes: t.scopes,
    description: t.description,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    user: { email: owner?.email ?? 'unknown@example.com', name: owner?.name ?? 'Unknown' },
  };
}

/** `GET /organizations/{org}/api-settings`. */
export function apiSettings(e: SimEstate) {
  const s = e.apiSettings;
  return {
    url: `${API}/organizations/${e.org.slug}/api-settings`,
    allowed_ip_addresses: s.allowedIpAddresses,
    revoke_inactive_tokens_after_days: s.revokeInactiveTokensAfterDays,
    restrict_user_api_token_creation: s.restrictUserApiTokenCreation,
    features: { api_ip_allow_list: true, inactive_api_token_revocation: true },
  };
}

/** `GET /organizations/{org}/pipeline-settings`. */
export function pipelineSettings(e: SimEstate) {
  const s = e.pipelineSettings;
  const off = { enabled: false, enabled_at: null, enabled_by: null };
  return {
    url: `${API}/organizations/${e.org.slug}/pipeline-settings`,
    default_branch: s.defaultBranch,
    default_cluster_id: s.defaultClusterUuid,
    default_timeout_in_minutes: s.defaultTimeoutInMinutes,
    maximum_timeout_in_minutes: s.maximumTimeoutInMinutes,
    scheduled_job_expiry_in_minutes: null,
    hosted_agents_terminal_access: { ...off },
    public_pipeline_creation: s.publicPipelineCreation
      ? { enabled: true, enabled_at: '2024-06-01T12:00:00.000Z', enabled_by: { id: e.members[0]?.uuid ?? '', name: e.members[0]?.name ?? '' } }
      : { ...off },
    advanced_queue_metrics: { ...off, disable_supported: false },
    build_exports: {
      available: true,
      enabled: s.buildExports.enabled,
      location: s.buildExports.location,
      strategy_id: s.buildExports.strategyId,
      supported_strategies: ['s3', 'gcs'],
    },
  };
}

/** `GET /organizations/{org}/repository_connections` items. */
export function repositoryConnections(e: SimEstate) {
  return e.repositoryConnections.map((c) => ({
    id: c.uuid,
    type: c.type,
    display_name: c.displayName,
    url: `${API}/organizations/${e.org.slug}/repository_connections/${c.uuid}`,
  }));
}

/** One item of `GET /organizations/{org}/pipelines`, shaped like the full pipeline object of the docs. */
export function pipeline(e: SimEstate, p: SimPipeline) {
  const url = `${API}/organizations/${e.org.slug}/pipelines/${p.slug}`;
  return {
    id: p.uuid,
    graphql_id: gid('Pipeline', p.uuid),
    url,
    web_url: `${WEB}/${e.org.slug}/${p.slug}`,
    name: p.name,
    description: p.description,
    slug: p.slug,
    repository: p.repository,
    cluster_id: p.clusterUuid,
    pipeline_template_uuid: p.templateUuid,
    branch_configuration: null,
    default_branch: p.defaultBranch,
    skip_queued_branch_builds: false,
    skip_queued_branch_builds_filter: null,
    cancel_running_branch_builds: false,
    cancel_running_branch_builds_filter: null,
    allow_rebuilds: true,
    provider: { id: p.providerId, settings: p.providerSettings, webhook_url: `https://webhook.buildkite.com/deliver/${p.uuid.replace(/-/g, '')}` },
    builds_url: `${url}/builds`,
    badge_url: `https://badge.buildkite.com/${p.uuid.replace(/-/g, '')}.svg`,
    created_by: creator(e),
    created_at: p.createdAt,
    archived_at: null,
    env: p.env,
    scheduled_builds_count: 0,
    running_builds_count: 0,
    scheduled_jobs_count: 0,
    running_jobs_count: 0,
    waiting_jobs_count: 0,
    visibility: p.visibility,
    tags: null,
    configuration: p.configuration,
    steps: [
      {
        type: 'script',
        name: ':pipeline:',
        command: 'buildkite-agent pipeline upload',
        artifact_paths: null,
        branch_configuration: null,
        env: {},
        timeout_in_minutes: null,
        agent_query_rules: [],
        concurrency: null,
        parallelism: null,
      },
    ],
  };
}

/** One item of `GET /organizations/{org}/teams`. */
export function team(e: SimEstate, t: SimTeam) {
  return {
    id: t.uuid,
    graphql_id: gid('Team', t.uuid),
    name: t.name,
    slug: t.slug,
    description: t.description,
    created_at: t.createdAt,
    privacy: t.privacy,
    default: t.isDefault,
    created_by: creator(e),
  };
}

/** Items of `GET /organizations/{org}/teams/{team}/pipelines`. */
export function teamPipelines(e: SimEstate, t: SimTeam) {
  return t.pipelines.map((tp) => ({
    access_level: tp.accessLevel,
    created_at: tp.createdAt,
    pipeline_id: tp.pipelineUuid,
    pipeline_url: `${API}/organizations/${e.org.slug}/pipelines/${e.pipelines.find((p) => p.uuid === tp.pipelineUuid)?.slug ?? tp.pipelineUuid}`,
  }));
}

/** Items of `GET /organizations/{org}/teams/{team}/members`. */
export function teamMembers(e: SimEstate, t: SimTeam) {
  return t.members.map((tm) => ({
    role: tm.role,
    created_at: tm.createdAt,
    user_id: tm.userUuid,
    user_name: e.members.find((m) => m.uuid === tm.userUuid)?.name ?? 'Unknown',
  }));
}

function clusterUrl(e: SimEstate, c: SimCluster): string {
  return `${API}/organizations/${e.org.slug}/clusters/${c.uuid}`;
}

/** One item of `GET /organizations/{org}/clusters`. */
export function cluster(e: SimEstate, c: SimCluster) {
  const url = clusterUrl(e, c);
  return {
    id: c.uuid,
    graphql_id: gid('Cluster', c.uuid),
    default_queue_id: c.defaultQueueUuid,
    name: c.name,
    description: c.description,
    emoji: ':technologist:',
    color: '#FFE0F1',
    maintainers: { users: [], teams: [] },
    url,
    web_url: `${WEB}/organizations/${e.org.slug}/clusters/${c.uuid}`,
    default_queue_url: `${url}/queues/${c.defaultQueueUuid ?? ''}`,
    queues_url: `${url}/queues`,
    created_at: '2023-05-03T04:17:55.867Z',
    created_by: creator(e),
  };
}

/** Items of `GET /organizations/{org}/clusters/{cluster}/queues`. */
export function queues(e: SimEstate, c: SimCluster) {
  return c.queues.map((q) => ({
    id: q.uuid,
    graphql_id: gid('ClusterQueue', q.uuid),
    key: q.key,
    description: q.description,
    url: `${clusterUrl(e, c)}/queues/${q.uuid}`,
    web_url: `${WEB}/organizations/${e.org.slug}/clusters/${c.uuid}/queues/${q.uuid}`,
    cluster_url: clusterUrl(e, c),
    retry_agent_affinity: 'prefer-warmest',
    dispatch_paused: q.dispatchPaused,
    dispatch_paused_by: null,
    dispatch_paused_at: null,
    dispatch_paused_note: null,
    created_at: q.createdAt,
    created_by: creator(e),
  }));
}

/** Items of `GET /organizations/{org}/clusters/{cluster}/tokens`: metadata only, as Buildkite serves it. */
export function agentTokens(e: SimEstate, c: SimCluster) {
  return c.agentTokens.map((t) => ({
    id: t.uuid,
    graphql_id: gid('ClusterToken', t.uuid),
    description: t.description,
    allowed_ip_addresses: t.allowedIpAddresses,
    expires_at: t.expiresAt,
    url: `${clusterUrl(e, c)}/tokens/${t.uuid}`,
    cluster_url: clusterUrl(e, c),
    created_at: t.createdAt,
    created_by: creator(e),
  }));
}

/** Items of `GET /organizations/{org}/clusters/{cluster}/secrets`: never a value. */
export function secrets(e: SimEstate, c: SimCluster) {
  const by = creator(e);
  return c.secrets.map((s) => ({
    id: s.uuid,
    key: s.key,
    description: s.description,
    policy: s.policy,
    created_at: s.createdAt,
    created_by: { id: by.id, name: by.name, email: by.email },
    updated_at: s.createdAt,
    updated_by: null,
    last_read_at: null,
    url: `${clusterUrl(e, c)}/secrets/${s.uuid}`,
    cluster_url: clusterUrl(e, c),
    organization: { id: e.org.uuid, slug: e.org.slug, url: `${API}/organizations/${e.org.slug}`, web_url: `${WEB}/${e.org.slug}` },
  }));
}

/** Items of `GET /organizations/{org}/clusters/{cluster}/maintainers`. */
export function maintainers(e: SimEstate, c: SimCluster) {
  return c.maintainers.map((m) => {
    if (m.kind === 'user') {
      const u = userRef(e, m.userUuid);
      return { id: m.uuid, actor: { id: u.id, graphql_id: u.graphql_id, name: u.name, email: u.email, type: 'user' } };
    }
    const t = e.teams.find((x) => x.uuid === m.teamUuid);
    return { id: m.uuid, actor: { id: m.teamUuid, graphql_id: gid('Team', m.teamUuid), slug: t?.slug ?? 'unknown', type: 'team' } };
  });
}

/** Items of `GET /organizations/{org}/pipeline-templates`. */
export function pipelineTemplates(e: SimEstate) {
  return e.pipelineTemplates.map((t) => ({
    uuid: t.uuid,
    graphql_id: gid('PipelineTemplate', t.uuid),
    name: t.name,
    description: t.description,
    configuration: t.configuration,
    available: t.available,
    url: `${API}/organizations/${e.org.slug}/pipeline-templates/${t.uuid}`,
    web_url: `${WEB}/organizations/${e.org.slug}/pipeline-templates/${t.uuid}`,
    created_at: t.createdAt,
    created_by: creator(e),
    updated_at: t.createdAt,
    updated_by: creator(e),
  }));
}

/** Items of `GET /organizations/{org}/rules`, keyed as the documented example (`type` is `pipeline.<action>.pipeline`). */
export function rules(e: SimEstate) {
  const by = creator(e);
  return (e.rules ?? []).map((r) => ({
    uuid: r.uuid,
    graphql_id: gid('Rule', r.uuid),
    organization_uuid: e.org.uuid,
    url: `${API}/organizations/${e.org.slug}/rules/${r.uuid}`,
    type: `pipeline.${r.action}.pipeline`,
    source_type: 'pipeline',
    source_uuid: r.sourcePipelineUuid,
    target_type: 'pipeline',
    target_uuid: r.targetPipelineUuid,
    effect: 'allow',
    action: r.action,
    created_at: r.createdAt,
    created_by: by,
  }));
}
