// Teams, their repository permissions and the org rulesets, read with GraphQL and turned into per-repository lists.
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import { runQuery, type GqlError } from './graphql.js';
import { isObject, ShapeError } from '../shape.js';
import { LIMITS, TEAMS_QUERY, teamRepositoriesQuery } from './queries.js';
import { guarded, mapRulesets, type Conn, type GqlRuleset } from './rulesets.js';
import type { Ruleset, TeamSummary } from '../../snapshot/github.js';

type RepoEdges = { pageInfo?: { hasNextPage: boolean; endCursor: string | null }; edges: ({ permission: string; node: { nameWithOwner: string } } | null)[] | null };
type TeamNode = { slug: string; name: string; databaseId: number | null; privacy: string; repositories: RepoEdges & { totalCount: number } };
type TeamsPage = {
  organization: { viewerCanAdminister: boolean; rulesets?: Conn<GqlRuleset>; teams: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (TeamNode | null)[] } } | null;
};

/** Teams and what they give access to. */
export interface TeamsResult {
  teams: Section<TeamSummary[]>;
  orgRulesets: Section<Ruleset[]>;
  orgAdmin: boolean;
  /** Team permissions per repository `owner/name`. */
  byRepo: Map<string, { slug: string; permission: string }[]>;
}

/** How many teams' follow-up pages go into one request. */
const TEAM_BATCH = 50;

function addEdges(byRepo: TeamsResult['byRepo'], slug: string, conn: RepoEdges): void {
  if (!Array.isArray(conn?.edges)) throw new ShapeError(`the repositories of team ${slug} were not returned`);
  for (const e of conn.edges) {
    if (!isObject(e) || !isObject(e.node) || typeof e.node.nameWithOwner !== 'string' || typeof e.permission !== 'string') throw new ShapeError(`a repository of team ${slug} came back null or without its name; the team's list is incomplete`);
    const list = byRepo.get(e.node.nameWithOwner) ?? [];
    list.push({ slug, permission: e.permission });
    byRepo.set(e.node.nameWithOwner, list);
  }
}

/** Reads every team (100 a page) and follows teams with more than 100 repositories, many teams per request. */
export async function collectTeams(client: GithubClient, stats: CallStats, events: CollectEvents, org: string): Promise<TeamsResult> {
  const byRepo: TeamsResult['byRepo'] = new Map();
  const teams: TeamSummary[] = [];
  const pending: { slug: string; cursor: string | null }[] = [];
  let orgRulesets: Section<Ruleset[]> = ok([]);
  let orgAdmin = false;
  let cursor: string | null = null;
  let first = true;
  do {
    const { data, errors }: { data: TeamsPage; errors: GqlError[] } = await runQuery<TeamsPage>(client, stats, events, TEAMS_QUERY, { org, cursor, withRulesets: first });
    const o: TeamsPage['organization'] = data.organization;
    if (!o) throw new Error(`organization ${org} not found`);
    if (first) {
      orgAdmin = o.viewerCanAdminister === true;
      const rulesetError = errors.find((e) => e.path?.[1] === 'rulesets');
      orgRulesets = rulesetError ? unavailable(`organization rulesets: ${rulesetError.message}`) : guarded('organization rulesets', () => mapRulesets(o.rulesets, LIMITS.orgRulesets, () => orgAdmin));
    }
    if (!isObject(o.teams) || !Array.isArray(o.teams.nodes)) throw new ShapeError('the teams list was not returned');
    for (const t of o.teams.nodes) {
      if (!isObject(t) || typeof t.slug !== 'string' || !isObject(t.repositories)) throw new ShapeError('a team came back null or without its slug; the team list is incomplete');
      teams.push({ slug: t.slug, name: t.name, databaseId: t.databaseId, privacy: t.privacy, repositories_count: t.repositories.totalCount });
      addEdges(byRepo, t.slug, t.repositories);
      if (t.repositories.pageInfo?.hasNextPage) pending.push({ slug: t.slug, cursor: t.repositories.pageInfo.endCursor });
    }
    events.progress('github', 'teams', teams.length);
    cursor = o.teams.pageInfo.hasNextPage ? o.teams.pageInfo.endCursor : null;
    first = false;
  } while (cursor);

  while (pending.length > 0) {
    const batch = pending.splice(0, TEAM_BATCH);
    const vars: Record<string, unknown> = { org };
    batch.forEach((b, i) => {
      vars[`s${i}`] = b.slug;
      vars[`c${i}`] = b.cursor;
    });
    const { data } = await runQuery<{ organization: Record<string, { slug: string; repositories: RepoEdges } | null> | null }>(client, stats, events, teamRepositoriesQuery(batch.length), vars);
    batch.forEach((b, i) => {
      const t = data.organization?.[`t${i}`];
      if (!t) throw new Error(`team ${b.slug} disappeared while reading its repositories`);
      addEdges(byRepo, t.slug, t.repositories);
      if (t.repositories.pageInfo?.hasNextPage) pending.push({ slug: t.slug, cursor: t.repositories.pageInfo.endCursor });
    });
  }
  return { teams: ok(teams), orgRulesets, orgAdmin, byRepo };
}
