#!/usr/bin/env node
// Wasm heap high-water mark of each rule part on generated pipelines: the figure that sets the
// peak resident memory of a large `check` (Wasm memory never shrinks, so the largest part wins).
// Evaluates each part entrypoint of the built bundle on an input as the engine builds it (the packages
// of src/engine/slices.json slice by slice, as slices.ts cuts it) and prints the most heap bytes an
// evaluation touched beyond data and input, largest first.
// Usage: node bench/heap.mjs [--steps N] [--realistic] [--top K]   (after `make`)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const STEPS = Number(option('steps', '3000'));
const TOP = Number(option('top', '12'));
const findings = !args.includes('--realistic');

const api = await import(join(root, 'dist/kiteguard.js'));
const { pipeline: doc } = api.loadPipeline(pipeline(STEPS, findings), 'pipeline.yml');
const bytes = new TextEncoder().encode(JSON.stringify({ pipeline: doc, context: {}, now: '2026-11-26T00:00:00.000Z' }));
// Memory sized up front as the engine sizes it (policy.ts, memoryPagesFor): grown page by page it is slow.
const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'), Math.ceil((bytes.byteLength * 256) / 65536));
engine.setData({ config: { rules: {} } });
const input = engine.withLiterals('pipeline', bytes.buffer);
// The SDK's loaded policy and its exports (private to the engine; read here for the measurement only).
const policy = engine.policy;
const exports = policy.wasmInstance.exports;
const MiB = 2 ** 20;
const rows = [];
const sliced = JSON.parse(readFileSync(join(root, 'src/engine/slices.json'), 'utf8'));
const annotated = JSON.parse(Buffer.from(input).toString('utf8'));
const slices = [];
for (let from = 0; from < annotated.pipeline.steps.length; from += sliced.steps) {
  const steps = annotated.pipeline.steps.map((step, i) => (i >= from && i < from + sliced.steps ? step : {}));
  slices.push(new TextEncoder().encode(JSON.stringify({ ...annotated, pipeline: { ...annotated.pipeline, steps } })).buffer);
}
// One rule package's part entrypoints (`kiteguard/parts/<domain>/<rule>/report`), not the groups of several (repository_wide).
for (const entrypoint of Object.keys(policy.entrypoints).filter((e) => /^kiteguard\/parts\/[^/]+\/[^/]+\/report$/.test(e))) {
  const rule = entrypoint.split('/').slice(2, 4).join('.');
  const row = { rule, heap: 0, ms: 0, findings: 0 };
  for (const part of sliced.packages.includes(rule) && slices.length > 1 ? slices : [input]) {
    const t0 = performance.now();
    const result = policy.evaluate(part, entrypoint);
    row.ms += performance.now() - t0;
    row.heap = Math.max(row.heap, exports.opa_heap_ptr_get() - policy.dataHeapPtr - part.byteLength);
    row.findings += result[0].result.findings.length;
  }
  rows.push(row);
}
rows.sort((a, b) => b.heap - a.heap);
console.log(`${STEPS} steps (${findings ? 'findings on every step' : 'realistic'}), input ${(input.byteLength / MiB).toFixed(2)} MiB; Wasm memory ${(policy.mem.buffer.byteLength / MiB).toFixed(0)} MiB`);
for (const r of rows.slice(0, TOP)) console.log(`${(r.heap / MiB).toFixed(1).padStart(8)} MiB ${r.ms.toFixed(0).padStart(6)} ms ${String(r.findings).padStart(6)} findings  ${r.rule}`);
console.log(`sum of all parts ${(rows.reduce((s, r) => s + r.heap, 0) / MiB).toFixed(0)} MiB, ${rows.reduce((s, r) => s + r.ms, 0).toFixed(0)} ms`);
