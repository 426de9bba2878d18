// The fixture organization model the GitHub simulator serves: plain objects, no behaviour.

/** Repository permission levels, as GraphQL names them. */
export type SimPermission = 'ADMIN' | 'MAINTAIN' | 'WRITE' | 'TRIAGE' | 'READ';

/** One classic branch protection rule, with GraphQL's field names. */
export interface SimProtectionRule {
  id: number;
  pattern: string;
  isAdminEnforced: boolean;
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number | null;
  dismissesStaleReviews: boolean;
  requireLastPushApproval: boolean;
  requiresCodeOwnerReviews: boolean;
  requiresCommitSignatures: boolean;
  requiresStatusChecks: boolean;
  requiresStrictStatusChecks: boolean;
  requiredStatusCheckContexts: string[];
  requiresLinearHistory: boolean;
  requiresConversationResolution: boolean;
  allowsForcePushes: boolean;
  allowsDeletions: boolean;
  blocksCreations: boolean;
  lockBranch: boolean;
  restrictsPushes: boolean;
}

/** One rule inside a ruleset, with REST's lower-case type (`pull_request`) and parameters. */
export interface SimRule {
  type: string;
  parameters?: Record<string, unknown>;
}

/** Who may bypass a ruleset. */
export interface SimBypassActor {
  actor_type: 'Team' | 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'DeployKey';
  /** Team slug or app slug, for Team / Integration actors. */
  actor_slug?: string;
  /** Repository role name (`admin`, `maintain`, `write`), for RepositoryRole actors. */
  role_name?: string;
  bypass_mode: 'always' | 'pull_request';
}

/** A repository or organization ruleset. */
export interface SimRuleset {
  id: number;
  name: string;
  enforcement: 'active' | 'evaluate' | 'disabled';
  target: 'branch' | 'tag' | 'push';
  conditions: {
    ref_name?: { include: string[]; exclude: string[] };
    repository_name?: { include: string[]; exclude: string[]; protected?: boolean };
  };
  rules: SimRule[];
  bypass_actors: SimBypassActor[];
}

/** REST `security_and_analysis` statuses. */
export type SimSecurity = Record<string, { status: 'enabled' | 'disabled' }>;

/** One repository of the organization. */
export interface SimRepo {
  id: number;
  name: string;
  defaultBranch: string;
  visibility: 'public' | 'private' | 'internal';
  archived: boolean;
  fork: boolean;
  protections: SimProtectionRule[];
  rulesets: SimRuleset[];
  security: SimSecurity;
  /** Direct collaborators (users added to the repository itself). */
  collaborators: { login: string; permission: SimPermission }[];
  /** Files at HEAD of the default branch, by path. */
  files: Record<string, string>;
}

/** A team and the repositories it has access to. */
export interface SimTeam {
  id: number;
  slug: string;
  name: string;
  privacy: 'VISIBLE' | 'SECRET';
  repos: { name: string; permission: SimPermission }[];
}

/** A GitHub App installed on the organization. */
export interface SimInstallation {
  id: number;
  app_id: number;
  app_slug: string;
  repository_selection: 'all' | 'selected';
  permissions: Record<string, string>;
  events: string[];
}

/** A fine-grained personal access token granted access to the organization. */
export interface SimPatGrant {
  id: number;
  owner: string;
  token_id: number;
  token_name: string;
  token_expired: boolean;
  token_expires_at: string | null;
  token_last_used_at: string | null;
  access_granted_at: string;
  repository_selection: 'none' | 'all' | 'subset';
  permissions: { organization?: Record<string, string>; repository?: Record<string, string> };
}

/** Organization settings as REST `GET /orgs/{org}` names them; the owner-only ones are marked. */
export interface SimOrgSettings {
  name: string;
  description: string | null;
  created_at: string;
  /** Owner only. */
  two_factor_requirement_enabled: boolean;
  /** Owner only. */
  default_repository_permission: string;
  /** Owner only. */
  members_can_create_public_repositories: boolean;
  web_commit_signoff_required: boolean;
  members_can_fork_private_repositories: boolean;
}

/** The whole organization the simulator serves. */
export interface SimOrg {
  login: string;
  id: number;
  settings: SimOrgSettings;
  repos: SimRepo[];
  teams: SimTeam[];
  rulesets: SimRuleset[];
  installations: SimInstallation[];
  patGrants: SimPatGrant[];
}

/** A protection rule with every switch off; fixtures override what they need. */
export function openProtection(id: number, pattern: string, overrides: Partial<SimProtectionRule> = {}): SimProtectionRule {
  return {
    id,
    pattern,
    isAdminEnforced: false,
    requiresApprovingReviews: false,
    requiredApprovingReviewCount: null,
    dismissesStaleReviews: false,
    requireLastPushApproval: false,
    requiresCodeOwnerReviews: false,
    requiresCommitSignatures: false,
    requiresStatusChecks: false,
    requiresStrictStatusChecks: false,
    requiredStatusCheckContexts: [],
    requiresLinearHistory: false,
    requiresConversationResolution: false,
    allowsForcePushes: false,
    allowsDeletions: false,
    blocksCreations: false,
    lockBranch: false,
    restrictsPushes: false,
    ...overrides,
  };
}

/** Security settings with every feature in the given state. */
export function securityAll(status: 'enabled' | 'disabled'): SimSecurity {
  return {
    advanced_security: { status },
    secret_scanning: { status },
    secret_scanning_push_protection: { status },
    dependabot_security_updates: { status },
  };
}
