// Team access levels and members: a batched GraphQL query for 25 teams at a time, then one query per team only where needed.
import type { CollectEvents } from '../events.js';
import type { Section, Unavailable } from '../../snapshot/section.js';
import type { BuildkiteClient, GraphqlFieldError } from './client.js';
import { BuildkiteApiError } from './errors.js';
import { nodesOf, required, type ConnectionPage } from './graphql-pages.js';
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

function partialOf<N>(page: ConnectionPage<N> | null | undefined): Progress<N> | undefined {
  if (!page) return undefined;
  const more = page.pageInfo?.hasNextPage === true && typeof page.pageInfo.endCursor === 'string';
  return { items: nodesOf(page), next: more ? (page.pageInfo?.endCursor ?? null) : null };
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
      for (const node of nodesOf(page)) known.set(node.uuid, { pipelines: partialOf(node.pipelines), members: partialOf(node.members) });
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
    const page = required('TeamAccessOne', required('TeamAccessOne', data.team, errors, 'team')[which], errors, which);
    const part = partialOf(page);
    items.push(...(part?.items ?? []));
    cursor = part?.next ?? null;
  }
  return items;
}
