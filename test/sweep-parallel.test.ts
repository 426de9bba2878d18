// Worker-thread evaluation gives exactly what evaluation in this thread gives, in input order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assetPath, readAsset } from '../src/engine/assets.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { evaluateAll, startWorkers, type EvaluationItem } from '../src/engine/parallel.js';
import { ROOT, yamlFiles } from './helpers.js';

test('workers and this thread agree on 250 pipelines, in order', async () => {
  const files = [...yamlFiles(join(ROOT, 'fixtures/pipelines')), ...yamlFiles(join(ROOT, 'test/fixtures')).filter((f) => f.includes('pipeline'))];
  const encoder = new TextEncoder();
  const items: EvaluationItem[] = [];
  for (let i = 0; items.length < 250; i++) {
    const file = files[i % files.length]!;
    let pipeline;
    try {
      pipeline = loadPipeline(readFileSync(file, 'utf8'), file).pipeline;
    } catch {
      continue;
    }
    // A distinct env per item, so no two inputs are alike and order mistakes show.
    const input = { pipeline: { ...pipeline, env: { ...pipeline.env, ITEM: String(i), API_TOKEN: i % 3 === 0 ? 'hunter2hunter2' : '' } }, context: {}, now: '2026-12-01T00:00:00Z' };
    items.push({ kind: 'pipeline', bytes: encoder.encode(JSON.stringify(input)).buffer as ArrayBuffer });
  }
  // The worker bundle must exist, or evaluateAll would quietly stay in this thread.
  expect(assetPath('evaluate-worker.js')).toBeDefined();
  const opts = { policy: readAsset('policy.wasm'), data: { config: { rules: {}, attestations: {} } } };
  const here = await evaluateAll(items, { ...opts, threads: 1 });
  const copy = items.map((it) => ({ kind: it.kind, bytes: it.bytes.slice(0) }));
  const workers = await evaluateAll(copy, { ...opts, threads: 2 });
  expect(workers).toHaveLength(250);
  expect(workers).toEqual(here);
  // Workers started before the items were built (more than the items need, as for a sweep whose inputs repeat) give the same.
  const started = await startWorkers(1000, { ...opts, threads: 3 });
  expect(started?.workers).toHaveLength(3);
  expect(await evaluateAll(items.map((it) => ({ kind: it.kind, bytes: it.bytes.slice(0) })), { ...opts, threads: 2 }, started)).toEqual(here);
  expect(started?.workers).toHaveLength(2);
  // And are ended when the evaluation stays in this thread after all.
  const unused = await startWorkers(1000, { ...opts, threads: 2 });
  expect(unused?.workers).toHaveLength(2);
  const exited = unused!.workers.map((w) => new Promise((resolve) => w.once('exit', resolve)));
  expect(await evaluateAll(items.slice(0, 10).map((it) => ({ kind: it.kind, bytes: it.bytes.slice(0) })), { ...opts, threads: 2 }, unused)).toEqual(here.slice(0, 10));
  await Promise.all(exited);
  expect(here.some((r) => r.findings.some((f) => f.rule === 'pipeline/secret_in_plain_env'))).toBe(true);
});
