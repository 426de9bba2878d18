// The `github` section of a snapshot: what the GitHub collector writes and policies read.
import type { Section, Unavailable } from './section.js';

/** How kiteguard authenticated, never the credential itself. */
export interface TokenInfo {
  kind: 'classic' | 'fine-grained' | 'oauth' | 'user-to-server' | 'app-installation' | 'unknown';
  /** `X-OAuth-Scopes` of a classic or OAuth token; null for tokens without scopes (fine-grained, apps). */
  scopes: string[] | null;
  /** `github-authentication-token-expiration`, when GitHub sent it. */
  expires_at: string | null;
  app_id?: number;
  installation_id?: number;
}

/** A GraphQL ruleset rule (`RepositoryRule`): `type` is upper-case (`PULL_REQUEST`), parameters by `__typename`. */
export interface RulesetRule {
  type: string;
  parameters: ({ __typename: string } & Record<string, unknown>) | null;
}

/** A ruleset bypass actor (`RepositoryRulesetBypassActor`). */
export interface BypassActor {
  bypassMode: 'ALWAYS' | 'PULL_REQUEST' | null;
  organizationAdmin: boolean;
  deployKey: boolean;
  repositoryRoleName: string | null;
  actor: { __typename: 'Team' | 'App'; slug: string; databaseId: number | null } | null;
}

/** A repository or organization ruleset, as GraphQL names its fields; bypass actors need admin to read. */
export interface Ruleset {
  databaseId: number | null;
  name: string;
  enforcement: 'ACTIVE' | 'EVALUATE' | 'DISABLED';
  target: 'BRANCH' | 'TAG' | 'PUSH' | null;
  source: { __typename: 'Repository'; nameWithOwner: string } | { __typename: 'Organization'; login: string } | { __typename: string };
  conditions: Record<string, unknown>;
  rules: RulesetRule[];
  bypassActors: Section<BypassActor[]>;
}

/** A classic branch protection rule (`BranchProtectionRule`), GraphQL field names. */
export type BranchProtectionRule = { pattern: string; isAdminEnforced: boolean; requiresCommitSignatures: boolean; allowsForcePushes: boolean; allowsDeletions: boolean } & Record<string, unknown>;

/** What applies to the default branch: the classic rule readable by non-admins, and active ruleset rules. */
export interface DefaultBranchRules {
  branch: string | null;
  /** `Ref.refUpdateRule`: null when no classic rule covers the branch. */
  refUpdateRule: Record<string, unknown> | null;
  /** `Ref.rules`: rules of active rulesets on this branch, each with its ruleset's name and source. */
  rules: (RulesetRule & { ruleset: { databaseId: number | null; name: string; source: string } | null })[];
}

/** The repository's own settings; a field that could not be read is an `unavailable` envelope in its place (never `nameWithOwner`). */
export interface RepositoryBasics {
  nameWithOwner: string;
  databaseId: number | null | Unavailable;
  visibility: 'PUBLIC' | 'PRIVATE' | 'INTERNAL' | Unavailable;
  isArchived: boolean | Unavailable;
  isFork: boolean | Unavailable;
  isDisabled: boolean | Unavailable;
  isEmpty: boolean | Unavailable;
  /** The collector's own permission on the repository; admin-only sections depend on it. */
  viewerPermission: 'ADMIN' | 'MAINTAIN' | 'WRITE' | 'TRIAGE' | 'READ' | null | Unavailable;
  defaultBranch: string | null | Unavailable;
}

/** One Buildkite pipeline file found at HEAD: read, or known by its path only. */
export type PipelineFile = ReadFile | UnreadFile;

/** A pipeline file that was read. */
export interface ReadFile {
  path: string;
  /** UTF-8 text, or null for a binary file. */
  text: string | null;
  /** GitHub cut the text short (`Blob.isTruncated`); `byte_size` is the full size. */
  truncated: boolean;
  byte_size: number;
}

/** A pipeline file whose path is known but whose content (or, at the top level, existence) could not be read. */
export interface UnreadFile {
  path: string;
  unavailable: Unavailable;
}

/** One repository and everything read about it, each part in its own envelope. */
export interface RepositoryEntry {
  full_name: string;
  repository: Section<RepositoryBasics>;
  branch_protection_rules: Section<BranchProtectionRule[]>;
  rulesets: Section<Ruleset[]>;
  default_branch_rules: Section<DefaultBranchRules>;
  /** REST `security_and_analysis` (statuses `enabled`/`disabled`), admin only. */
  security_and_analysis: Section<Record<string, { status?: string } & Record<string, unknown>>>;
  teams: Section<{ slug: string; permission: string }[]>;
  collaborators: Section<{ login: string; permission: string }[]>;
  pipeline_files: Section<PipelineFile[]>;
}

/** A team and how many repositories it can reach. */
export interface TeamSummary {
  slug: string;
  name: string;
  databaseId: number | null;
  privacy: string;
  repositories_count: number;
}

/** The `github` section of a snapshot. */
export interface GithubSnapshot {
  /** REST base the data came from (api.github.com or a GHES `/api/v3`). */
  api_url: string;
  org: string;
  /** `organization`: the whole org; `repositories`: only the repositories asked for (CI gate). */
  mode: 'organization' | 'repositories';
  token: Section<TokenInfo>;
  /** REST `GET /orgs/{org}` as returned. */
  organization: Section<Record<string, unknown> & { login: string }>;
  /** Owner-only `two_factor_requirement_enabled`, split out so "not visible" differs from "off". */
  two_factor_requirement: Section<{ enabled: boolean }>;
  org_rulesets: Section<Ruleset[]>;
  teams: Section<TeamSummary[]>;
  /** REST `GET /orgs/{org}/installations` entries. */
  installations: Section<Record<string, unknown>[]>;
  /** REST `GET /orgs/{org}/personal-access-tokens` (fine-grained PAT grants; GitHub Apps only). */
  personal_access_tokens: Section<Record<string, unknown>[]>;
  repositories: Section<RepositoryEntry[]>;
}
