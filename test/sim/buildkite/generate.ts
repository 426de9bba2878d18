// A deterministic generator of large estates (thousands of pipelines, hundreds of teams) for the API-budget tests and benchmark.
import { READ_SCOPES, type SimCluster, type SimEstate, type SimTeam } from './estate.js';
import { githubSettings, UPLOAD_ONLY } from './fixture.js';
import { seeded } from '../random.js';

/** The size and seed of a generated estate. */
export interface GenerateOptions {
  pipelines: number;
  teams: number;
  /** Organization members (default 5 per team, at least 10). */
  members?: number;
  /** Clusters (default 4). */
  clusters?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The caller's token value. */
  token?: string;
  /** Organization slug (default `scale-org`). */
  slug?: string;
}

const ACCESS = ['read_only', 'build_and_read', 'manage_build_and_read'] as const;
const DAY = 86_400_000;
const EPOCH = Date.parse('2025-01-01T00:00:00.000Z');

/**
 * Builds an estate of the given size. Team 0 is the default team and reaches every tenth pipeline;
 * every pipeline belongs to one to three other teams, so some teams hold more than one page of pipelines.
 */
export function generateEstate(options: GenerateOptions): SimEstate {
  const rnd = seeded(options.seed ?? 1);
  const slug = options.slug ?? 'scale-org';
  const date = (maxDaysAgo: number) => new Date(EPOCH - rnd.int(0, maxDaysAgo) * DAY).toISOString();
  const memberCount = options.members ?? Math.max(10, options.teams * 5);
  const members = Array.from({ length: memberCount }, (_, i) => ({
    uuid: rnd.uuid(),
    name: `Member ${i}`,
    email: `member${i}@${slug}.example`,
    role: i < 3 ? ('ADMIN' as const) : ('MEMBER' as const),
    twoFactorEnabled: rnd.chance(0.8),
    passwordProtected: rnd.chance(0.9),
    ssoMode: rnd.chance(0.7) ? ('REQUIRED' as const) : ('OPTIONAL' as const),
    createdAt: date(1000),
  }));
  const clusters: SimCluster[] = Array.from({ length: options.clusters ?? 4 }, (_, c) => {
    const queues = Array.from({ length: rnd.int(1, 4) }, (_, q) => ({ uuid: rnd.uuid(), key: q === 0 ? 'default' : `queue-${q}`, description: `Queue ${q}`, dispatchPaused: false, createdAt: date(500) }));
    return {
      uuid: rnd.uuid(),
      name: `cluster-${c}`,
      description: `Cluster ${c}`,
      defaultQueueUuid: queues[0]?.uuid ?? null,
      queues,
      agentTokens: Array.from({ length: rnd.int(1, 3) }, (_, t) => ({
        uuid: rnd.uuid(),
        description: `agents ${c}.${t}`,
        allowedIpAddresses: rnd.chance(0.5) ? '10.0.0.0/8' : null,
        expiresAt: rnd.chance(0.5) ? '2026-12-31T00:00:00Z' : null,
        createdAt: date(800),
      })),
      secrets: Array.from({ length: rnd.int(0, 5) }, (_, s) => ({
        uuid: rnd.uuid(),
        key: `SECRET_${c}_${s}`,
        description: `secret ${s}`,
        policy: rnd.chance(0.6) ? `- pipeline_slug: pipeline-${s}\n  build_branch: main` : null,
        createdAt: date(800),
      })),
      maintainers: [{ uuid: rnd.uuid(), kind: 'user' as const, userUuid: members[0]?.uuid ?? rnd.uuid() }],
    };
  });
  const templates = [{ uuid: rnd.uuid(), name: 'Upload from repository', description: 'Standard', configuration: UPLOAD_ONLY, available: true, createdAt: date(400) }];
  const pipelines = Array.from({ length: options.pipelines }, (_, i) => {
    const name = `pipeline-${i}`;
    return {
      uuid: rnd.uuid(),
      slug: name,
      name: `Pipeline ${i}`,
      description: rnd.chance(0.3) ? `Pipeline number ${i}` : null,
      repository: `git@github.com:${slug}/${name}.git`,
      defaultBranch: 'main',
      providerId: 'github' as const,
      providerSettings: githubSettings(`${slug}/${name}`, { build_pull_request_forks: rnd.chance(0.05) }),
      clusterUuid: rnd.chance(0.9) ? rnd.pick(clusters).uuid : null,
      visibility: rnd.chance(0.02) ? ('public' as const) : ('private' as const),
      templateUuid: rnd.chance(0.4) ? templates[0]!.uuid : null,
      configuration: rnd.chance(0.85) ? UPLOAD_ONLY : `steps:\n  - command: make test-${i}\n`,
      env: {},
      createdAt: date(1500),
    };
  });
  const teams: SimTeam[] = Array.from({ length: options.teams }, (_, t) => ({
    uuid: rnd.uuid(),
    slug: t === 0 ? 'everyone' : `team-${t}`,
    name: t === 0 ? 'Everyone' : `Team ${t}`,
    description: '',
    privacy: rnd.chance(0.5) ? ('visible' as const) : ('secret' as const),
    isDefault: t === 0,
    createdAt: date(1200),
    members: [],
    pipelines: [],
  }));
  for (const team of teams) {
    const size = team.isDefault ? memberCount : rnd.int(2, 12);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(size, memberCount)) chosen.add(rnd.int(0, memberCount - 1));
    for (const m of [...chosen].sort((a, b) => a - b)) team.members.push({ userUuid: members[m]!.uuid, role: rnd.chance(0.2) ? 'maintainer' : 'member', createdAt: date(600) });
  }
  pipelines.forEach((p, i) => {
    if (teams.length === 0) return;
    if (i % 10 === 0) teams[0]!.pipelines.push({ pipelineUuid: p.uuid, accessLevel: 'build_and_read', createdAt: date(300) });
    const owners = new Set<number>();
    const wanted = Math.min(rnd.int(1, 3), Math.max(1, teams.length - 1));
    while (owners.size < wanted) owners.add(teams.length === 1 ? 0 : rnd.int(1, teams.length - 1));
    for (const t of owners) teams[t]!.pipelines.push({ pipelineUuid: p.uuid, accessLevel: rnd.pick(ACCESS), createdAt: date(300) });
  });
  const callerUuid = rnd.uuid();
  const estate: SimEstate = {
    org: {
      uuid: rnd.uuid(),
      slug,
      name: `Scale Org ${options.seed ?? 1}`,
      createdAt: date(2000),
      membersRequireTwoFactorAuthentication: true,
      allowedApiIpAddresses: '192.0.2.0/24',
      revokeInactiveTokensAfter: 'DAYS_90',
      sso: { isEnabled: true, providerName: 'Okta' },
      ssoProviders: [{ uuid: rnd.uuid(), type: 'SAML', state: 'ENABLED', emailDomain: `${slug}.example`, sessionDurationInHours: 8, pinSessionToIpAddress: true, createdAt: date(900) }],
    },
    apiSettings: { allowedIpAddresses: '192.0.2.0/24', revokeInactiveTokensAfterDays: 90, restrictUserApiTokenCreation: true },
    pipelineSettings: {
      defaultBranch: 'main',
      defaultClusterUuid: clusters[0]?.uuid ?? null,
      defaultTimeoutInMinutes: 60,
      maximumTimeoutInMinutes: 120,
      publicPipelineCreation: false,
      buildExports: { enabled: true, location: 'export-bucket', strategyId: 's3' },
    },
    repositoryConnections: [{ uuid: rnd.uuid(), type: 'github_code_access_app', displayName: `GitHub (${slug})` }],
    members,
    teams,
    pipelines,
    clusters,
    pipelineTemplates: templates,
    apiAccessTokens: [
      { uuid: callerUuid, token: options.token ?? 'bkua_generated_caller_token_000000000000', description: 'kiteguard', scopes: [...READ_SCOPES], createdAt: date(60), expiresAt: '2026-12-31T00:00:00.000Z', lastAccessedAt: null, ipAddress: null, ownerUuid: members[0]?.uuid ?? callerUuid },
      ...Array.from({ length: Math.ceil(memberCount / 4) }, (_, i) => ({
        uuid: rnd.uuid(),
        token: `bkua_generated_${i}`,
        description: `token ${i}`,
        scopes: rnd.chance(0.3) ? ['read_builds', 'write_builds'] : ['read_builds'],
        createdAt: date(900),
        expiresAt: rnd.chance(0.5) ? '2026-06-30T00:00:00.000Z' : null,
        lastAccessedAt: rnd.chance(0.5) ? date(30) : null,
        ipAddress: null,
        ownerUuid: rnd.pick(members).uuid,
      })),
    ],
    auditEvents: Array.from({ length: 30 }, () => ({ uuid: rnd.uuid(), type: 'PIPELINE_UPDATED', occurredAt: date(30), actor: { type: 'USER' as const, name: 'Member 0' }, subject: { type: 'PIPELINE', name: 'pipeline-0' } })),
    callerTokenUuid: callerUuid,
  };
  // Drawn last, so the rest of an estate is the same as before these were generated: one rule per 200 pipelines (at
  // least two), two registries, one webhook notification service and its audit event.
  estate.rules = Array.from({ length: Math.max(pipelines.length >= 2 ? 2 : 0, Math.floor(pipelines.length / 200)) }, () => ({
    uuid: rnd.uuid(),
    action: rnd.chance(0.5) ? ('trigger_build' as const) : ('artifacts_read' as const),
    sourcePipelineUuid: rnd.pick(pipelines).uuid,
    targetPipelineUuid: rnd.pick(pipelines).uuid,
    createdAt: date(300),
  }));
  estate.registries = Array.from({ length: 2 }, (_, i) => ({ uuid: rnd.uuid(), slug: `registry-${i}`, name: `Registry ${i}`, description: `Packages ${i}`, createdAt: date(300) }));
  const webhook = { uuid: rnd.uuid(), typename: 'NotificationServiceWebhook', name: 'Webhook', description: 'build events', url: `https://hooks.${slug}.example/buildkite`, token: 'generated-webhook-token-never-served' };
  estate.notificationServices = [webhook];
  estate.auditEvents.push({ uuid: rnd.uuid(), type: 'NOTIFICATION_SERVICE_CREATED', occurredAt: date(30), actor: { type: 'USER', name: 'Member 0' }, subject: { type: 'NOTIFICATION_SERVICE', name: webhook.name, uuid: webhook.uuid } });
  return estate;
}
