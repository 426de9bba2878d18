// API budget: at most 10 REST calls per 1,000 pipelines plus one per team, counted by the simulator.
import { describe, expect, test } from 'vitest';
import { generateEstate } from './sim/buildkite/generate.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';

/** The REST budget the benchmark holds the collector to. */
function restBudget(pipelines: number, teams: number): number {
  return Math.ceil((10 * pipelines) / 1000) + teams;
}

/** What the collector's design costs in REST calls: list pages, eight organization-level reads, four lists per cluster. */
function restCost(pipelines: number, teams: number, clusters: number): number {
  return Math.max(1, Math.ceil(pipelines / 100)) + Math.max(1, Math.ceil(teams / 100)) + 8 + 4 * clusters;
}

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('API budget', () => {
  test.each([
    [300, 10, 2],
    [1000, 40, 4],
    [2000, 100, 4],
  ])('%i pipelines, %i teams, %i clusters: REST and GraphQL calls are as designed', async (pipelines, teams, clusters) => {
    const estate = generateEstate({ pipelines, teams, clusters, seed: 5 });
    const run = await collectFromSim(estate, { restLimit: 10_000, graphqlLimit: 1_000_000 });
    expect(run.incomplete).toEqual([]);
    const { rest, graphql } = run.sim.counts;
    expect(rest).toBe(restCost(pipelines, teams, clusters));
    // The fixed organization-level reads dominate small estates; from 1,000 pipelines on the budget formula holds.
    if (pipelines >= 1000) expect(rest).toBeLessThanOrEqual(restBudget(pipelines, teams));
    // GraphQL: org security, member, token and registry pages, one team batch per 25 teams, and overflow pages for teams past 100 pipelines.
    const overflow = estate.teams.reduce((n, t) => n + Math.max(0, Math.ceil(t.pipelines.length / 100) - 1) + Math.max(0, Math.ceil(t.members.length / 100) - 1), 0);
    const registryPages = Math.max(1, Math.ceil((estate.registries ?? []).length / 100));
    const expectedGraphql = 1 + Math.ceil(estate.members.length / 100) + Math.ceil(estate.apiAccessTokens.length / 100) + Math.ceil(teams / 25) + overflow + registryPages;
    expect(graphql).toBe(expectedGraphql);
    expect(run.stats.rest).toBe(rest);
    expect(run.stats.graphql).toBe(graphql);
    // No per-team REST calls at all: team access levels and members come from GraphQL.
    expect(run.sim.counts.byRoute['teams/:team/pipelines'] ?? 0).toBe(0);
    expect(run.sim.counts.byRoute['teams/:team/members'] ?? 0).toBe(0);
    console.log(`budget ${pipelines} pipelines / ${teams} teams: REST ${rest} (budget ${restBudget(pipelines, teams)}), GraphQL ${graphql} queries, ${run.stats.graphqlPoints} points`);
  });
});
