// Worker-thread evaluation gives exactly what evaluation in this thread gives, in input order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assetPath, readAsset } from '../src/engine/assets.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { evaluateAll, evaluateFed, startWorkers, type EvaluationItem } from '../src/engine/parallel.js';
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
  // Workers started before the items were built, fed them in pieces as they come, give the same.
  const started = await startWorkers(items.length, { ...opts, threads: 2 });
  expect(started?.workers).toHaveLength(2);
  const fed = await evaluateFed(started!, opts, async (feed) => {
    for (const [i, it] of items.entries()) {
      feed.items.push({ kind: it.kind, bytes: it.bytes.slice(0) });
      if (i % 7 === 6) {
        feed.more();
        await new Promise((resume) => setTimeout(resume, 1));
      }
    }
  });
  expect(fed).toEqual(here);
  // A build that fails ends the workers and fails the evaluation.
  const failing = await startWorkers(items.length, { ...opts, threads: 2 });
  const exited = failing!.workers.map((w) => new Promise((resolve) => w.once('exit', resolve)));
  await expect(evaluateFed(failing!, opts, () => Promise.reject(new Error('no inputs')))).rejects.toThrow('no inputs');
  await Promise.all(exited);
  expect(here.some((r) => r.findings.some((f) => f.rule === 'pipeline/secret_in_plain_env'))).toBe(true);
});
