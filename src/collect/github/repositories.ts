// Pages through the organization's repositories with GraphQL and follows long collaborator lists.
import { ok, type Section } from '../../snapshot/section.js';
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import { describeFailure } from './failure.js';
import { fieldErrorPaths, fieldErrors, runQuery, type GqlError } from './graphql.js';
import { collaboratorsQuery, REPOSITORIES_QUERY, REPOSITORY_NAMES_QUERY } from './queries.js';
import { isObject, ShapeError } from '../shape.js';
import type { GqlRepository } from './repository-entry.js';
import { splitFullName } from './options.js';

/** A repository node with the GraphQL field errors that came with it. */
export interface RepositoryNode {
  node: GqlRepository;
  errors: Map<string, string>;
  /** Where under each field those errors sit, relative to the field. */
  errorPaths: Map<string, (string | number)[][]>;
}

type RepoConnection = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (GqlRepository | null)[] | null };
type Page = { organization: { viewerCanAdminister?: boolean | null; repositories: RepoConnection } | null };
type Collaborators = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ({ permission: string; node: { login: string } } | null)[] | null };

/** How many repositories' follow-up collaborator pages go into one request. */
const COLLABORATOR_BATCH = 50;

/** A repository the organization has but whose node could not be read, and why. */
export interface MissingRepository {
  fullName: string;
  reason: string;
}

/** Repositories read, and those whose page came back with holes (named by a second, names-only query). */
export interface RepositoryNodes {
  nodes: RepositoryNode[];
  missing: MissingRepository[];
  /** Whether the caller administers the organization, when GitHub said so. */
  orgAdmin?: boolean;
}

function readable(node: unknown): node is GqlRepository {
  return isObject(node) && typeof node.nameWithOwner === 'string' && node.nameWithOwner.includes('/');
}

/** Names the repositories of a page whose nodes could not all be read; those not read become `missing`. */
async function namesOfPage(client: GithubClient, stats: CallStats, events: CollectEvents, org: string, cursor: string | null, why: string): Promise<string[]> {
  // Each attempt may name different entries; a page is named once every position was named by some attempt.
  let named: (string | undefined)[] | undefined;
  for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
    const { data } = await runQuery<{ organization: { repositories: { nodes: ({ nameWithOwner: string } | null)[] | null } | null } | null }>(client, stats, events, REPOSITORY_NAMES_QUERY, { org, cursor });
    const names = data.organization?.repositories?.nodes;
    if (!Array.isArray(names) || (named && names.length !== named.length)) continue;
    named ??= names.map(() => undefined);
    names.forEach((n, i) => {
      if (isObject(n) && typeof n.nameWithOwner === 'string') named![i] ??= n.nameWithOwner;
    });
    if (named.every((n) => n !== undefined)) return named as string[];
  }
  throw new ShapeError(`a page of the repositories of ${org} could not be read, not even by name: ${why}`);
}

/** Names-only queries for one page before the repository list is given up as unreadable. */
const NAME_ATTEMPTS = 3;

/** Full queries of one page with holes (the first included) before its unread positions are named and given up. */
const PAGE_ATTEMPTS = 3;

type PageRead = { conn: RepoConnection; errors: GqlError[]; orgAdmin?: boolean };

/** One page of repositories; throws when the organization or its repository connection is not there at all. */
async function readPage(client: GithubClient, stats: CallStats, events: CollectEvents, org: string, cursor: string | null): Promise<PageRead> {
  const { data, errors }: { data: Page; errors: GqlError[] } = await runQuery<Page>(client, stats, events, REPOSITORIES_QUERY, { org, cursor });
  const conn: RepoConnection | undefined = data.organization?.repositories ?? undefined;
  if (!isObject(conn) || !isObject(conn.pageInfo) || typeof conn.pageInfo.hasNextPage !== 'boolean') {
    throw new Error(`organization ${org} not found or its repositories are not visible${errors.length ? `: ${errors.map((e) => e.message).join('; ')}` : ''}`);
  }
  const admin = data.organization?.viewerCanAdminister;
  return { conn, errors, ...(typeof admin === 'boolean' ? { orgAdmin: admin } : {}) };
}

/**
 * The readable nodes of one page by position, with their field errors. A page with holes (`nodes: null`, null or
 * nameless nodes, as GitHub returns after a field error) is asked for again, and positions are filled from later
 * attempts when their length agrees, so one field error does not cost a whole page of repositories.
 */
