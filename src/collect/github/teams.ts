// Teams, their repository permissions and the org rulesets, read with GraphQL and turned into per-repository lists.
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import type { GithubClient } from './client.js';
import { bypassOnlyErrors, runQuery, type GqlError } from './graphql.js';
import { isObject, ShapeError } from '../shape.js';
import { LIMITS, TEAMS_QUERY, teamRepositoriesQuery } from './queries.js';
import { guarded, mapRulesets, type Conn, type GqlRuleset } from './rulesets.js';
import type { Ruleset, TeamSummary } from '../../snapshot/github.js';
import { appendTo } from '../../collections.js';

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

type Edge = { permission: string; node: { nameWithOwner: string } };
type PageInfo = { hasNextPage: boolean; endCursor: string | null };

/** One page of a team's repositories as read so far: each position filled by the first attempt that returned it whole. */
interface PartialPage {
  edges: (Edge | undefined)[];
  pageInfo?: PageInfo;
}

/** Merges one attempt at a page into what earlier attempts returned; the page when every position is known. */
function mergePage(seen: PartialPage | undefined, conn: RepoEdges | null | undefined): { page: PartialPage; whole: boolean } {
  if (!isObject(conn) || !Array.isArray(conn.edges)) return { page: seen ?? { edges: [] }, whole: false };
  const page: PartialPage = seen && seen.edges.length === conn.edges.length ? seen : { edges: conn.edges.map(() => undefined) };
  conn.edges.forEach((e, i) => {
    if (isObject(e) && isObject(e.node) && typeof e.node.nameWithOwner === 'string' && typeof e.permission === 'string') page.edges[i] ??= e as Edge;
  });
  const info = conn.pageInfo;
  if (isObject(info) && typeof info.hasNextPage === 'boolean' && (!info.hasNextPage || typeof info.endCursor === 'string')) page.pageInfo ??= info;
  return { page, whole: page.pageInfo !== undefined && page.edges.every((e) => e !== undefined) };
}

/** Pages of one team's repositories read again after a page with holes, before the team list is given up. */
const PAGE_ATTEMPTS = 3;

/** Reads every team (100 a page) and follows teams with more than 100 repositories, many teams per request. */
export async function collectTeams(client: GithubClient, stats: CallStats, events: CollectEvents, org: string): Promise<TeamsResult> {
  const byRepo: TeamsResult['byRepo'] = new Map();
  const teams: TeamSummary[] = [];
  const pending: { slug: string; cursor: string | null; attempt: number }[] = [];
  const partial = new Map<string, PartialPage>();
  // A page with holes is asked for again; positions are merged across attempts, as drifting APIs drop different entries each time.
  const follow = (slug: string, cursor: string | null, conn: RepoEdges | null | undefined, attempt: number) => {
    const key = `${slug}\n${cursor ?? ''}`;
    const { page, whole } = mergePage(partial.get(key), conn);
    partial.set(key, page);
    if (!whole) {
      if (attempt >= PAGE_ATTEMPTS) throw new ShapeError(`the repositories of team ${slug} came back with holes ${attempt} times; the team list is incomplete`);
      pending.push({ slug, cursor, attempt: attempt + 1 });
      return;
    }
    partial.delete(key);
    for (const e of page.edges as Edge[]) appendTo(byRepo, e.node.nameWithOwner, { slug, permission: e.permission });
    if (page.pageInfo!.hasNextPage) pending.push({ slug, cursor: page.pageInfo!.endCursor, attempt: 1 });
  };
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
      const rulesetErrors = errors.filter((e) => e.path?.[0] === 'organization' && e.path[1] === 'rulesets');
      const bypass = bypassOnlyErrors(rulesetErrors.map((e) => e.path!.slice(2)));
      orgRulesets = !bypass
        ? unavailable(`organization rulesets: ${rulesetErrors[0]!.message}`)
        : guarded('organization rulesets', () => mapRulesets(o.rulesets, LIMITS.orgRulesets, () => orgAdmin, (i) => (bypass.has(i) ? rulesetErrors[0]!.message : undefined)));
    }
    if (!isObject(o.teams) || !Array.isArray(o.teams.nodes)) throw new ShapeError('the teams list was not returned');
    for (const t of o.teams.nodes) {
      if (!isObject(t) || typeof t.slug !== 'string') throw new ShapeError('a team came back null or without its slug; the team list is incomplete');
      teams.push({ slug: t.slug, name: t.name, databaseId: t.databaseId, privacy: t.privacy, repositories_count: t.repositories?.totalCount });
      follow(t.slug, null, t.repositories, 1);
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
    batch.forEach((b, i) => follow(b.slug, b.cursor, data.organization?.[`t${i}`]?.repositories, b.attempt));
  }
  return { teams: ok(teams), orgRulesets, orgAdmin, byRepo };
}
