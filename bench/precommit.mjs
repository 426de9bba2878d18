#!/usr/bin/env node
// Pre-commit speed, measured in pairs, on a typical pipeline and on the largest pipeline of a corpus. Each
// round runs every command once, one after another (order rotated per round), so a busy machine slows them
// alike; ratios are taken per round, then their median and range are printed beside the goals:
//   kiteguard check / node -e 0 <= 2.5, and opa eval, conftest and Pipeline-Check each >= 1.5x slower than check.
// opa eval and conftest evaluate kiteguard's own policies (tests left out) on the input `check` builds (from
// `kiteguard normalize`): the same rules over the same document, so the comparison is of the engines. conftest
// reads its rules from package `main`; bench/conftest/adapter.rego turns the pipeline entrypoint's findings
// into conftest denials, so it does the work `opa eval` does plus one pass over the findings. Pipeline-Check
// has a Buildkite mode (`--pipeline buildkite`) and runs its own rules on the YAML file itself.
// Then the peak RSS of `check` on every corpus file (goal <= 80 MiB), and evaluations per second in one process.
// Beside them, bench/sdk-once.cjs: the OPA Wasm SDK alone evaluating the same input once with the compiled
// policies, the floor that check / node -e 0 cannot go under while the policies run in OPA's Wasm runtime.
// NODE_EXTRA_CA_CERTS is unset for every command (it adds ~40 ms to Node's start).
// Usage: node bench/precommit.mjs [pipeline.yml] [corpus-dir]   (after `make` and `make bench-tools`)
import { corpusInputs, corpusFiles } from './corpus.mjs';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const typical = resolve(process.argv[2] ?? join(root, 'fixtures/pipelines/exemplary.yml'));
const corpus = resolve(process.argv[3] ?? join(root, '../shared/corpus/open'));
const ROUNDS = Number(process.env.BENCH_RUNS ?? 25);
const opa = process.env.KITEGUARD_OPA ?? join(root, '.tools/bin/opa');
const conftest = join(root, '.tools/bin/conftest');
const pythonPath = join(root, '.tools/py');
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;
const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-'));
const api = await import('../dist/kiteguard.js');
// Adds the literal table to pipeline inputs, as `check` does before it evaluates.
const tableEngine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
// Node with the OPA Wasm SDK and the compiled policies evaluating the input once, and nothing else of kiteguard.
const SDK_ALONE = 'OPA Wasm SDK alone';
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function once([cmd, args, extraEnv]) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore', cwd: root, env: { ...env, ...extraEnv } });
  const ms = performance.now() - start;
  // 0 clean, 1 findings: both are a finished check for every tool here.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return ms;
}

// kiteguard's policies without their tests, in a folder of their own (conftest loads every .rego it is given).
const policies = join(work, 'policies');
cpSync(join(root, 'policies'), policies, { recursive: true, dereference: true, filter: (src) => !src.endsWith('_test.rego') });
cpSync(join(root, 'bench/conftest/adapter.rego'), join(policies, 'conftest-adapter.rego'));

