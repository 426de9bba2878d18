// Team access levels and members: a batched GraphQL query for 25 teams at a time, then one query per team only where needed.
import type { CollectEvents } from '../events.js';
import type { Section, Unavailable } from '../../snapshot/section.js';
import type { BuildkiteClient, GraphqlFieldError } from './client.js';
import { isObject } from '../shape.js';
import { BuildkiteApiError, BuildkiteGraphqlError } from './errors.js';
import { allNodesOf, nodesOf, required, type ConnectionPage } from './graphql-pages.js';
import { TEAM_ACCESS_ONE, TEAM_ACCESS_PAGE } from './queries.js';
import { NEEDS, type SectionReader } from './sections.js';
import type { BuildkiteTeamEntry, GraphqlTeamMember, GraphqlTeamPipeline, RestTeam } from '../../snapshot/buildkite.js';

type TeamNode = {
  uuid: string;
  slug: string;
  pipelines?: ConnectionPage<GraphqlTeamPipeline> | null;
  members?: ConnectionPage<GraphqlTeamMember> | null;
};

/** What is known of one connection of one team so far. */
interface Progress<N> {
  items: N[];
  /** Cursor to continue from; null when complete. */
  next: string | null;
}

type BatchData = { organization: { teams?: ConnectionPage<TeamNode> | null } | null };

interface Known {
  pipelines?: Progress<GraphqlTeamPipeline>;
  members?: Progress<GraphqlTeamMember>;
}

/** What identifies a team's pipeline entry (the pipeline it grants) and a member entry (the user). */
const COMPLETE: Record<'pipelines' | 'members', (node: Record<string, unknown>) => boolean> = {
  pipelines: (n) => typeof n.accessLevel === 'string' && isObject(n.pipeline) && (typeof n.pipeline.uuid === 'string' || typeof n.pipeline.slug === 'string'),
  members: (n) => isObject(n.user) && typeof n.user.uuid === 'string',
};

/** A page read so far, or undefined (ask again for the whole list) when it has a hole or an entry that cannot be placed. */
function partialOf<N>(page: ConnectionPage<N> | null | undefined, which: 'pipelines' | 'members'): Progress<N> | undefined {
  if (!page) return undefined;
  let items: N[];
  try {
    items = allNodesOf(page, which, COMPLETE[which] as (n: N) => boolean);
  } catch {
    return undefined;
  }
  const more = page.pageInfo?.hasNextPage === true && typeof page.pageInfo.endCursor === 'string';
  if (page.pageInfo?.hasNextPage === true && !more) return undefined;
  return { items, next: more ? (page.pageInfo?.endCursor ?? null) : null };
}

/**
 * Joins the REST team list with each team's pipeline access levels and members from GraphQL.
 * A failed batch does not lose its teams: each team missing from the batch is asked for on its own,
 * so a failure stays confined to the team (and the list) that failed.
 */
export async function readTeamAccess(
  client: BuildkiteClient,
  org: string,
  teams: RestTeam[],
  reader: SectionReader,
  events: CollectEvents,
  filter: (slug: string) => boolean,
  graphqlDenied: Unavailable | undefined,
): Promise<BuildkiteTeamEntry[]> {
  const known = new Map<string, Known>();
  let closed = graphqlDenied;
  if (!closed && teams.length > 0) closed = await readBatches(client, org, known, events, reader);
  let done = 0;
  return Promise.all(
    teams.map(async (team): Promise<BuildkiteTeamEntry> => {
      const name = `buildkite.teams[${team.slug}]`;
      const k = known.get(team.id);
      const [pipelines, members] = closed
        ? [reader.copy(`${name}.pipelines`, closed), reader.copy(`${name}.members`, closed)]
        : await Promise.all([
            reader.read(`${name}.pipelines`, NEEDS.graphql, async () =>
              (await finish(client, org, team.slug, 'pipelines', k?.pipelines)).filter((tp) => !tp.pipeline || filter(tp.pipeline.slug)),
            ),
            reader.read(`${name}.members`, NEEDS.graphql, () => finish(client, org, team.slug, 'members', k?.members)),
          ]);
      events.progress('buildkite', 'teams', ++done, teams.length);
      return { team, pipelines: pipelines as Section<GraphqlTeamPipeline[]>, members: members as Section<GraphqlTeamMember[]> };
    }),
  );
}

