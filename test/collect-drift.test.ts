// Drift property: with ~2 % of the objects in API responses perturbed, a snapshot is always written, no outcome
// moves fail → pass / not_applicable / fewer findings, unknown → pass, or pass → fail against the undrifted run, and
// the outcomes drift turns unknown are on the targets whose objects it perturbed (or on the rules reading an
// organization-wide list it perturbed), never wider. KITEGUARD_DRIFT_REPOS and KITEGUARD_DRIFT_SEEDS scale it up;
// `node bench/drift.mjs` prints the benchmark figures (300 repositories, 10 seeds).
import { beforeAll, expect, test } from 'vitest';
import { driftRun, silentChanges, type DriftRun } from './drift-harness.js';
import { unknownsOutsidePerturbed } from './drift-scope.js';

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
  expect(run.perturbations.github.length + run.perturbations.buildkite.length).toBeGreaterThan(0);
  expect(unknownsOutsidePerturbed(baseline.outcomes, run)).toEqual([]);
}, 120_000);
