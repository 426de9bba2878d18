// Maps GraphQL rulesets into snapshot rulesets, with bypass actors in their own envelope (admins only).
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import { LIMITS } from './queries.js';
import type { BypassActor, Ruleset, RulesetRule } from '../../snapshot/github.js';

/** A GraphQL connection with an optional total. */
export type Conn<T> = { totalCount?: number; nodes?: (T | null)[] | null } | null | undefined;

/** The `KiteguardRuleset` fragment as GraphQL returns it. */
export type GqlRuleset = Omit<Ruleset, 'rules' | 'bypassActors'> & { rules: Conn<RulesetRule>; bypassActors: Conn<BypassActor> };

/** The non-null nodes of a list. */
export const present = <T>(xs: (T | null)[] | null | undefined): T[] => (xs ?? []).filter((x): x is T => x !== null);

/** An unavailable section for a list longer than kiteguard reads. */
export const cutShort = (what: string, total: number, limit: number) => unavailable(`${total} ${what}; kiteguard reads at most ${limit}, so the list would be incomplete`);

/** Maps rulesets; `bypassVisible` says whether the caller may see each ruleset's bypass actors. */
export function mapRulesets(conn: Conn<GqlRuleset>, limit: number, bypassVisible: (rs: GqlRuleset) => boolean): Section<Ruleset[]> {
  const nodes = present(conn?.nodes);
  if ((conn?.totalCount ?? 0) > nodes.length) return cutShort('rulesets', conn?.totalCount ?? 0, limit);
  const out: Ruleset[] = [];
  for (const rs of nodes) {
    const rules = present(rs.rules?.nodes);
    if ((rs.rules?.totalCount ?? 0) > rules.length) return cutShort(`rules in ruleset "${rs.name}"`, rs.rules?.totalCount ?? 0, LIMITS.rulesetRules);
    const actors = present(rs.bypassActors?.nodes);
    const org = rs.source.__typename === 'Organization';
    const bypassActors: Section<BypassActor[]> = !bypassVisible(rs)
      ? unavailable('bypass actors are shown to admins of the ruleset owner only', { needs: org ? 'organization owner' : 'admin permission on the repository' })
      : (rs.bypassActors?.totalCount ?? 0) > actors.length
        ? cutShort('bypass actors', rs.bypassActors?.totalCount ?? 0, LIMITS.bypassActors)
        : ok(actors);
    out.push({ ...rs, rules, bypassActors });
  }
  return ok(out);
}