/** The commands compared on one pipeline file, the tools that are not installed left out (with a note). */
function commands(file) {
  const input = join(work, `${basename(file)}.json`);
  writeFileSync(input, spawnSync(process.execPath, ['bin/kiteguard.js', 'normalize', file], { cwd: root, env }).stdout);
  // The same input with the literal table the engine adds, for the OPA Wasm SDK alone (bench/sdk-once.cjs).
  const annotated = join(work, `${basename(file)}.annotated.json`);
  writeFileSync(annotated, new Uint8Array(tableEngine.withLiterals('pipeline', readFileSync(input).buffer)));
  const list = [
    ['node -e 0', [process.execPath, ['-e', '0']]],
    ['kiteguard check', [process.execPath, ['bin/kiteguard.js', 'check', file]]],
    [SDK_ALONE, [process.execPath, ['bench/sdk-once.cjs', annotated]]],
    ['opa eval', [opa, ['eval', '-d', policies, '--ignore', 'conftest-adapter.rego', '-i', input, 'data.kiteguard.pipeline.report']]],
    ['conftest test', [conftest, ['test', '--no-color', '-p', policies, input]]],
    ['Pipeline-Check', ['python3', ['-m', 'pipeline_check', '--pipeline', 'buildkite', '--buildkite-path', file, '--output', 'json'], { PYTHONPATH: pythonPath }]],
  ];
  return list.filter(([name, [cmd]]) => {
    const missing = (name === 'conftest test' && !existsSync(cmd)) || (name === 'Pipeline-Check' && !existsSync(join(pythonPath, 'pipeline_check')));
    if (missing) console.log(`  (${name} not installed: run \`make bench-tools\`)`);
    return !missing;
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/** Runs the commands alternately on one file and prints medians and per-round ratios beside the goals. */
function compare(label, file, shown) {
  console.log(`${label}: ${shown} (${statSync(file).size} bytes)`);
  const list = commands(file);
  for (const [, c] of list) for (let i = 0; i < 2; i++) once(c);
  const times = list.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < list.length; k++) {
      const i = (round + k) % list.length;
      times[i].push(once(list[i][1]));
    }
  }
  const check = list.findIndex(([name]) => name === 'kiteguard check');
  for (const [i, [name]] of list.entries()) {
    const perRound = (a, b) => times[a].map((t, r) => t / times[b][r]);
    let ratio = '';
    if (name === 'kiteguard check') ratio = ratioText('check / node -e 0', perRound(i, 0), '<= 2.5');
    else if (name === SDK_ALONE) ratio = `${ratioText('SDK alone / node -e 0', perRound(i, 0))}; no goal: the floor under check / node -e 0`;
    else if (i !== 0) ratio = ratioText(`${name} / check`, perRound(i, check), '>= 1.5');
    console.log(`  ${name.padEnd(18)} ${median(times[i]).toFixed(1).padStart(7)} ms  ${ratio}`);
  }
}

function ratioText(what, xs, goal) {
  return `${what} per round: median ${median(xs).toFixed(2)} (${range(xs)})${goal ? `; goal ${goal}` : ''}`;
}

/** `check` on every corpus file once, each process's peak RSS (bench/peak-rss.mjs), the largest with its file. */
function peakRss(files) {
  const out = join(work, 'rss.txt');
  let max = { kib: 0, file: '' };
  for (const file of files) {
    writeFileSync(out, '');
    spawnSync(process.execPath, ['--import', join(root, 'bench/peak-rss.mjs'), 'bin/kiteguard.js', 'check', file], { stdio: 'ignore', cwd: root, env: { ...env, KITEGUARD_PEAK_RSS_FILE: out } });
    const kib = Number(readFileSync(out, 'utf8').trim() || 0);
    if (kib > max.kib) max = { kib, file };
  }
  console.log(`peak RSS of check over ${files.length} corpus files: max ${(max.kib / 1024).toFixed(1)} MiB (${relative(corpus, max.file)}); goal <= 80 MiB`);
}

console.log(`pre-commit wall time, ${ROUNDS} rounds, commands alternating (median ms), Node ${process.version}, NODE_EXTRA_CA_CERTS unset`);
compare('typical pipeline', typical, relative(root, typical));
const files = existsSync(corpus) ? corpusFiles(corpus) : [];
if (files.length === 0) {
  console.log(`corpus ${corpus} not found; skipping the largest file, the RSS sweep and throughput`);
  process.exit(0);
}
const largest = files.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
compare('largest corpus pipeline', largest, relative(corpus, largest));
peakRss(files);

// Throughput: every corpus file normalized once, then evaluated in one process.
const inputs = corpusInputs(api, corpus);
const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
engine.setData({ config: { rules: {} } });
const THROUGHPUT_ROUNDS = 20;
const start = performance.now();
for (let r = 0; r < THROUGHPUT_ROUNDS; r++) for (const input of inputs) engine.evaluate('pipeline', input);
const seconds = (performance.now() - start) / 1000;
const heap = process.memoryUsage();
console.log(`corpus throughput: ${inputs.length} pipelines x ${THROUGHPUT_ROUNDS} rounds = ${((inputs.length * THROUGHPUT_ROUNDS) / seconds).toFixed(0)} evaluations/s in one process (rss ${(heap.rss / 2 ** 20).toFixed(0)} MiB)`);
