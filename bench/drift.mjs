#!/usr/bin/env node
// Drift benchmark: collects a generated estate from both loopback simulators with ~2 % of the objects of every API
// response perturbed (fields dropped, nulled or added, null list elements, GraphQL field errors), once per seed, and
// compares each run's outcomes with the undrifted run's. Prints, per seed and in total: whether the snapshot was
// written, silent outcome changes (fail → pass / not_applicable / fewer findings, unknown → pass, pass → fail),
// unknown outcomes, and unknown outcomes outside the targets the drift perturbed.
// Usage: node bench/drift.mjs [--repos 300] [--seeds 10] [--rate 0.02] [--explain] [--only SEED] (--explain: the commonest reasons of new unknowns)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleTs } from './bundle-ts.mjs';

const { values: flags } = parseArgs({ options: { repos: { type: 'string', default: '300' }, seeds: { type: 'string', default: '10' }, rate: { type: 'string', default: '0.02' }, explain: { type: 'boolean', default: false }, only: { type: 'string' } } });
const repos = Number(flags.repos);
const seeds = flags.only ? [Number(flags.only)] : Array.from({ length: Number(flags.seeds) }, (_, i) => 101 + i * 17);
const rate = Number(flags.rate);
const size = { repos, pipelines: Math.ceil(repos * 0.8) };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The bundle runs from build/, out of reach of the simulator's lookup beside the repository: name the shared data folder.
process.env.KITEGUARD_SHARED_DATA ??= [join(root, '../shared/data'), join(root, '../../shared/data')].find((d) => existsSync(join(d, 'buildkite-graphql-schema.graphql')));
mkdirSync(join(root, 'build'), { recursive: true });
const bundles = mkdtempSync(join(root, 'build', 'bench-drift-'));
const file = await bundleTs(root, bundles, 'harness', ["export * from './test/drift-harness.ts';", "export * from './test/drift-scope.ts';"]);
const harness = await import(pathToFileURL(file).href);

const unknowns = (run) => [...run.outcomes.values()].filter((o) => o.outcome === 'unknown').length;
const baseline = await harness.driftRun(size);
console.log(`estate: ${size.repos} repositories, ${size.pipelines} pipelines; undrifted run: ${baseline.outcomes.size} outcomes, ${unknowns(baseline)} unknown, incomplete ${baseline.incomplete.length}`);
console.log(`${'seed'.padStart(6)} ${'written'.padStart(8)} ${'perturbed'.padStart(10)} ${'silent'.padStart(7)} ${'unknown'.padStart(8)} ${'+unknown'.padStart(9)} ${'outside'.padStart(8)}`);
let written = 0;
let silent = 0;
let unknown = 0;
let added = 0;
let outside = 0;
for (const seed of seeds) {
  const run = await harness.driftRun(size, { seed, rate });
  const changes = run.written ? harness.silentChanges(baseline.outcomes, run.outcomes) : [];
  const wide = run.written && harness.unknownsOutsidePerturbed ? harness.unknownsOutsidePerturbed(baseline.outcomes, run) : [];
  const plus = [...run.outcomes].filter(([k, o]) => o.outcome === 'unknown' && baseline.outcomes.get(k)?.outcome !== 'unknown').length;
  written += run.written ? 1 : 0;
  silent += changes.length;
  unknown += unknowns(run);
  added += plus;
  outside += wide.length;
  console.log(`${String(seed).padStart(6)} ${String(run.written).padStart(8)} ${String(run.perturbations.github.length + run.perturbations.buildkite.length).padStart(10)} ${String(changes.length).padStart(7)} ${String(unknowns(run)).padStart(8)} ${String(plus).padStart(9)} ${String(wide.length).padStart(8)}`);
  for (const c of changes.slice(0, 5)) console.log(`         silent: ${c}`);
  if (flags.explain) {
    const reasons = new Map();
    for (const [k, o] of run.outcomes) {
      if (o.outcome !== 'unknown' || baseline.outcomes.get(k)?.outcome === 'unknown') continue;
      const target = k.split(' ')[1].replace(/^buildkite:.*/, 'buildkite:…').replace(/^[^:]*:.*/, 'repo:file').replace(/^[^:]*\/.*/, 'repo');
      const why = `${target} ${(o.reason ?? '').replace(/[\w-]+\/[\w.-]+/g, '…').replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N').slice(0, 130)}`;
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    for (const [why, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`         ${String(n).padStart(5)} × ${why}`);
  }
  for (const c of wide.slice(0, flags.explain ? 12 : 3)) console.log(`         outside: ${c}`);
}
console.log(`\nsnapshots written ${written}/${seeds.length}; silent outcome changes ${silent}; unknown outcomes ${unknown} (${added} turned unknown by drift; ${outside} outside the perturbed targets)`);
rmSync(bundles, { recursive: true, force: true });
