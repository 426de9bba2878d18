// Turns one GraphQL `Repository` node into a snapshot entry, telling "off" apart from "not visible".
import { ok, unavailable, type Section, type Unavailable } from '../../snapshot/section.js';
import { bypassOnlyErrors } from './graphql.js';
import { LIMITS, ROOT_PIPELINE_FILES } from './queries.js';
import { connection, cutShort, guarded, mapRulesets, present, type Conn, type GqlRuleset } from './rulesets.js';
import { isObject, ShapeError } from '../shape.js';
import type { BranchProtectionRule, DefaultBranchRules, PipelineFile, RepositoryBasics, RepositoryEntry, Ruleset, RulesetRule } from '../../snapshot/github.js';

type GqlBlob = { text?: string | null; byteSize?: number; isTruncated?: boolean; isBinary?: boolean | null } | null;
type GqlEntry = { path?: string | null; type?: string; object?: (GqlBlob & { entries?: GqlEntry[] | null }) | null };

/** The `KiteguardRepository` fragment as GraphQL returns it (fields may be null after a field error). */
export interface GqlRepository {
  nameWithOwner: string;
  databaseId: number | null;
  visibility: Exclude<RepositoryBasics['visibility'], Unavailable>;
  isArchived: boolean;
  isFork: boolean;
  isDisabled: boolean;
  isEmpty: boolean;
  viewerPermission: Exclude<RepositoryBasics['viewerPermission'], Unavailable>;
  defaultBranchRef: { name: string; refUpdateRule: Record<string, unknown> | null; rules: Conn<RulesetRule & { repositoryRuleset: { databaseId: number | null; name: string; source: { __typename: string; nameWithOwner?: string; login?: string } } | null }> } | null;
  branchProtectionRules: Conn<BranchProtectionRule>;
  rulesets: Conn<GqlRuleset>;
  collaborators: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ({ permission: string; node: { login: string } } | null)[] | null } | null;
  pipelineDir: { entries?: GqlEntry[] | null } | null;
  [rootFile: `rootFile${number}`]: GqlBlob | undefined;
}

/** Everything besides the node that one entry needs. */
export interface EntryContext {
  /** GraphQL field errors on this repository, by field name (e.g. `collaborators`). */
  fieldErrors: Map<string, string>;
  /** Where under each field those errors sit (paths relative to the field), for parts that narrow them further. */
  errorPaths?: Map<string, (string | number)[][]>;
  /** Whether the collector administers the organization (org ruleset bypass actors need it). */
  orgAdmin: boolean;
  teams: Section<{ slug: string; permission: string }[]>;
  security: Section<Record<string, { status?: string } & Record<string, unknown>>>;
  /** Collaborators beyond the first page, when they were fetched. */
  moreCollaborators?: Section<{ login: string; permission: string }[]>;
  /** A GitHub App installation (whose `viewerPermission` is always null) or a user's token. */
  credential: 'app' | 'token';
}

/**
 * Whether admin-only parts (classic protection rules, repository ruleset bypass actors) are shown to the caller.
 * A token's holder sees them as a repository admin; an App's `viewerPermission` is null by GitHub's schema, so for an
 * App what GraphQL returns decides: the parts come back, or come with a field error that makes them unavailable.
 */
export function seesAdminParts(viewerPermission: string | null | undefined, credential: 'app' | 'token'): boolean {
  return viewerPermission === 'ADMIN' || (credential === 'app' && viewerPermission === null);
}

const ADMIN_ONLY = { needs: 'admin permission on the repository' };

function sourceName(s: { __typename: string; nameWithOwner?: string; login?: string }): string {
  return s.nameWithOwner ?? s.login ?? s.__typename;
}

