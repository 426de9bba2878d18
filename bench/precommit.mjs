#!/usr/bin/env node
// Pre-commit speed, measured in pairs: each round runs `node -e 0`, `kiteguard check` on one pipeline and
// `opa eval` of the same policies on the same normalized input one after another (order rotated per round),
// so a busy machine slows all three alike; ratios are taken per round, then the median and the range are
// printed beside the goals. NODE_EXTRA_CA_CERTS is unset for every command (it adds ~40 ms to Node's start).
// Then evaluations per second over a corpus in one process.
// Usage: node bench/precommit.mjs [pipeline.yml] [corpus-dir]   (after `make`)
import { corpusInputs } from './corpus.mjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const file = process.argv[2] ?? 'fixtures/pipelines/exemplary.yml';
const corpus = process.argv[3] ?? '../shared/corpus/open';
const ROUNDS_TIMED = Number(process.env.BENCH_RUNS ?? 25);
const opa = process.env.KITEGUARD_OPA ?? '.tools/bin/opa';
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

function once(cmd, args) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore', env });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-'));
const inputFile = join(work, 'input.json');
writeFileSync(inputFile, spawnSync(process.execPath, ['bin/kiteguard.js', 'normalize', file], { env }).stdout);

const commands = [
  ['node -e 0', process.execPath, ['-e', '0']],
  [`kiteguard check ${file}`, process.execPath, ['bin/kiteguard.js', 'check', file]],
  ['opa eval (same policies, same input)', opa, ['eval', '-d', 'policies', '--ignore', '*_test.rego', '-i', inputFile, 'data.kiteguard.pipeline.report']],
];
for (const [, cmd, args] of commands) for (let i = 0; i < 3; i++) once(cmd, args);
const times = commands.map(() => []);
for (let round = 0; round < ROUNDS_TIMED; round++) {
  for (let k = 0; k < commands.length; k++) {
    const i = (round + k) % commands.length;
    times[i].push(once(commands[i][1], commands[i][2]));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratios = (a, b) => times[a].map((t, r) => t / times[b][r]);
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
console.log(`pre-commit wall time, ${ROUNDS_TIMED} rounds, commands alternating (median ms), Node ${process.version}, NODE_EXTRA_CA_CERTS unset`);
for (const [k, [name]] of commands.entries()) console.log(`  ${name.padEnd(48)} ${median(times[k]).toFixed(1).padStart(7)} ms`);
const vsNode = ratios(1, 0);
const vsOpa = ratios(2, 1);
console.log(`  kiteguard / node -e 0, per round: median ${median(vsNode).toFixed(2)} (range ${range(vsNode)}); goal <= 2.5`);
console.log(`  opa eval / kiteguard, per round: median ${median(vsOpa).toFixed(2)} (range ${range(vsOpa)}); goal >= 1.5`);

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
