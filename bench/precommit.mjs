#!/usr/bin/env node
// Pre-commit speed: median wall time of `node -e 0`, `kiteguard check` on one typical
// pipeline, and `opa eval` of the same policies on the same normalized input, all
// measured in this run on this machine; then evaluations per second over a corpus.
// Usage: node bench/precommit.mjs [pipeline.yml] [corpus-dir]   (after `make`)
import { corpusInputs } from './corpus.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const file = process.argv[2] ?? 'fixtures/pipelines/exemplary.yml';
const corpus = process.argv[3] ?? '../shared/corpus/open';
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const opa = process.env.KITEGUARD_OPA ?? '.tools/bin/opa';

function timeCommand(cmd, args) {
  for (let i = 0; i < 3; i++) spawnSync(cmd, args, { stdio: 'ignore' });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)] };
}

const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-'));
const inputFile = join(work, 'input.json');
writeFileSync(inputFile, spawnSync(process.execPath, ['bin/kiteguard.js', 'normalize', file]).stdout);

const rows = [
  ['node -e 0', timeCommand(process.execPath, ['-e', '0'])],
  [`kiteguard check ${file}`, timeCommand(process.execPath, ['bin/kiteguard.js', 'check', file])],
  ['opa eval (same policies, same input)', timeCommand(opa, ['eval', '-d', 'policies', '--ignore', '*_test.rego', '-i', inputFile, 'data.kiteguard.pipeline.report'])],
];
const base = rows[0][1].median;
console.log(`pre-commit wall time, ${RUNS} runs each (median / p90), Node ${process.version}`);
for (const [name, t] of rows) {
  console.log(`  ${name.padEnd(48)} ${t.median.toFixed(1).padStart(7)} ms  ${t.p90.toFixed(1).padStart(7)} ms  ${(t.median / base).toFixed(2)}x node`);
}
const ratio = rows[1][1].median / base;
console.log(`  kiteguard / node -e 0 = ${ratio.toFixed(2)} (goal <= 1.6); kiteguard vs opa eval = ${(rows[2][1].median / rows[1][1].median).toFixed(1)}x faster`);

// Throughput: every corpus file normalized once, then evaluated in one process.
const api = await import('../dist/kiteguard.js');
let inputs;
try {
  inputs = corpusInputs(api, corpus);
} catch {
  console.log(`corpus ${corpus} not found; skipping throughput`);
  process.exit(0);
}
const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
engine.setData({ config: { rules: {} } });
const ROUNDS = 20;
const start = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const input of inputs) engine.evaluate('pipeline', input);
const seconds = (performance.now() - start) / 1000;
const heap = process.memoryUsage();
console.log(`corpus throughput: ${inputs.length} pipelines x ${ROUNDS} rounds = ${((inputs.length * ROUNDS) / seconds).toFixed(0)} evaluations/s in one process (rss ${(heap.rss / 2 ** 20).toFixed(0)} MiB)`);
