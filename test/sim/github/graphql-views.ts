// GraphQL views over the fixture model: objects whose properties and methods answer GitHub's schema fields.
import { createHash } from 'node:crypto';
import { connection, type PageArgs } from './connection.js';
import { atLeast, permissionOn, type SimToken } from './auth.js';
import type { SimBypassActor, SimOrg, SimProtectionRule, SimRepo, SimRule, SimRuleset, SimTeam } from './model.js';
import { protectionFor, rulesetsFor, rulesForBranch } from './rules-match.js';

/** A field error GitHub reports beside partial data (`type` is GitHub's error type). */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly type: 'FORBIDDEN' | 'NOT_FOUND',
  ) {
    super(message);
  }
}

/** What every resolver can see: the organization, the caller, and the point cost of this query. */
export interface ViewContext {
  org: SimOrg;
  viewer: SimToken;
  blobTextLimit: number;
  rate: { cost: number; limit: number; remaining: number; used: number; resetAt: string; nodeCount: number };
}

const nodeId = (type: string, id: string | number) => Buffer.from(`${type}:${id}`).toString('base64url');
const oid = (text: string) => createHash('sha1').update(text).digest('hex');
const upper = (s: string) => s.toUpperCase();
const ROLE_IDS: Record<string, number> = { maintain: 2, write: 4, admin: 5 };
const PARAM_TYPES: Record<string, string> = {
  pull_request: 'PullRequestParameters',
  required_status_checks: 'RequiredStatusChecksParameters',
  required_deployments: 'RequiredDeploymentsParameters',
  update: 'UpdateParameters',
  merge_queue: 'MergeQueueParameters',
};

