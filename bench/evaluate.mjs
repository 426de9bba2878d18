#!/usr/bin/env node
// Pipeline evaluation speed through the Wasm bundle: (a) warm evaluations per second over
// the corpus in one process, one by one and in batches as a sweep runs them, (b) the first evaluation in a fresh process (cold), median of
// child processes. Prints wall and CPU time, since the machine may be shared and noisy.
// Usage: node bench/evaluate.mjs [--rounds N] [--cold N] [pipeline.yml] [corpus-dir]   (after `make`)
import { corpusInputs } from './corpus.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const ROUNDS = option('rounds', 20);
const COLD = option('cold', 15);
const file = resolve(args[0] ?? join(root, 'fixtures/pipelines/exemplary.yml'));
const corpus = resolve(args[1] ?? join(root, '../shared/corpus/open'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Child mode: load the engine, evaluate one pipeline, print timings as JSON.
if (process.env.KITEGUARD_BENCH_CHILD) {
  const t0 = performance.now();
  const api = await import(join(root, 'dist/kiteguard.js'));
  const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
  engine.setData({ config: { rules: {} } });
  const { pipeline } = api.loadPipeline(readFileSync(file, 'utf8'), file);
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  engine.evaluate('pipeline', { pipeline, context: {}, now: new Date().toISOString() });
  const used = process.cpuUsage(cpu);
  const t2 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1, firstCpu: (used.user + used.system) / 1000 }));
  process.exit(0);
}

// (a) Warm throughput: every corpus file normalized once, then evaluated ROUNDS times.
const api = await import(join(root, 'dist/kiteguard.js'));
const inputs = corpusInputs(api, corpus);
const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
engine.setData({ config: { rules: {} } });
for (const input of inputs) engine.evaluate('pipeline', input);
const perRound = [];
const cpuStart = process.cpuUsage();
for (let r = 0; r < ROUNDS; r++) {
  const start = performance.now();
  for (const input of inputs) engine.evaluate('pipeline', input);
  perRound.push(performance.now() - start);
}
const cpu = process.cpuUsage(cpuStart);
const evals = inputs.length * ROUNDS;
const cpuRate = evals / ((cpu.user + cpu.system) / 1e6);
const meanKiB = inputs.reduce((sum, input) => sum + input.byteLength, 0) / inputs.length / 1024;
console.log(
  `warm: ${inputs.length} pipelines (mean input ${meanKiB.toFixed(1)} KiB) x ${ROUNDS} rounds: ${(inputs.length / (median(perRound) / 1000)).toFixed(0)} evaluations/s (median round), ${cpuRate.toFixed(0)} evaluations per CPU-second (goal: >= 1,000 evaluations/s)`,
);

// (a') The same, as a sweep evaluates them: runs of inputs through the batch entrypoint (PolicyEngine.evaluateItems).
const items = inputs.map((bytes) => ({ kind: 'pipeline', bytes }));
engine.evaluateItems(items);
const batchedRounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const start = performance.now();
  engine.evaluateItems(items);
  batchedRounds.push(performance.now() - start);
}
console.log(`warm, in batches as a sweep evaluates them: ${(inputs.length / (median(batchedRounds) / 1000)).toFixed(0)} evaluations/s (median round; goal: >= 1,000 evaluations/s)`);

// (b) Cold: a fresh process per run; the first evaluation after loading the engine.
const runs = [];
for (let i = 0; i < COLD + 1; i++) {
  const r = spawnSync(process.execPath, [import.meta.filename, file], { env: { ...process.env, KITEGUARD_BENCH_CHILD: '1' } });
  if (r.status !== 0) throw new Error(`cold child failed: ${r.stderr}`);
  if (i > 0) runs.push(JSON.parse(r.stdout.toString()));
}
console.log(
  `cold: ${COLD} fresh processes, ${file.replace(`${root}/`, '')}: first evaluation ${median(runs.map((r) => r.first)).toFixed(2)} ms wall (median), ${median(runs.map((r) => r.firstCpu)).toFixed(2)} ms CPU; load ${median(runs.map((r) => r.load)).toFixed(1)} ms`,
);
