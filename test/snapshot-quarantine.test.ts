// The snapshot schema check as a safety net: a part that fails it is marked unavailable, the rest is written.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readSnapshot, writeSnapshot } from '../src/snapshot/io.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { ROOT } from './helpers.js';

const estate = () => JSON.parse(readFileSync(join(ROOT, 'fixtures/estate/snapshot.json'), 'utf8')) as Snapshot & { buildkite: { clusters: { data: { agent_tokens: { data: Record<string, unknown>[] } }[] } } };

test('a field that fails the schema makes only its section unavailable; the snapshot is written and lists it', () => {
  const snapshot = estate();
  const token = snapshot.buildkite.clusters.data[0]!.agent_tokens.data[0]!;
  delete token.created_at;
  const file = join(mkdtempSync(join(tmpdir(), 'kiteguard-seal-')), 'snapshot.json');
  const parts = writeSnapshot(file, snapshot);
  expect(parts.map((p) => p.pointer)).toEqual(['/buildkite/clusters/data/0/agent_tokens']);
  const back = readSnapshot(file);
  expect(back.incomplete).toContain('schema: buildkite.clusters[0].agent_tokens');
  const cluster = (back.buildkite!.clusters as { status: string; data: { agent_tokens: { status: string; reason: string }; queues: { status: string } }[] }).data[0]!;
  expect(cluster.agent_tokens.status).toBe('unavailable');
  expect(cluster.agent_tokens.reason).toContain('created_at');
  expect(cluster.queues.status).toBe('ok');
});

test('a valid snapshot is written as it is', () => {
  const snapshot = estate();
  const file = join(mkdtempSync(join(tmpdir(), 'kiteguard-seal-')), 'snapshot.json');
  expect(writeSnapshot(file, snapshot)).toEqual([]);
  expect(readSnapshot(file)).toEqual(estate());
});
