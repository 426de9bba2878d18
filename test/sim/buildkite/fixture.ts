// A small hand-written estate with deliberately good and bad settings, for the collector's happy-path tests.
import { READ_SCOPES, type SimEstate, type SimPipeline } from './estate.js';

const T0 = '2024-01-15T10:00:00.000Z';

/** GitHub provider settings as REST returns them, with overrides. */
export function githubSettings(repository: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    trigger_mode: 'code',
    build_pull_requests: true,
    pull_request_branch_filter_enabled: false,
    skip_builds_for_existing_commits: false,
    skip_pull_request_builds_for_existing_commits: true,
    build_pull_request_ready_for_review: false,
    build_pull_request_labels_changed: false,
    build_pull_request_forks: false,
    prefix_pull_request_fork_branch_names: true,
    build_branches: true,
    build_tags: false,
    cancel_deleted_branch_builds: false,
    publish_commit_status: true,
    publish_commit_status_per_step: false,
    separate_pull_request_statuses: false,
    publish_blocked_as_pending: false,
    use_step_key_as_commit_status: false,
    filter_enabled: false,
    repository,
    ...overrides,
  };
}

/** The saved configuration of a pipeline that only uploads the repository's pipeline file. */
export const UPLOAD_ONLY = 'steps:\n  - label: ":pipeline: Upload"\n    command: buildkite-agent pipeline upload\n';

function pipeline(p: Partial<SimPipeline> & Pick<SimPipeline, 'uuid' | 'slug'>): SimPipeline {
  return {
    name: p.slug,
    description: null,
    repository: `git@github.com:acme-inc/${p.slug}.git`,
    defaultBranch: 'main',
    providerId: 'github',
    providerSettings: githubSettings(`acme-inc/${p.slug}`),
    clusterUuid: null,
    visibility: 'private',
    templateUuid: null,
    configuration: UPLOAD_ONLY,
    env: {},
    createdAt: T0,
    ...p,
  };
}