function camel(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

function parametersView(rule: SimRule) {
  const typename = PARAM_TYPES[rule.type];
  if (!typename || !rule.parameters) return null;
  const p = camel(rule.parameters);
  if (rule.type === 'required_status_checks') {
    const checks = (rule.parameters.required_status_checks as { context: string; integration_id?: number }[] | undefined) ?? [];
    p.requiredStatusChecks = checks.map((c) => ({ context: c.context, integrationId: c.integration_id ?? null }));
  }
  if (Array.isArray(p.allowedMergeMethods)) p.allowedMergeMethods = (p.allowedMergeMethods as string[]).map(upper);
  return { __typename: typename, ...p };
}

function appView(ctx: ViewContext, slug: string) {
  const inst = ctx.org.installations.find((i) => i.app_slug === slug);
  return { __typename: 'App', id: nodeId('App', slug), databaseId: inst?.app_id ?? null, slug, name: slug };
}

function actorView(ctx: ViewContext, a: SimBypassActor, i: number) {
  const team = a.actor_type === 'Team' ? ctx.org.teams.find((t) => t.slug === a.actor_slug) : undefined;
  return {
    __typename: 'RepositoryRulesetBypassActor',
    id: nodeId('RepositoryRulesetBypassActor', `${a.actor_type}-${a.actor_slug ?? a.role_name ?? ''}-${i}`),
    bypassMode: upper(a.bypass_mode),
    organizationAdmin: a.actor_type === 'OrganizationAdmin',
    deployKey: a.actor_type === 'DeployKey',
    repositoryRoleName: a.role_name ?? null,
    repositoryRoleDatabaseId: a.role_name ? (ROLE_IDS[a.role_name] ?? null) : null,
    actor: team ? teamView(ctx, team) : a.actor_type === 'Integration' && a.actor_slug ? appView(ctx, a.actor_slug) : null,
  };
}

function ruleView(ctx: ViewContext, rule: SimRule, rs: SimRuleset, source: SourceRef, i: number): Record<string, unknown> {
  return {
    __typename: 'RepositoryRule',
    id: nodeId('RepositoryRule', `${rs.id}-${i}`),
    type: upper(rule.type),
    parameters: parametersView(rule),
    repositoryRuleset: () => rulesetView(ctx, rs, source),
  };
}

type SourceRef = { kind: 'Repository'; repo: SimRepo } | { kind: 'Organization' };

function rulesetView(ctx: ViewContext, rs: SimRuleset, source: SourceRef): Record<string, unknown> {
  const canSeeBypass = source.kind === 'Organization' ? ctx.viewer.orgRole === 'owner' : permissionOn(ctx.viewer, source.repo.name) === 'ADMIN';
  return {
    __typename: 'RepositoryRuleset',
    id: nodeId('RepositoryRuleset', rs.id),
    databaseId: rs.id,
    name: rs.name,
    enforcement: upper(rs.enforcement),
    target: upper(rs.target),
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-06-01T00:00:00Z',
    source: () => (source.kind === 'Organization' ? orgView(ctx) : repoView(ctx, source.repo)),
    conditions: {
      refName: rs.conditions.ref_name ?? null,
      repositoryName: rs.conditions.repository_name ? { protected: false, ...rs.conditions.repository_name } : null,
      repositoryId: null,
      repositoryProperty: null,
    },
    rules: (args: PageArgs & { type?: string }) =>
      connection(
        rs.rules.map((r, i) => ({ r, i })).filter(({ r }) => !args.type || upper(r.type) === args.type),
        args,
        ({ r, i }) => ({ node: ruleView(ctx, r, rs, source, i) }),
      ),
    bypassActors: (args: PageArgs) =>
      connection(canSeeBypass ? rs.bypass_actors : [], args, (a) => ({ node: actorView(ctx, a, rs.bypass_actors.indexOf(a)) })),
  };
}

function protectionView(rule: SimProtectionRule) {
  return { ...rule, __typename: 'BranchProtectionRule', id: nodeId('BranchProtectionRule', rule.id), databaseId: rule.id, requiredDeploymentEnvironments: [], requiresDeployments: false, restrictsReviewDismissals: false, lockAllowsFetchAndMerge: false };
}

function refUpdateRuleView(ctx: ViewContext, repo: SimRepo, rule: SimProtectionRule) {
  return {
    pattern: rule.pattern,
    allowsDeletions: rule.allowsDeletions,
    allowsForcePushes: rule.allowsForcePushes,
    blocksCreations: rule.blocksCreations,
    requiredApprovingReviewCount: rule.requiredApprovingReviewCount,
    requiredStatusCheckContexts: rule.requiredStatusCheckContexts,
    requiresCodeOwnerReviews: rule.requiresCodeOwnerReviews,
    requiresConversationResolution: rule.requiresConversationResolution,
    requiresLinearHistory: rule.requiresLinearHistory,
    requiresSignatures: rule.requiresCommitSignatures,
    viewerAllowedToDismissReviews: atLeast(permissionOn(ctx.viewer, repo.name), 'WRITE'),
    viewerCanPush: atLeast(permissionOn(ctx.viewer, repo.name), 'WRITE') && !rule.restrictsPushes,
  };
}

function refView(ctx: ViewContext, repo: SimRepo, branch: string) {
  const admin = permissionOn(ctx.viewer, repo.name) === 'ADMIN';
  const rule = protectionFor(repo, branch);
  return {
    __typename: 'Ref',
    id: nodeId('Ref', `${repo.id}:${branch}`),
    name: branch,
    prefix: 'refs/heads/',
    branchProtectionRule: admin && rule ? protectionView(rule) : null,
    refUpdateRule: rule ? refUpdateRuleView(ctx, repo, rule) : null,
    rules: (args: PageArgs) =>
      connection(rulesForBranch(ctx.org, repo, branch), args, ({ rule: r, ruleset, source }) => ({
        node: ruleView(ctx, r, ruleset, source === 'Organization' ? { kind: 'Organization' } : { kind: 'Repository', repo }, ruleset.rules.indexOf(r)),
      })),
  };
}

function blobView(ctx: ViewContext, path: string, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  const truncated = bytes.length > ctx.blobTextLimit;
  return {
    __typename: 'Blob',
    id: nodeId('Blob', path),
    oid: oid(text),
    abbreviatedOid: oid(text).slice(0, 7),
    byteSize: bytes.length,
    isBinary: false,
    isTruncated: truncated,
    text: truncated ? bytes.subarray(0, ctx.blobTextLimit).toString('utf8') : text,
  };
}

function treeView(ctx: ViewContext, repo: SimRepo, dir: string): Record<string, unknown> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const names = new Set<string>();
  for (const p of Object.keys(repo.files)) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
  return {
    __typename: 'Tree',
    id: nodeId('Tree', `${repo.id}:${dir}`),
    oid: oid(`${repo.id}:${dir}`),
    entries: [...names].sort().map((name) => {
      const path = prefix + name;
      const text = repo.files[path];
      const object = text !== undefined ? blobView(ctx, path, text) : treeView(ctx, repo, path);
      return { name, path, type: text !== undefined ? 'blob' : 'tree', mode: text !== undefined ? 33188 : 16384, size: text !== undefined ? Buffer.byteLength(text) : 0, oid: object.oid, isGenerated: false, object };
    }),
  };
}

function objectView(ctx: ViewContext, repo: SimRepo, expression: string | undefined) {
  const m = /^([^:]+):(.*)$/.exec(expression ?? '');
  if (!m || (m[1] !== 'HEAD' && m[1] !== repo.defaultBranch)) return null;
  const path = m[2]!.replace(/\/$/, '');
  const text = repo.files[path];
  if (text !== undefined) return blobView(ctx, path, text);
  if (path === '' || Object.keys(repo.files).some((p) => p.startsWith(`${path}/`))) return treeView(ctx, repo, path);
  return null;
}