function rulesetSection(repo: GqlRepository, ctx: EntryContext): Section<Ruleset[]> {
  const err = ctx.fieldErrors.get('rulesets');
  // Errors only under some rulesets' bypass actors leave the rulesets readable, those bypass actors unknown.
  const bypass = err ? bypassOnlyErrors(ctx.errorPaths?.get('rulesets') ?? [[]]) : new Set<number>();
  if (!bypass || !repo.rulesets) return unavailable(`rulesets: ${err ?? 'not returned'}`);
  const visible = (rs: GqlRuleset) => (rs.source.__typename === 'Organization' ? ctx.orgAdmin : seesAdminParts(repo.viewerPermission, ctx.credential));
  return mapRulesets(repo.rulesets, LIMITS.rulesets, visible, (i) => (bypass.has(i) ? err : undefined));
}

function defaultBranchSection(repo: GqlRepository, ctx: EntryContext): Section<DefaultBranchRules> {
  const err = ctx.fieldErrors.get('defaultBranchRef');
  if (err) return unavailable(`default branch rules: ${err}`);
  const ref = repo.defaultBranchRef;
  if (!ref) {
    if (repo.isEmpty !== true) return unavailable('default branch rules: the default branch was not returned for a repository that is not empty');
    return ok({ branch: null, refUpdateRule: null, rules: [] });
  }
  if (typeof ref.name !== 'string') throw new ShapeError('the default branch has no name');
  if (ref.refUpdateRule !== null && !isObject(ref.refUpdateRule)) throw new ShapeError('refUpdateRule was not returned');
  const { nodes: rules, total } = connection(ref.rules, 'rules on the default branch');
  if (total > rules.length) return cutShort('rules on the default branch', total, LIMITS.branchRules);
  return ok({
    branch: ref.name,
    refUpdateRule: ref.refUpdateRule,
    rules: rules.map(({ repositoryRuleset, ...rule }) => ({
      ...rule,
      ruleset: repositoryRuleset ? { databaseId: repositoryRuleset.databaseId, name: repositoryRuleset.name, source: sourceName(repositoryRuleset.source) } : null,
    })),
  });
}

function protectionSection(repo: GqlRepository, ctx: EntryContext): Section<BranchProtectionRule[]> {
  const err = ctx.fieldErrors.get('branchProtectionRules');
  if (err) return unavailable(`branch protection rules: ${err}`);
  if (!seesAdminParts(repo.viewerPermission, ctx.credential)) {
    return unavailable('classic branch protection rules are shown to repository admins only (default_branch_rules.refUpdateRule has what non-admins can see)', ADMIN_ONLY);
  }
  const { nodes, total } = connection(repo.branchProtectionRules, 'branch protection rules');
  if (total > nodes.length) return cutShort('branch protection rules', total, LIMITS.protectionRules);
  if (nodes.some((r) => typeof r.pattern !== 'string')) throw new ShapeError('a branch protection rule without its pattern');
  return ok(nodes);
}

function collaboratorSection(repo: GqlRepository, ctx: EntryContext): Section<{ login: string; permission: string }[]> {
  const err = ctx.fieldErrors.get('collaborators');
  if (err || !repo.collaborators) return unavailable(`collaborators: ${err ?? 'not returned'}`, { needs: 'push (write) access to the repository' });
  const first = present(repo.collaborators.edges, 'collaborators').map((e) => {
    if (!isObject(e.node) || typeof e.node.login !== 'string' || typeof e.permission !== 'string') throw new ShapeError('a collaborator without login or permission');
    return { login: e.node.login, permission: e.permission };
  });
  if (!repo.collaborators.pageInfo.hasNextPage) return ok(first);
  const more = ctx.moreCollaborators;
  if (!more) return cutShort('collaborators', repo.collaborators.totalCount, LIMITS.collaborators);
  return more.status === 'ok' ? ok([...first, ...more.data]) : more;
}

function blobFile(path: string, blob: GqlBlob): PipelineFile {
  if (!isObject(blob) || typeof blob.byteSize !== 'number' || typeof blob.isTruncated !== 'boolean') throw new ShapeError(`the file ${path} came back without its size or truncation flag`);
  if (blob.isBinary !== true && typeof blob.text !== 'string') throw new ShapeError(`the text of ${path} was not returned`);
  return { path, text: blob.isBinary === true ? null : (blob.text ?? null), truncated: blob.isTruncated, byte_size: blob.byteSize };
}

