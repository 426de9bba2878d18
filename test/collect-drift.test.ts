// Drift property: with ~2 % of the objects in API responses perturbed, a snapshot is always written, and no outcome
// moves fail → pass / not_applicable / fewer findings, unknown → pass, or pass → fail against the undrifted run.
// KITEGUARD_DRIFT_REPOS and KITEGUARD_DRIFT_SEEDS scale it up for the benchmark figures (300 and 10).
import { beforeAll, expect, test } from 'vitest';
import { driftRun, silentChanges, type DriftRun } from './drift-harness.js';

const REPOS = Number(process.env.KITEGUARD_DRIFT_REPOS ?? 40);
const SEEDS = Array.from({ length: Number(process.env.KITEGUARD_DRIFT_SEEDS ?? 4) }, (_, i) => 101 + i * 17);
const SIZE = { repos: REPOS, pipelines: Math.ceil(REPOS * 0.8) };
let baseline: DriftRun;

beforeAll(async () => {
  baseline = await driftRun(SIZE);
}, 120_000);

test('the undrifted run is complete and has failures to lose', () => {
  expect(baseline.written).toBe(true);
  expect(baseline.incomplete).toEqual([]);
  expect([...baseline.outcomes.values()].filter((o) => o.outcome === 'fail').length).toBeGreaterThan(10);
});

test.each(SEEDS)('seed %i: the snapshot is written and no outcome changes silently', async (seed) => {
  const run = await driftRun(SIZE, { seed, rate: 0.02 });
  expect(run.error).toBeUndefined();
  expect(run.written).toBe(true);
  expect(run.incomplete.length).toBeGreaterThan(0);
  expect(silentChanges(baseline.outcomes, run.outcomes)).toEqual([]);
}, 120_000);