/** The GraphQL view of one repository. */
export function repoView(ctx: ViewContext, repo: SimRepo): Record<string, unknown> {
  const permission = permissionOn(ctx.viewer, repo.name);
  return {
    __typename: 'Repository',
    id: nodeId('Repository', repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${ctx.org.login}/${repo.name}`,
    visibility: upper(repo.visibility),
    isPrivate: repo.visibility !== 'public',
    isArchived: repo.archived,
    isFork: repo.fork,
    isDisabled: false,
    isEmpty: Object.keys(repo.files).length === 0,
    isLocked: false,
    isTemplate: false,
    // GitHub's schema: "Users permission level on the repository. Will return null if authenticated as an GitHub App."
    viewerPermission: ctx.viewer.kind === 'installation' ? null : permission,
    owner: () => orgView(ctx),
    defaultBranchRef: () => refView(ctx, repo, repo.defaultBranch),
    ref: ({ qualifiedName }: { qualifiedName: string }) => refView(ctx, repo, qualifiedName.replace(/^refs\/heads\//, '')),
    branchProtectionRules: (args: PageArgs) => connection(permission === 'ADMIN' ? repo.protections : [], args, (r) => ({ node: protectionView(r) })),
    rulesets: (args: PageArgs & { includeParents?: boolean }) =>
      connection(rulesetsFor(ctx.org, repo, args.includeParents !== false), args, ({ ruleset, source }) => ({
        node: rulesetView(ctx, ruleset, source === 'Organization' ? { kind: 'Organization' } : { kind: 'Repository', repo }),
      })),
    collaborators: (args: PageArgs & { affiliation?: string }) => {
      if (!atLeast(permission, 'WRITE')) throw new FieldError('Must have push access to view repository collaborators.', 'FORBIDDEN');
      return connection(repo.collaborators, args, (c) => ({ permission: c.permission, node: userView(c.login) }));
    },
    object: ({ expression }: { expression?: string }) => objectView(ctx, repo, expression),
  };
}

function userView(login: string) {
  return { __typename: 'User', id: nodeId('User', login), login, name: null };
}

/** The GraphQL view of one team. */
export function teamView(ctx: ViewContext, team: SimTeam): Record<string, unknown> {
  return {
    __typename: 'Team',
    id: nodeId('Team', team.id),
    databaseId: team.id,
    slug: team.slug,
    name: team.name,
    privacy: team.privacy,
    combinedSlug: `${ctx.org.login}/${team.slug}`,
    parentTeam: null,
    repositories: (args: PageArgs & { query?: string }) => {
      const q = args.query?.toLowerCase();
      const edges = team.repos.filter((r) => !q || r.name.toLowerCase().includes(q));
      return connection(edges, args, (e) => {
        const repo = ctx.org.repos.find((r) => r.name === e.name)!;
        return { permission: e.permission, node: repoView(ctx, repo) };
      });
    },
  };
}

/** The GraphQL view of the organization. */
export function orgView(ctx: ViewContext): Record<string, unknown> {
  const { org, viewer } = ctx;
  const owner = viewer.orgRole === 'owner';
  return {
    __typename: 'Organization',
    id: nodeId('Organization', org.id),
    databaseId: org.id,
    login: org.login,
    name: org.settings.name,
    requiresTwoFactorAuthentication: owner ? org.settings.two_factor_requirement_enabled : null,
    webCommitSignoffRequired: org.settings.web_commit_signoff_required,
    membersCanForkPrivateRepositories: org.settings.members_can_fork_private_repositories,
    viewerCanAdminister: owner,
    viewerIsAMember: true,
    repositories: (args: PageArgs) => connection(org.repos, args, (r) => ({ node: repoView(ctx, r) })),
    repository: ({ name }: { name: string }) => {
      const repo = org.repos.find((r) => r.name === name);
      return repo ? repoView(ctx, repo) : null;
    },
    teams: (args: PageArgs) => connection(org.teams, args, (t) => ({ node: teamView(ctx, t) })),
    team: ({ slug }: { slug: string }) => {
      const team = org.teams.find((t) => t.slug === slug);
      return team ? teamView(ctx, team) : null;
    },
    rulesets: (args: PageArgs) => connection(org.rulesets, args, (rs) => ({ node: rulesetView(ctx, rs, { kind: 'Organization' }) })),
  };
}

/** The root `Query` object. */
export function queryView(ctx: ViewContext): Record<string, unknown> {
  return {
    rateLimit: () => ctx.rate,
    viewer: () => userView(ctx.viewer.login),
    organization: ({ login }: { login: string }) => {
      if (login !== ctx.org.login) throw new FieldError(`Could not resolve to an Organization with the login of '${login}'.`, 'NOT_FOUND');
      return orgView(ctx);
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = owner === ctx.org.login ? ctx.org.repos.find((r) => r.name === name) : undefined;
      if (!repo) throw new FieldError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
      return repoView(ctx, repo);
    },
  };
}
