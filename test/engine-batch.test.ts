// Several pipeline inputs in one call of the batch entrypoint give what each gives alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { BATCH_BYTES, BATCH_ITEMS, batchInput, batchRuns, joinedObjects } from '../src/engine/batch.js';
import { distinctInputs } from '../src/engine/distinct-inputs.js';
import { itemInput, PolicyEngine, type EvaluationItem } from '../src/engine/policy.js';
import type { TargetKind } from '../src/model/report.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { readSnapshot } from '../src/snapshot/io.js';
import { snapshotTargets } from '../src/targets/snapshot.js';
import { ROOT, yamlFiles } from './helpers.js';

const item = (kind: TargetKind, size: number, parts = false): EvaluationItem => ({ kind, bytes: new ArrayBuffer(size), ...(parts ? { parts } : {}) });
const pipelinesOnly = (kind: TargetKind) => kind === 'pipeline';
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;

describe('batch runs', () => {
  it('groups consecutive small items of a batched kind, and leaves every other item alone', () => {
    const items = [item('repository', 10), item('repository', 10), item('pipeline', 10), item('pipeline', 10), item('pipeline', 10, true), item('pipeline', 10), item('organization', 10)];
    expect(batchRuns(items, pipelinesOnly)).toEqual([[0, 1], [1, 2], [2, 4], [4, 5], [5, 6], [6, 7]]);
  });

  it('caps a run by its items and by its bytes', () => {
    expect(batchRuns(Array.from({ length: BATCH_ITEMS + 1 }, () => item('pipeline', 1)), pipelinesOnly)).toEqual([[0, BATCH_ITEMS], [BATCH_ITEMS, BATCH_ITEMS + 1]]);
    const half = BATCH_BYTES / 2;
    expect(batchRuns([item('pipeline', half), item('pipeline', half), item('pipeline', 1)], pipelinesOnly)).toEqual([[0, 2], [2, 3]]);
    expect(batchRuns([item('pipeline', BATCH_BYTES + 1), item('pipeline', 1)], pipelinesOnly)).toEqual([[0, 1], [1, 2]]);
  });

  it('keeps items that share different parts apart', () => {
    const [one, two] = [new ArrayBuffer(2), new ArrayBuffer(2)];
    const items = [{ ...item('repository', 10), shared: one }, { ...item('repository', 10), shared: one }, { ...item('repository', 10), shared: two }, item('repository', 10)];
    expect(batchRuns(items, () => true)).toEqual([[0, 2], [2, 3], [3, 4]]);
  });

  it('joins inputs and their shared part into one document without parsing them', () => {
    const decode = (bytes: ArrayBuffer) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    expect(decode(batchInput([encode({ a: 1 }), encode({ b: [2] }), encode('é')]))).toEqual({ shared: {}, items: [{ a: 1 }, { b: [2] }, 'é'] });
    expect(decode(batchInput([], encode({ s: 1 })))).toEqual({ shared: { s: 1 }, items: [] });
    expect(decode(joinedObjects(encode({ a: 1, b: 'x' }), encode({ github: { org: 'acme' } })))).toEqual({ a: 1, b: 'x', github: { org: 'acme' } });
    expect(decode(joinedObjects(encode({}), encode({ s: 1 })))).toEqual({ s: 1 });
    expect(decode(joinedObjects(new TextEncoder().encode(' { "a" : 1 } ').buffer as ArrayBuffer, new TextEncoder().encode('{ }').buffer as ArrayBuffer))).toEqual({ a: 1 });
    expect(() => joinedObjects(encode([1]), encode({}))).toThrow('not a JSON object');
  });
});

describe('the batch entrypoint', () => {
  // The example pipelines and every pipeline file of the example estate.
  const estate = JSON.parse(readFileSync(join(ROOT, 'fixtures/estate/snapshot.json'), 'utf8')) as { github: { repositories: { data: Array<{ pipeline_files: { data?: Array<{ path: string; text: string }> } }> } } };
  const texts = [
    ...yamlFiles(join(ROOT, 'fixtures/pipelines')).map((file) => ({ file, text: readFileSync(file, 'utf8') })),
    ...estate.github.repositories.data.flatMap((r) => (r.pipeline_files.data ?? []).map((f) => ({ file: f.path, text: f.text }))),
  ];
  const inputs = texts.map(({ file, text }) => ({ pipeline: loadPipeline(text, file).pipeline, context: {}, now: '2026-11-26T00:00:00.000Z' }));
  const engine = PolicyEngine.load(readAsset('policy.wasm'));
  engine.setData({ config: { rules: {} } });

  it('gives each fixture pipeline what it gets alone, as objects and as bytes, in items and in runs', () => {
    expect(inputs.length).toBeGreaterThan(4);
    const alone = inputs.map((input) => engine.evaluate('pipeline', input));
    expect(alone.some((r) => r.findings.length > 0)).toBe(true);
    expect(engine.evaluateBatch('pipeline', inputs)).toEqual(alone);
    const items = inputs.map((input) => ({ kind: 'pipeline' as const, bytes: new TextEncoder().encode(JSON.stringify(input)).buffer as ArrayBuffer }));
    expect(engine.evaluateBatch('pipeline', items.map((i) => i.bytes))).toEqual(alone);
    expect(engine.evaluateItems(items)).toEqual(alone);
  });

  it('evaluates a kind without a batch entrypoint one by one', () => {
    const org = { github: { org: 'acme' } };
    expect(engine.evaluateBatch('organization', [org, org])).toEqual([engine.evaluate('organization', org), engine.evaluate('organization', org)]);
  });

  it('gives each repository of the example estate what it gets alone, its organization sections shared', () => {
    const now = '2026-11-26T00:00:00.000Z';
    const targets = snapshotTargets(readSnapshot(join(ROOT, 'fixtures/estate/snapshot.json'))).filter((t) => t.kind === 'repository' && t.unknownReason === undefined);
    const { items } = distinctInputs(targets, now);
    expect(items.length).toBeGreaterThan(4);
    expect(items.every((i) => i.shared !== undefined && i.shared === items[0]!.shared)).toBe(true);
    const alone = targets.map((t) => engine.evaluate('repository', { ...t.input, now }));
    expect(alone.some((r) => r.findings.length > 0)).toBe(true);
    expect(engine.evaluateItems(items)).toEqual(alone);
    expect(items.map((i) => engine.evaluateItem(i))).toEqual(alone);
    expect(items.map((i) => JSON.parse(new TextDecoder().decode(itemInput(i))) as unknown)).toEqual(targets.map((t) => JSON.parse(JSON.stringify({ ...t.input, now })) as unknown));
  });
});
