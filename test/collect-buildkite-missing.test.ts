// Missing data never becomes a pass on the Buildkite side: a team entry whose pipeline is null, a null pipeline in the
// REST list, and drifted responses leave exactly their part unknown.
import { expect, test } from 'vitest';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { pipelineTeams } from '../src/targets/buildkite.js';
import type { BuildkiteTeamEntry } from '../src/snapshot/buildkite.js';

test('a team entry whose pipeline is null (a pipeline the token cannot see) makes that team\'s pipelines unknown, not shorter', async () => {
  const estate = fixtureEstate();
  const team = estate.teams.find((t) => t.pipelines.length > 0)!;
  team.pipelines.push({ pipelineUuid: '00000000-0000-4000-8000-00000000dead', accessLevel: 'build_and_read', createdAt: '2025-01-01T00:00:00.000Z' });
  const run = await collectFromSim(estate);
  expect(run.incomplete).toContain(`buildkite.teams[${team.slug}].pipelines`);
  const teams = run.snapshot.teams as { status: 'ok'; data: BuildkiteTeamEntry[] };
  const entry = teams.data.find((e) => e.team.slug === team.slug)!;
  expect(entry.pipelines).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('incomplete') });
  const pipelines = run.snapshot.pipelines as { status: 'ok'; data: Parameters<typeof pipelineTeams>[1][] };
  // Every pipeline's team access is then unknown: the unseen entry could be any of them.
  expect(pipelineTeams(run.snapshot.teams, pipelines.data[0]!).status).toBe('unavailable');
});

test('drifted responses: the collection completes, with what could not be read listed, and tokens never appear', async () => {
  const estate = fixtureEstate();
  const run = await collectFromSim(estate, { drift: { seed: 7, rate: 0.2 } });
  expect(run.incomplete.length).toBeGreaterThan(0);
  const text = JSON.stringify(run.snapshot);
  expect(text).not.toContain(estate.apiAccessTokens[0]!.token);
  for (const s of estate.notificationServices ?? []) for (const secret of [s.url, s.token]) expect(text).not.toContain(secret);
});

