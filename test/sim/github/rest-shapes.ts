// REST response bodies built from the fixture model, in the shapes GitHub's OpenAPI description gives them.
import type { SimInstallation, SimOrg, SimPatGrant, SimProtectionRule, SimRepo, SimRule, SimRuleset } from './model.js';

const TIME = '2024-01-01T00:00:00Z';
const WEB = 'https://github.com';

/** A `simple-user` object for a user or an organization. */
export function simpleUser(api: string, login: string, id: number, type: 'User' | 'Organization' | 'Bot' = 'User') {
  const u = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`User:${id}`).toString('base64url'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}`,
    gravatar_id: '',
    url: u,
    html_url: `${WEB}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    site_admin: false,
  };
}

const userId = (login: string) => 10_000 + [...login].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 1_000_000, 7);

/** `GET /orgs/{org}`: owners also see the owner-only settings. */
export function orgBody(api: string, org: SimOrg, owner: boolean) {
  const u = `${api}/orgs/${org.login}`;
  const s = org.settings;
  const body: Record<string, unknown> = {
    login: org.login,
    id: org.id,
    node_id: Buffer.from(`Organization:${org.id}`).toString('base64url'),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}`,
    description: s.description,
    name: s.name,
    html_url: `${WEB}/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: org.repos.filter((r) => r.visibility === 'public').length,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: s.created_at,
    updated_at: TIME,
    archived_at: null,
    web_commit_signoff_required: s.web_commit_signoff_required,
    members_can_fork_private_repositories: s.members_can_fork_private_repositories,
  };
  if (owner) {
    Object.assign(body, {
      two_factor_requirement_enabled: s.two_factor_requirement_enabled,
      default_repository_permission: s.default_repository_permission,
      members_can_create_public_repositories: s.members_can_create_public_repositories,
      total_private_repos: org.repos.filter((r) => r.visibility !== 'public').length,
      owned_private_repos: org.repos.filter((r) => r.visibility !== 'public').length,
    });
  }
  return body;
}

function repoUrls(api: string, full: string) {
  const u = `${api}/repos/${full}`;
  return {
    url: u,
    html_url: `${WEB}/${full}`,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    hooks_url: `${u}/hooks`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
  };
}

/** `minimal-repository` (org repo list); `security_and_analysis` only when the caller is a repository admin. */
export function minimalRepo(api: string, org: SimOrg, repo: SimRepo, admin: boolean) {
  const full = `${org.login}/${repo.name}`;
  const body: Record<string, unknown> = {
    id: repo.id,
    node_id: Buffer.from(`Repository:${repo.id}`).toString('base64url'),
    name: repo.name,
    full_name: full,
    owner: simpleUser(api, org.login, org.id, 'Organization'),
    private: repo.visibility !== 'public',
    visibility: repo.visibility,
    description: null,
    fork: repo.fork,
    archived: repo.archived,
    disabled: false,
    default_branch: repo.defaultBranch,
    ...repoUrls(api, full),
    created_at: TIME,
    updated_at: TIME,
    pushed_at: TIME,
  };
  if (admin) body.security_and_analysis = repo.security;
  return body;
}

/** `full-repository` (`GET /repos/{owner}/{repo}`). */
export function fullRepo(api: string, org: SimOrg, repo: SimRepo, admin: boolean) {
  const full = `${org.login}/${repo.name}`;
  return {
    ...minimalRepo(api, org, repo, admin),
    clone_url: `${WEB}/${full}.git`,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    svn_url: `${WEB}/${full}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    size: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** One app installation. */
export function installationBody(api: string, org: SimOrg, inst: SimInstallation) {
  return {
    id: inst.id,
    account: simpleUser(api, org.login, org.id, 'Organization'),
    repository_selection: inst.repository_selection,
    access_tokens_url: `${api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${api}/installation/repositories`,
    html_url: `${WEB}/organizations/${org.login}/settings/installations/${inst.id}`,
    app_id: inst.app_id,
    app_slug: inst.app_slug,
    target_id: org.id,
    target_type: 'Organization',
    permissions: inst.permissions,
    events: inst.events,
    created_at: TIME,
    updated_at: TIME,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

/** One fine-grained PAT grant (`organization-programmatic-access-grant`). */
export function patGrantBody(api: string, org: SimOrg, g: SimPatGrant) {
  return {
    id: g.id,
    owner: simpleUser(api, g.owner, userId(g.owner)),
    repository_selection: g.repository_selection,
    repositories_url: `${api}/orgs/${org.login}/personal-access-tokens/${g.id}/repositories`,
    permissions: g.permissions,
    access_granted_at: g.access_granted_at,
    token_id: g.token_id,
    token_name: g.token_name,
    token_expired: g.token_expired,
    token_expires_at: g.token_expires_at,
    token_last_used_at: g.token_last_used_at,
  };
}

/** `GET /repos/{owner}/{repo}/branches/{branch}/protection` for an admin. */
export function branchProtectionBody(api: string, org: SimOrg, repo: SimRepo, rule: SimProtectionRule) {
  const u = `${api}/repos/${org.login}/${repo.name}/branches/${repo.defaultBranch}/protection`;
  const flag = (enabled: boolean) => ({ enabled });
  return {
    url: u,
    required_status_checks: rule.requiresStatusChecks
      ? { url: `${u}/required_status_checks`, strict: rule.requiresStrictStatusChecks, contexts: rule.requiredStatusCheckContexts, checks: rule.requiredStatusCheckContexts.map((context) => ({ context, app_id: null })), contexts_url: `${u}/required_status_checks/contexts` }
      : undefined,
    enforce_admins: { url: `${u}/enforce_admins`, enabled: rule.isAdminEnforced },
    required_pull_request_reviews: rule.requiresApprovingReviews
      ? { url: `${u}/required_pull_request_reviews`, dismiss_stale_reviews: rule.dismissesStaleReviews, require_code_owner_reviews: rule.requiresCodeOwnerReviews, required_approving_review_count: rule.requiredApprovingReviewCount ?? 0, require_last_push_approval: rule.requireLastPushApproval }
      : undefined,
    required_signatures: { url: `${u}/required_signatures`, enabled: rule.requiresCommitSignatures },
    required_linear_history: flag(rule.requiresLinearHistory),
    allow_force_pushes: flag(rule.allowsForcePushes),
    allow_deletions: flag(rule.allowsDeletions),
    block_creations: flag(rule.blocksCreations),
    required_conversation_resolution: flag(rule.requiresConversationResolution),
    lock_branch: flag(rule.lockBranch),
  };
}

/** One entry of `GET /repos/{owner}/{repo}/rules/branches/{branch}`. */
export function branchRuleBody(org: SimOrg, repo: SimRepo, rule: SimRule, ruleset: SimRuleset, source: 'Repository' | 'Organization') {
  return {
    type: rule.type,
    ...(rule.parameters ? { parameters: rule.parameters } : {}),
    ruleset_source_type: source,
    ruleset_source: source === 'Organization' ? org.login : `${org.login}/${repo.name}`,
    ruleset_id: ruleset.id,
  };
}

/** `GET /rate_limit`. */
export function rateLimitBody(core: { limit: number; used: number; reset: number }, graphql: { limit: number; used: number; reset: number }) {
  const r = (x: { limit: number; used: number; reset: number }) => ({ limit: x.limit, used: x.used, remaining: Math.max(0, x.limit - x.used), reset: x.reset });
  return { resources: { core: r(core), graphql: r(graphql), search: r({ limit: 30, used: 0, reset: core.reset }) }, rate: r(core) };
}
