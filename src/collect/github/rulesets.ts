// Maps GraphQL rulesets into snapshot rulesets, with bypass actors in their own envelope (admins only).
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import { LIMITS } from './queries.js';
import { isObject, ShapeError } from '../shape.js';
import type { BypassActor, Ruleset, RulesetRule } from '../../snapshot/github.js';

/** A GraphQL connection with an optional total. */
export type Conn<T> = { totalCount?: number; nodes?: (T | null)[] | null } | null | undefined;

/** The `KiteguardRuleset` fragment as GraphQL returns it. */
export type GqlRuleset = Omit<Ruleset, 'rules' | 'bypassActors'> & { rules: Conn<RulesetRule>; bypassActors: Conn<BypassActor> };

/** Every element of a list that GraphQL returned; a missing list or a null element (a hole, from a field error) throws. */
export function present<T>(xs: (T | null)[] | null | undefined, what: string): T[] {
  if (!Array.isArray(xs)) throw new ShapeError(`the ${what} list was not returned`);
  const hole = xs.findIndex((x) => x === null || typeof x !== 'object');
  if (hole >= 0) throw new ShapeError(`${what} #${hole + 1} was null; the list is incomplete`);
  return xs as T[];
}

/** The nodes of a connection and its total; a connection without them cannot say whether it is complete, so it throws. */
export function connection<T>(conn: Conn<T>, what: string): { nodes: T[]; total: number } {
  if (!isObject(conn)) throw new ShapeError(`${what} were not returned`);
  if (typeof conn.totalCount !== 'number') throw new ShapeError(`${what}: totalCount was not returned, so the list may be incomplete`);
  return { nodes: present(conn.nodes, what), total: conn.totalCount };
}

/** An unavailable section for a list longer than kiteguard reads. */
export const cutShort = (what: string, total: number, limit: number) => unavailable(`${total} ${what}; kiteguard reads at most ${limit}, so the list would be incomplete`);

/**
 * Maps rulesets; `bypassVisible` says whether the caller may see each ruleset's bypass actors, and `bypassError`
 * gives the GraphQL field error under one ruleset's bypass actors (by position), which makes only those unavailable.
 */
export function mapRulesets(conn: Conn<GqlRuleset>, limit: number, bypassVisible: (rs: GqlRuleset) => boolean, bypassError: (index: number) => string | undefined = () => undefined): Section<Ruleset[]> {
  const { nodes, total } = connection(conn, 'rulesets');
  if (total > nodes.length) return cutShort('rulesets', total, limit);
  const out: Ruleset[] = [];
  for (const [index, rs] of nodes.entries()) {
    if (typeof rs.name !== 'string' || !isObject(rs.source) || typeof rs.source.__typename !== 'string') throw new ShapeError('a ruleset without its name or source');
    const rules = connection(rs.rules, `rules in ruleset "${rs.name}"`);
    if (rules.total > rules.nodes.length) return cutShort(`rules in ruleset "${rs.name}"`, rules.total, LIMITS.rulesetRules);
    const org = rs.source.__typename === 'Organization';
    const error = bypassError(index);
    const bypassActors: Section<BypassActor[]> = !bypassVisible(rs)
      ? unavailable('bypass actors are shown to admins of the ruleset owner only', { needs: org ? 'organization owner' : 'admin permission on the repository' })
      : error
        ? unavailable(`bypass actors: ${error}`)
        : guarded('bypass actors', () => {
          const actors = connection(rs.bypassActors, 'bypass actors');
          return actors.total > actors.nodes.length ? cutShort('bypass actors', actors.total, LIMITS.bypassActors) : ok(actors.nodes);
        });
    const rulesList = rules.nodes;
    out.push({ ...rs, rules: rulesList, bypassActors });
  }
  return ok(out);
}

/** Runs one part's builder; a response of the wrong shape makes that part unavailable with the reason, not the collection fail. */
export function guarded<T>(what: string, build: () => Section<T>): Section<T> {
  try {
    return build();
  } catch (e) {
    if (e instanceof ShapeError || e instanceof TypeError) return unavailable(`${what}: the response did not have the shape GitHub documents (${e.message})`);
    throw e;
  }
}