/** The fixture organization `acme-inc`; `token` is the value the collector will call with. */
export function fixtureEstate(token = 'bkua_fixture_token_0000000000000000000000'): SimEstate {
  return {
    org: {
      uuid: '0b7a3c1e-0000-4000-8000-000000000001',
      slug: 'acme-inc',
      name: 'Acme Inc',
      createdAt: '2019-05-09T21:05:59.874Z',
      membersRequireTwoFactorAuthentication: false,
      allowedApiIpAddresses: null,
      revokeInactiveTokensAfter: 'DAYS_90',
      sso: { isEnabled: true, providerName: 'Okta' },
      ssoProviders: [
        { uuid: '5a0e0000-0000-4000-8000-000000000001', type: 'SAML', state: 'ENABLED', emailDomain: 'acme.example', sessionDurationInHours: 12, pinSessionToIpAddress: false, createdAt: T0 },
      ],
    },
    apiSettings: { allowedIpAddresses: '', revokeInactiveTokensAfterDays: 90, restrictUserApiTokenCreation: false },
    pipelineSettings: {
      defaultBranch: 'main',
      defaultClusterUuid: 'c1000000-0000-4000-8000-000000000001',
      defaultTimeoutInMinutes: 60,
      maximumTimeoutInMinutes: null,
      publicPipelineCreation: true,
      buildExports: { enabled: false, location: null, strategyId: null },
    },
    repositoryConnections: [{ uuid: 'rc000000-0000-4000-8000-000000000001', type: 'github_code_access_app', displayName: 'GitHub (acme-inc)' }],
    members: [
      { uuid: 'u1000000-0000-4000-8000-000000000001', name: 'Ada Admin', email: 'ada@acme.example', role: 'ADMIN', twoFactorEnabled: true, passwordProtected: true, ssoMode: 'REQUIRED', createdAt: T0 },
      { uuid: 'u1000000-0000-4000-8000-000000000002', name: 'Bo Builder', email: 'bo@acme.example', role: 'MEMBER', twoFactorEnabled: false, passwordProtected: true, ssoMode: 'OPTIONAL', createdAt: T0 },
      { uuid: 'u1000000-0000-4000-8000-000000000003', name: 'Cy Scanner', email: 'kiteguard@acme.example', role: 'MEMBER', twoFactorEnabled: true, passwordProtected: false, ssoMode: 'REQUIRED', createdAt: T0 },
    ],
    teams: [
      {
        uuid: 't1000000-0000-4000-8000-000000000001', slug: 'everyone', name: 'Everyone', description: 'All members', privacy: 'visible', isDefault: true, createdAt: T0,
        members: [
          { userUuid: 'u1000000-0000-4000-8000-000000000001', role: 'maintainer', createdAt: T0 },
          { userUuid: 'u1000000-0000-4000-8000-000000000002', role: 'member', createdAt: T0 },
        ],
        pipelines: [{ pipelineUuid: 'p1000000-0000-4000-8000-000000000002', accessLevel: 'build_and_read', createdAt: T0 }],
      },
      {
        uuid: 't1000000-0000-4000-8000-000000000002', slug: 'platform', name: 'Platform', description: 'Owns production', privacy: 'secret', isDefault: false, createdAt: T0,
        members: [{ userUuid: 'u1000000-0000-4000-8000-000000000001', role: 'maintainer', createdAt: T0 }],
        pipelines: [
          { pipelineUuid: 'p1000000-0000-4000-8000-000000000001', accessLevel: 'manage_build_and_read', createdAt: T0 },
          { pipelineUuid: 'p1000000-0000-4000-8000-000000000002', accessLevel: 'manage_build_and_read', createdAt: T0 },
        ],
      },
      {
        uuid: 't1000000-0000-4000-8000-000000000003', slug: 'docs', name: 'Docs', description: '', privacy: 'visible', isDefault: false, createdAt: T0,
        members: [{ userUuid: 'u1000000-0000-4000-8000-000000000002', role: 'member', createdAt: T0 }],
        pipelines: [{ pipelineUuid: 'p1000000-0000-4000-8000-000000000003', accessLevel: 'read_only', createdAt: T0 }],
      },
    ],
    pipelines: [
      pipeline({ uuid: 'p1000000-0000-4000-8000-000000000001', slug: 'web-app', name: 'Web App', clusterUuid: 'c1000000-0000-4000-8000-000000000001', templateUuid: 'pt000000-0000-4000-8000-000000000001' }),
      pipeline({
        uuid: 'p1000000-0000-4000-8000-000000000002', slug: 'legacy-deploy', name: 'Legacy Deploy', visibility: 'public',
        providerSettings: githubSettings('acme-inc/legacy-deploy', { build_pull_request_forks: true, prefix_pull_request_fork_branch_names: false }),
        configuration: 'steps:\n  - label: deploy\n    command: ./deploy.sh production\n',
        env: { DEPLOY_ENV: 'production' },
      }),
      pipeline({
        uuid: 'p1000000-0000-4000-8000-000000000003', slug: 'docs-site', name: 'Docs Site', providerId: 'gitlab',
        repository: 'git@gitlab.com:acme-inc/docs-site.git', providerSettings: { trigger_mode: 'code', build_pull_requests: true },
        clusterUuid: 'c1000000-0000-4000-8000-000000000002',
      }),
    ],
    clusters: [
      {
        uuid: 'c1000000-0000-4000-8000-000000000001', name: 'prod', description: 'Production agents', defaultQueueUuid: 'q1000000-0000-4000-8000-000000000001',
        queues: [
          { uuid: 'q1000000-0000-4000-8000-000000000001', key: 'default', description: 'Builds', dispatchPaused: false, createdAt: T0 },
          { uuid: 'q1000000-0000-4000-8000-000000000002', key: 'deploy', description: 'Deploys only', dispatchPaused: false, createdAt: T0 },
        ],
        agentTokens: [
          { uuid: 'at000000-0000-4000-8000-000000000001', description: 'prod agents', allowedIpAddresses: '10.0.0.0/8', expiresAt: '2026-06-01T00:00:00Z', createdAt: T0 },
          { uuid: 'at000000-0000-4000-8000-000000000002', description: 'old laptop agent', allowedIpAddresses: null, expiresAt: null, createdAt: '2021-02-01T00:00:00.000Z' },
        ],
        secrets: [
          { uuid: 's1000000-0000-4000-8000-000000000001', key: 'DEPLOY_KEY', description: 'Deploy key', policy: '- pipeline_slug: web-app\n  build_branch: main', createdAt: T0 },
          { uuid: 's1000000-0000-4000-8000-000000000002', key: 'NPM_TOKEN', description: 'npm publish', policy: null, createdAt: T0 },
          { uuid: 's1000000-0000-4000-8000-000000000003', key: 'SENTRY_TOKEN', description: 'release notes', policy: '- build_branch: "*"\n  build_creator: ada@acme.example', createdAt: T0 },
        ],
        maintainers: [
          { uuid: 'm1000000-0000-4000-8000-000000000001', kind: 'user', userUuid: 'u1000000-0000-4000-8000-000000000001' },
          { uuid: 'm1000000-0000-4000-8000-000000000002', kind: 'team', teamUuid: 't1000000-0000-4000-8000-000000000002' },
        ],
      },
      {
        uuid: 'c1000000-0000-4000-8000-000000000002', name: 'oss', description: 'Open source builds', defaultQueueUuid: 'q1000000-0000-4000-8000-000000000003',
        queues: [{ uuid: 'q1000000-0000-4000-8000-000000000003', key: 'default', description: 'Untrusted builds', dispatchPaused: true, createdAt: T0 }],
        agentTokens: [{ uuid: 'at000000-0000-4000-8000-000000000003', description: 'oss agents', allowedIpAddresses: null, expiresAt: '2026-01-01T00:00:00Z', createdAt: T0 }],
        secrets: [],
        maintainers: [],
      },
    ],
    pipelineTemplates: [
      { uuid: 'pt000000-0000-4000-8000-000000000001', name: 'Upload from repository', description: 'Standard', configuration: UPLOAD_ONLY, available: true, createdAt: T0 },
    ],
    unclusteredAgentTokens: [
      { uuid: '0190aa00-0000-7000-8000-00000000a9e1', description: 'legacy macOS fleet', createdAt: '2021-03-01T09:00:00.000Z', public: false, revokedAt: null },
      { uuid: '0190aa00-0000-7000-8000-00000000a9e2', description: 'old default token', createdAt: '2019-05-01T09:00:00.000Z', public: false, revokedAt: '2024-01-01T00:00:00.000Z' },
    ],
    apiAccessTokens: [
      { uuid: 'ak000000-0000-4000-8000-000000000001', token, description: 'kiteguard sweep', scopes: [...READ_SCOPES], createdAt: '2025-07-16T06:07:42.000Z', expiresAt: '2026-07-16T06:07:42.000Z', lastAccessedAt: '2025-11-30T00:00:00.000Z', ipAddress: '192.0.2.10', ownerUuid: 'u1000000-0000-4000-8000-000000000003' },
      { uuid: 'ak000000-0000-4000-8000-000000000002', token: 'bkua_other_token_never_served_000000000000', description: 'ci admin', scopes: ['read_pipelines', 'write_pipelines', 'write_builds', 'graphql'], createdAt: '2020-03-01T00:00:00.000Z', expiresAt: null, lastAccessedAt: null, ipAddress: null, ownerUuid: 'u1000000-0000-4000-8000-000000000001' },
    ],
    auditEvents: [
      { uuid: 'ae000000-0000-4000-8000-000000000001', type: 'ORGANIZATION_UPDATED', occurredAt: '2025-11-20T09:15:04.000Z', actor: { type: 'USER', name: 'Ada Admin' }, subject: { type: 'ORGANIZATION', name: 'acme-inc' } },
      { uuid: 'ae000000-0000-4000-8000-000000000002', type: 'PIPELINE_UPDATED', occurredAt: '2025-11-19T09:15:04.000Z', actor: { type: 'USER', name: 'Bo Builder' }, subject: { type: 'PIPELINE', name: 'legacy-deploy' } },
      { uuid: 'ae000000-0000-4000-8000-000000000003', type: 'NOTIFICATION_SERVICE_CREATED', occurredAt: '2025-10-02T09:00:00.000Z', actor: { type: 'USER', name: 'Ada Admin' }, subject: { type: 'NOTIFICATION_SERVICE', name: 'Slack', uuid: 'ns000000-0000-4000-8000-000000000001' } },
      { uuid: 'ae000000-0000-4000-8000-000000000004', type: 'NOTIFICATION_SERVICE_CREATED', occurredAt: '2025-10-01T09:00:00.000Z', actor: { type: 'USER', name: 'Ada Admin' }, subject: { type: 'NOTIFICATION_SERVICE', name: 'Webhook', uuid: 'ns000000-0000-4000-8000-000000000002' } },
    ],
    notificationServices: [
      { uuid: 'ns000000-0000-4000-8000-000000000001', typename: 'NotificationServiceSlack', name: 'Slack', description: '#builds', url: 'https://hooks.slack.com/services/T0000/B0000/fixturewebhooksecret', token: 'xoxb-fixture-slack-token-never-served' },
      { uuid: 'ns000000-0000-4000-8000-000000000002', typename: 'NotificationServiceWebhook', name: 'Webhook', description: 'builds to https://hooks.acme.example/ci?token=fixturewebhooktoken', url: 'https://hooks.acme.example/ci', token: 'fixture-webhook-token-never-served' },
    ],
    registries: [{ uuid: 'rg000000-0000-4000-8000-000000000001', slug: 'npm-internal', name: 'npm internal', description: 'Internal npm packages', createdAt: T0 }],
    rules: [
      // web-app (cluster prod) may trigger docs-site (cluster oss): across the cluster boundary.
      { uuid: 'r1000000-0000-4000-8000-000000000001', action: 'trigger_build', sourcePipelineUuid: 'p1000000-0000-4000-8000-000000000001', targetPipelineUuid: 'p1000000-0000-4000-8000-000000000003', createdAt: T0 },
      // web-app may read its own artifacts: one cluster.
      { uuid: 'r1000000-0000-4000-8000-000000000002', action: 'artifacts_read', sourcePipelineUuid: 'p1000000-0000-4000-8000-000000000001', targetPipelineUuid: 'p1000000-0000-4000-8000-000000000001', createdAt: T0 },
    ],
    callerTokenUuid: 'ak000000-0000-4000-8000-000000000001',
  };
}