const PIPELINE_EXT = /\.(ya?ml|json)$/i;

/** The file, or the file known by its path only when its blob did not come back as GitHub documents it. */
function fileOrWhy(path: string, blob: GqlBlob): PipelineFile {
  try {
    return blobFile(path, blob);
  } catch (e) {
    if (e instanceof ShapeError) return { path, unavailable: unavailable(e.message) };
    throw e;
  }
}

/** Fields of a `Blob`: an error under one of them (or at the blob) leaves only that file unread. */
const BLOB_FIELDS = new Set(['text', 'byteSize', 'isTruncated', 'isBinary']);

/**
 * Where under `pipelineDir` field errors sit, as the positions of the entries whose blob they hit (`3`, or `3/1` in a
 * subfolder); undefined when one sits anywhere else (an entry itself, a list), which leaves the file list unknown.
 */
function unreadEntries(paths: (string | number)[][]): Set<string> | undefined {
  const out = new Set<string>();
  for (const p of paths) {
    const at = (rest: (string | number)[], key: string): string | undefined => {
      if (rest[0] !== 'entries' || typeof rest[1] !== 'number' || rest[2] !== 'object') return undefined;
      const here = key === '' ? String(rest[1]) : `${key}/${rest[1]}`;
      const below = rest.slice(3);
      return below.length === 0 || BLOB_FIELDS.has(String(below[0])) ? here : at(below, here);
    };
    const key = at(p, '');
    if (key === undefined) return undefined;
    out.add(key);
  }
  return out;
}

/**
 * The pipeline files: `.buildkite/` (two levels) and the top-level files. A field error under one file's blob makes
 * only that file unread (`{ path, unavailable }`; for a top-level file, its existence too); one elsewhere makes the
 * list unavailable, as a file could be missing from it.
 */
function pipelineSection(repo: GqlRepository, ctx: EntryContext): Section<PipelineFile[]> {
  const dirError = ctx.fieldErrors.get('pipelineDir');
  const unread = dirError ? unreadEntries(ctx.errorPaths?.get('pipelineDir') ?? [[]]) : new Set<string>();
  if (!unread) return unavailable(`pipeline files: ${dirError}`);
  const files: PipelineFile[] = [];
  const walk = (entries: GqlEntry[] | null | undefined, key: string) => {
    present(entries ?? [], 'pipeline directory entries').forEach((e, i) => {
      const here = key === '' ? String(i) : `${key}/${i}`;
      if (typeof e.path !== 'string' || typeof e.type !== 'string') throw new ShapeError('a pipeline directory entry without its path or type');
      if (unread.has(here) && e.type !== 'blob') throw new ShapeError(`the folder ${e.path} could not be read (${dirError})`);
      if (e.type === 'blob' && PIPELINE_EXT.test(e.path)) files.push(unread.has(here) ? { path: e.path, unavailable: unavailable(`${e.path}: ${dirError}`) } : fileOrWhy(e.path, e.object ?? null));
      if (e.type === 'tree') walk(e.object?.entries, here);
    });
  };
  walk(repo.pipelineDir?.entries, '');
  ROOT_PIPELINE_FILES.forEach((path, i) => {
    const err = ctx.fieldErrors.get(`rootFile${i}`);
    const blob = repo[`rootFile${i}`];
    if (err) files.push({ path, unavailable: unavailable(`${path}: ${err}`) });
    else if (blob !== null && blob !== undefined && (!isObject(blob) || Object.keys(blob).length > 0)) files.push(fileOrWhy(path, blob));
  });
  return ok(files.sort((a, b) => a.path.localeCompare(b.path)));
}