async function readWholePage(client: GithubClient, stats: CallStats, events: CollectEvents, org: string, cursor: string | null): Promise<{ first: PageRead; slots: (RepositoryNode | undefined)[]; why: string }> {
  const first = await readPage(client, stats, events, org, cursor);
  const fill = (read: PageRead, slots: (RepositoryNode | undefined)[]) => {
    const byIndex = fieldErrors(read.errors, ['organization', 'repositories', 'nodes']);
    const paths = fieldErrorPaths(read.errors, ['organization', 'repositories', 'nodes']);
    (read.conn.nodes ?? []).forEach((node, i) => {
      if (slots[i] === undefined && readable(node)) slots[i] = { node, errors: byIndex.get(String(i)) ?? new Map(), errorPaths: paths.get(String(i)) ?? new Map() };
    });
  };
  let slots: (RepositoryNode | undefined)[] = (first.conn.nodes ?? []).map(() => undefined);
  fill(first, slots);
  const why = first.errors.filter((e) => e.path?.length === 4 || e.path?.length === 3).map((e) => e.message).join('; ') || 'GitHub returned repositories as null';
  for (let attempt = 2; attempt <= PAGE_ATTEMPTS && (!Array.isArray(first.conn.nodes) || slots.some((s) => s === undefined)); attempt++) {
    events.warn('github', `a page of the repositories of ${org} came back with holes (${why}); asking for it again`);
    const again = await readPage(client, stats, events, org, cursor);
    if (!Array.isArray(again.conn.nodes)) continue;
    if (!Array.isArray(first.conn.nodes)) {
      first.conn = { ...first.conn, nodes: again.conn.nodes };
      slots = again.conn.nodes.map(() => undefined);
    }
    if (again.conn.nodes.length === slots.length) fill(again, slots);
  }
  return { first, slots, why };
}

/** Every repository of the organization (100 a page) that passes the filter; a page with holes is read again, then named. */
export async function collectRepositoryNodes(client: GithubClient, stats: CallStats, events: CollectEvents, org: string, keep: (fullName: string) => boolean): Promise<RepositoryNodes> {
  const out: RepositoryNode[] = [];
  const missing: MissingRepository[] = [];
  let orgAdmin: boolean | undefined;
  let cursor: string | null = null;
  let seen = 0;
  do {
    const { first, slots, why } = await readWholePage(client, stats, events, org, cursor);
    const { conn, errors } = first;
    if (first.orgAdmin !== undefined) orgAdmin ??= first.orgAdmin;
    const read = new Set<string>();
    for (const slot of slots) {
      if (!slot) continue;
      read.add(slot.node.nameWithOwner);
      if (keep(slot.node.nameWithOwner)) out.push(slot);
    }
    seen += slots.length;
    if (!Array.isArray(conn.nodes) || read.size < slots.length) {
      events.warn('github', `a page of the repositories of ${org} still has holes (${why}); reading its names`);
      const names = await namesOfPage(client, stats, events, org, cursor, why);
      seen += names.length - slots.length;
      names.forEach((fullName, i) => {
        if (read.has(fullName) || !keep(fullName)) return;
        const at = errors.find((e) => e.path?.length === 4 && e.path[3] === i)?.message;
        missing.push({ fullName, reason: at ?? (Array.isArray(conn.nodes) ? 'GitHub returned it without its name' : `GitHub returned no repositories on its page (${why})`) });
      });
    }
    events.progress('github', 'repositories', seen);
    cursor = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (cursor);
  return { nodes: out, missing, ...(orgAdmin !== undefined ? { orgAdmin } : {}) };
}

/** Reads the rest of the collaborators of repositories whose first page was full, many repositories per request. */
export async function collectMoreCollaborators(client: GithubClient, stats: CallStats, events: CollectEvents, nodes: RepositoryNode[]): Promise<Map<string, Section<{ login: string; permission: string }[]>>> {
  const result = new Map<string, Section<{ login: string; permission: string }[]>>();
  const acc = new Map<string, { login: string; permission: string }[]>();
  let pending = nodes
    .filter((n) => n.node.collaborators?.pageInfo?.hasNextPage === true && typeof n.node.collaborators.pageInfo.endCursor === 'string')
    .map((n) => ({ fullName: n.node.nameWithOwner, cursor: n.node.collaborators!.pageInfo.endCursor }));
  while (pending.length > 0) {
    const batch = pending.slice(0, COLLABORATOR_BATCH);
    pending = pending.slice(COLLABORATOR_BATCH);
    const vars: Record<string, unknown> = {};
    batch.forEach((b, i) => {
      const { owner, name } = splitFullName(b.fullName);
      Object.assign(vars, { [`o${i}`]: owner, [`n${i}`]: name, [`c${i}`]: b.cursor });
    });
    try {
      const { data } = await runQuery<Record<string, { collaborators: Collaborators | null } | null>>(client, stats, events, collaboratorsQuery(batch.length), vars);
      batch.forEach((b, i) => {
        const c = data[`r${i}`]?.collaborators;
        if (!c) {
          result.set(b.fullName, describeFailure(new Error('not returned'), 'collaborators', 'push (write) access to the repository', client.redact));
          return;
        }
        const list = acc.get(b.fullName) ?? [];
        if (!Array.isArray(c.edges) || c.edges.some((e) => !isObject(e) || !isObject(e.node) || typeof e.node.login !== 'string')) {
          result.set(b.fullName, describeFailure(new Error('the next page of collaborators came back with holes'), 'collaborators', undefined, client.redact));
          return;
        }
        for (const e of c.edges) if (e) list.push({ login: e.node.login, permission: e.permission });
        acc.set(b.fullName, list);
        if (c.pageInfo.hasNextPage) pending.push({ fullName: b.fullName, cursor: c.pageInfo.endCursor });
      });
    } catch (e) {
      for (const b of batch) result.set(b.fullName, describeFailure(e, 'collaborators', undefined, client.redact));
    }
  }
  for (const [name, list] of acc) if (!result.has(name)) result.set(name, ok(list));
  return result;
}
