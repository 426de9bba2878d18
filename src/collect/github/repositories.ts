// Pages through the organization's repositories with GraphQL and follows long collaborator lists.
import { ok, type Section } from '../../snapshot/section.js';
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import { describeFailure } from './failure.js';
import { fieldErrors, runQuery, type GqlError } from './graphql.js';
import { collaboratorsQuery, REPOSITORIES_QUERY } from './queries.js';
import type { GqlRepository } from './repository-entry.js';
import { splitFullName } from './options.js';

/** A repository node with the GraphQL field errors that came with it. */
export interface RepositoryNode {
  node: GqlRepository;
  errors: Map<string, string>;
}

type RepoConnection = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (GqlRepository | null)[] };
type Page = { organization: { repositories: RepoConnection } | null };
type Collaborators = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ({ permission: string; node: { login: string } } | null)[] | null };

/** How many repositories' follow-up collaborator pages go into one request. */
const COLLABORATOR_BATCH = 50;

/** Every repository of the organization (100 a page) that passes the filter. */
export async function collectRepositoryNodes(client: GithubClient, stats: CallStats, events: CollectEvents, org: string, keep: (fullName: string) => boolean): Promise<RepositoryNode[]> {
  const out: RepositoryNode[] = [];
  let cursor: string | null = null;
  let seen = 0;
  do {
    const { data, errors }: { data: Page; errors: GqlError[] } = await runQuery<Page>(client, stats, events, REPOSITORIES_QUERY, { org, cursor });
    const conn: RepoConnection | undefined = data.organization?.repositories;
    if (!conn) throw new Error(`organization ${org} not found or its repositories are not visible`);
    const byIndex = fieldErrors(errors, ['organization', 'repositories', 'nodes']);
    conn.nodes.forEach((node, i) => {
      seen += 1;
      if (!node) {
        events.warn('github', `repository #${seen} of ${org} could not be read: ${byIndex.get(String(i))?.values().next().value ?? 'no data'}`);
        return;
      }
      if (keep(node.nameWithOwner)) out.push({ node, errors: byIndex.get(String(i)) ?? new Map() });
    });
    events.progress('github', 'repositories', seen);
    cursor = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (cursor);
  return out;
}

/** Reads the rest of the collaborators of repositories whose first page was full, many repositories per request. */
export async function collectMoreCollaborators(client: GithubClient, stats: CallStats, events: CollectEvents, nodes: RepositoryNode[]): Promise<Map<string, Section<{ login: string; permission: string }[]>>> {
  const result = new Map<string, Section<{ login: string; permission: string }[]>>();
  const acc = new Map<string, { login: string; permission: string }[]>();
  let pending = nodes
    .filter((n) => n.node.collaborators?.pageInfo.hasNextPage)
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
        for (const e of c.edges ?? []) if (e) list.push({ login: e.node.login, permission: e.permission });
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