/** What GitHub documents for each field of the repository settings. */
const BASIC_FIELDS = {
  databaseId: (v: unknown) => v === null || Number.isInteger(v),
  visibility: (v: unknown) => v === 'PUBLIC' || v === 'PRIVATE' || v === 'INTERNAL',
  isArchived: (v: unknown) => typeof v === 'boolean',
  isFork: (v: unknown) => typeof v === 'boolean',
  isDisabled: (v: unknown) => typeof v === 'boolean',
  isEmpty: (v: unknown) => typeof v === 'boolean',
  viewerPermission: (v: unknown) => v === null || v === undefined || ['ADMIN', 'MAINTAIN', 'WRITE', 'TRIAGE', 'READ'].includes(v as string),
} as const;

function described(value: unknown): string {
  return value === undefined ? 'not returned' : value === null ? 'null' : `${JSON.stringify(value)}, not as GitHub documents it`;
}

/** The default branch's name: null for an empty repository, unavailable when GitHub did not say. */
function defaultBranchName(repo: GqlRepository, ctx: EntryContext): string | null | Unavailable {
  // Errors further down (under the branch's rules) leave its name readable.
  const err = ctx.fieldErrors.get('defaultBranchRef');
  const paths = ctx.errorPaths?.get('defaultBranchRef') ?? [[]];
  if (err && paths.some((p) => p.length === 0 || p[0] === 'name')) return unavailable(`defaultBranch: ${err}`);
  const ref = repo.defaultBranchRef;
  if (isObject(ref) && typeof ref.name === 'string') return ref.name;
  if (ref === null && repo.isEmpty === true) return null;
  return unavailable(`defaultBranch: the default branch was ${ref === null ? 'not returned for a repository that is not known to be empty' : 'returned without its name'}`);
}

/**
 * The repository's own settings, field by field: a field behind a GraphQL field error, or not as GitHub documents it,
 * is an `unavailable` envelope in its place, and the others are kept.
 */
function basicsSection(repo: GqlRepository, ctx: EntryContext): Section<RepositoryBasics> {
  const field = <K extends keyof typeof BASIC_FIELDS>(name: K): RepositoryBasics[K] => {
    const err = ctx.fieldErrors.get(name);
    if (err) return unavailable(`${name}: ${err}`);
    const value: unknown = repo[name];
    return (BASIC_FIELDS[name](value) ? (value ?? null) : unavailable(`\`${name}\` was ${described(value)}`)) as RepositoryBasics[K];
  };
  return ok({
    nameWithOwner: repo.nameWithOwner,
    databaseId: field('databaseId'),
    visibility: field('visibility'),
    isArchived: field('isArchived'),
    isFork: field('isFork'),
    isDisabled: field('isDisabled'),
    isEmpty: field('isEmpty'),
    viewerPermission: field('viewerPermission'),
    defaultBranch: defaultBranchName(repo, ctx),
  });
}

/** Builds the snapshot entry of one repository. */
export function repositoryEntry(repo: GqlRepository, ctx: EntryContext): RepositoryEntry {
  return {
    full_name: repo.nameWithOwner,
    repository: basicsSection(repo, ctx),
    branch_protection_rules: guarded('branch protection rules', () => protectionSection(repo, ctx)),
    rulesets: guarded('rulesets', () => rulesetSection(repo, ctx)),
    default_branch_rules: guarded('default branch rules', () => defaultBranchSection(repo, ctx)),
    security_and_analysis: ctx.security,
    teams: ctx.teams,
    collaborators: guarded('collaborators', () => collaboratorSection(repo, ctx)),
    pipeline_files: guarded('pipeline files', () => pipelineSection(repo, ctx)),
  };
}

/** The entry of a repository GraphQL could not return at all: every part unavailable for the same reason. */
export function missingEntry(fullName: string, why: Section<never>): RepositoryEntry {
  return { full_name: fullName, repository: why, branch_protection_rules: why, rulesets: why, default_branch_rules: why, security_and_analysis: why, teams: why, collaborators: why, pipeline_files: why };
}
