// A small fixture organization, `acme`, with deliberately good and bad settings for collector tests.
import { openProtection, securityAll, type SimOrg, type SimRuleset } from './model.js';

const PIPELINE_API = `steps:
  - label: test
    command: make test
    agents: { queue: default }
`;

const PIPELINE_DEPLOY = `steps:
  - block: deploy?
  - label: deploy
    command: ./deploy.sh
`;

const orgBaseline: SimRuleset = {
  id: 900,
  name: 'org-baseline',
  enforcement: 'active',
  target: 'branch',
  conditions: {
    ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] },
    repository_name: { include: ['~ALL'], exclude: ['legacy'] },
  },
  rules: [
    {
      type: 'pull_request',
      parameters: {
        required_approving_review_count: 1,
        dismiss_stale_reviews_on_push: true,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: false,
        allowed_merge_methods: ['squash'],
      },
    },
    { type: 'deletion' },
  ],
  bypass_actors: [{ actor_type: 'Integration', actor_slug: 'deploy-bot', bypass_mode: 'always' }],
};

/** The fixture organization: `api` well protected, `web` open, `infra` weak, `legacy` archived, `docs` nested pipelines. */
export function fixtureOrg(): SimOrg {
  return {
    login: 'acme',
    id: 1000,
    settings: {
      name: 'Acme Corp',
      description: 'Fixture organization',
      created_at: '2020-01-01T00:00:00Z',
      two_factor_requirement_enabled: false,
      default_repository_permission: 'write',
      members_can_create_public_repositories: true,
      web_commit_signoff_required: false,
      members_can_fork_private_repositories: false,
    },
    repos: [
      {
        id: 1,
        name: 'api',
        defaultBranch: 'main',
        visibility: 'private',
        archived: false,
        fork: false,
        protections: [
          openProtection(11, 'main', {
            isAdminEnforced: true,
            requiresApprovingReviews: true,
            requiredApprovingReviewCount: 2,
            dismissesStaleReviews: true,
            requireLastPushApproval: true,
            requiresCommitSignatures: true,
            requiresStatusChecks: true,
            requiresStrictStatusChecks: true,
            requiredStatusCheckContexts: ['buildkite/api'],
          }),
        ],
        rulesets: [
          {
            id: 501,
            name: 'main-guard',
            enforcement: 'active',
            target: 'branch',
            conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
            rules: [{ type: 'non_fast_forward' }, { type: 'required_signatures' }],
            bypass_actors: [
              { actor_type: 'Team', actor_slug: 'platform', bypass_mode: 'pull_request' },
              { actor_type: 'OrganizationAdmin', bypass_mode: 'always' },
            ],
          },
        ],
        security: securityAll('enabled'),
        collaborators: [{ login: 'alice', permission: 'ADMIN' }],
        files: { '.buildkite/pipeline.yml': PIPELINE_API, '.buildkite/deploy.yml': PIPELINE_DEPLOY },
      },
      {
        id: 2,
        name: 'web',
        defaultBranch: 'main',
        visibility: 'public',
        archived: false,
        fork: false,
        protections: [],
        rulesets: [],
        security: {
          secret_scanning: { status: 'disabled' },
          secret_scanning_push_protection: { status: 'disabled' },
          dependabot_security_updates: { status: 'disabled' },
        },
        collaborators: [{ login: 'mallory', permission: 'WRITE' }],
        files: { 'buildkite.yml': 'steps:\n  - command: npm test\n', 'README.md': '# web\n' },
      },
      {
        id: 3,
        name: 'infra',
        defaultBranch: 'main',
        visibility: 'private',
        archived: false,
        fork: false,
        protections: [openProtection(31, 'main', { allowsForcePushes: true, requiresApprovingReviews: true, requiredApprovingReviewCount: 1 })],
        rulesets: [],
        security: securityAll('disabled'),
        collaborators: [],
        files: { '.buildkite/pipeline.yml': `steps:\n${'  - command: echo generated\n'.repeat(24_000)}` },
      },
      {
        id: 4,
        name: 'legacy',
        defaultBranch: 'master',
        visibility: 'private',
        archived: true,
        fork: false,
        protections: [],
        rulesets: [],
        security: securityAll('disabled'),
        collaborators: [],
        files: {},
      },
      {
        id: 5,
        name: 'docs',
        defaultBranch: 'main',
        visibility: 'internal',
        archived: false,
        fork: false,
        protections: [],
        rulesets: [],
        security: securityAll('enabled'),
        collaborators: [],
        files: {
          '.buildkite/pipelines/release.yml': 'steps:\n  - command: make release\n',
          '.buildkite/hooks/pre-command': '#!/bin/sh\nset -e\n',
          '.buildkite.yml': 'steps:\n  - command: make docs\n',
        },
      },
    ],
    teams: [
      { id: 71, slug: 'platform', name: 'Platform', privacy: 'VISIBLE', repos: [{ name: 'api', permission: 'ADMIN' }, { name: 'infra', permission: 'ADMIN' }] },
      {
        id: 72,
        slug: 'developers',
        name: 'Developers',
        privacy: 'VISIBLE',
        repos: [
          { name: 'api', permission: 'WRITE' },
          { name: 'web', permission: 'WRITE' },
          { name: 'docs', permission: 'READ' },
        ],
      },
      { id: 73, slug: 'security', name: 'Security', privacy: 'SECRET', repos: ['api', 'web', 'infra', 'legacy', 'docs'].map((name) => ({ name, permission: 'READ' as const })) },
    ],
    rulesets: [orgBaseline],
    installations: [
      { id: 61, app_id: 101, app_slug: 'buildkite', repository_selection: 'all', permissions: { contents: 'read', statuses: 'write', checks: 'write' }, events: ['push', 'pull_request'] },
      { id: 62, app_id: 102, app_slug: 'deploy-bot', repository_selection: 'selected', permissions: { contents: 'write', administration: 'write' }, events: [] },
    ],
    patGrants: [
      {
        id: 81,
        owner: 'alice',
        token_id: 8101,
        token_name: 'release-script',
        token_expired: false,
        token_expires_at: '2030-01-01T00:00:00Z',
        token_last_used_at: '2025-06-01T00:00:00Z',
        access_granted_at: '2025-01-01T00:00:00Z',
        repository_selection: 'subset',
        permissions: { repository: { contents: 'read' } },
      },
      {
        id: 82,
        owner: 'mallory',
        token_id: 8201,
        token_name: 'forever-admin',
        token_expired: false,
        token_expires_at: null,
        token_last_used_at: null,
        access_granted_at: '2021-01-01T00:00:00Z',
        repository_selection: 'all',
        permissions: { organization: { administration: 'write' }, repository: { administration: 'write', contents: 'write' } },
      },
    ],
  };
}