/** Pages through the batched query; returns the unavailable section when GraphQL is closed to the token, else undefined. */
async function readBatches(client: BuildkiteClient, org: string, known: Map<string, Known>, events: CollectEvents, reader: SectionReader): Promise<Unavailable | undefined> {
  let cursor: string | null = null;
  try {
    for (;;) {
      const { data, errors }: { data: BatchData; errors: GraphqlFieldError[] } = await client.graphql<BatchData>('TeamAccessPage', TEAM_ACCESS_PAGE, { slug: org, cursor });
      const page: ConnectionPage<TeamNode> = required('TeamAccessPage', required('TeamAccessPage', data.organization, errors, 'organization').teams, errors, 'teams');
      const doubtful = doubtfulTeams(errors);
      nodesOf(page).forEach((node, i) => {
        if (doubtful === 'all' || doubtful.has(i) || typeof node.uuid !== 'string') return;
        known.set(node.uuid, { pipelines: partialOf(node.pipelines, 'pipelines'), members: partialOf(node.members, 'members') });
      });
      events.progress('buildkite', 'team access', known.size);
      if (!page.pageInfo?.hasNextPage || !page.pageInfo.endCursor) return undefined;
      cursor = page.pageInfo.endCursor;
    }
  } catch (err) {
    if (!(err instanceof BuildkiteApiError)) throw err;
    if (err.status === 401 || err.status === 403) return reader.describe(`buildkite.teams`, NEEDS.graphql, err);
    events.warn('buildkite', `${err.message}; asking for the remaining teams one at a time`);
    return undefined;
  }
}

/** Teams (by edge index) that a field error touches, or `all` when an error cannot be placed on one team: they are asked for again. */
function doubtfulTeams(errors: GraphqlFieldError[]): Set<number> | 'all' {
  const out = new Set<number>();
  for (const e of errors) {
    const at = e.path.indexOf('edges');
    const index = at >= 0 ? e.path[at + 1] : undefined;
    if (e.path[1] !== 'teams' || typeof index !== 'number') return 'all';
    out.add(index);
  }
  return out;
}

/** Completes one connection of one team from where the batch left it (or from the start). */
async function finish<K extends 'pipelines' | 'members'>(
  client: BuildkiteClient,
  org: string,
  teamSlug: string,
  which: K,
  from: Progress<K extends 'pipelines' ? GraphqlTeamPipeline : GraphqlTeamMember> | undefined,
): Promise<Array<K extends 'pipelines' ? GraphqlTeamPipeline : GraphqlTeamMember>> {
  type N = K extends 'pipelines' ? GraphqlTeamPipeline : GraphqlTeamMember;
  const items: N[] = from ? [...from.items] : [];
  let cursor: string | null = from ? from.next : null;
  let first = from === undefined;
  while (first || cursor !== null) {
    first = false;
    type Data = { team: ({ [key in K]?: ConnectionPage<N> | null }) | null };
    const { data, errors } = await client.graphql<Data>('TeamAccessOne', TEAM_ACCESS_ONE, {
      team: `${org}/${teamSlug}`,
      pipelinesCursor: which === 'pipelines' ? cursor : null,
      membersCursor: which === 'members' ? cursor : null,
      withPipelines: which === 'pipelines',
      withMembers: which === 'members',
    });
    const page = required('TeamAccessOne', required('TeamAccessOne', data.team, errors, 'team')[which], errors, which) as ConnectionPage<N>;
    if (errors.length > 0) throw new BuildkiteGraphqlError('TeamAccessOne', errors.map((e) => e.message));
    items.push(...allNodesOf(page, `${which} of team ${teamSlug}`, COMPLETE[which] as (n: N) => boolean));
    const more = page.pageInfo?.hasNextPage === true;
    if (more && typeof page.pageInfo?.endCursor !== 'string') throw new BuildkiteGraphqlError('TeamAccessOne', [`${which} of team ${teamSlug}: a next page without a cursor`]);
    cursor = more ? (page.pageInfo?.endCursor ?? null) : null;
  }
  return items;
}
