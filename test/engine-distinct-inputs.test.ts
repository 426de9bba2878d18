// Pipeline targets with byte-identical inputs are evaluated once; any difference, even of the same length, keeps them apart.
import { expect, test } from 'vitest';
import { distinctInputs } from '../src/engine/distinct-inputs.js';
import { itemInput } from '../src/engine/policy.js';
import type { Target } from '../src/model/target.js';

const pipeline = (name: string, command: string): Target => ({ kind: 'pipeline', name, input: { pipeline: { steps: [{ command }] } } });

test('identical pipeline inputs share one item, different ones of the same length do not', () => {
  const targets = [pipeline('a.yml', 'make test'), pipeline('b.yml', 'make test'), pipeline('c.yml', 'make tesT'), pipeline('d.yml', 'make tesT')];
  const { items, slot } = distinctInputs(targets, '2026-01-01T00:00:00Z');
  expect(items).toHaveLength(2);
  expect(slot).toEqual([0, 0, 1, 1]);
});

test('repository inputs are never shared, and targets already unknown are not evaluated', () => {
  const repo: Target = { kind: 'repository', name: 'acme/api', input: { repository: { name: 'api' } } };
  const unknown: Target = { ...pipeline('x.yml', 'make'), unknownReason: 'the YAML could not be read' };
  const { items, slot } = distinctInputs([repo, { ...repo }, unknown], '2026-01-01T00:00:00Z');
  expect(items).toHaveLength(2);
  expect(slot).toEqual([0, 1, -1]);
});

test('repository inputs share one serialization of the organization sections, and join back to the whole input', () => {
  const github = { org: 'acme', teams: { status: 'ok', data: [] } };
  const repo = (name: string): Target => ({ kind: 'repository', name, input: { repository: { full_name: name }, github } });
  const { items } = distinctInputs([repo('acme/api'), repo('acme/web')], '2026-01-01T00:00:00Z');
  expect(items[0]!.shared).toBeDefined();
  expect(items[1]!.shared).toBe(items[0]!.shared);
  const decode = (bytes: ArrayBuffer) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  expect(decode(items[0]!.bytes)).toEqual({ repository: { full_name: 'acme/api' }, now: '2026-01-01T00:00:00Z' });
  expect(decode(itemInput(items[1]!))).toEqual({ repository: { full_name: 'acme/web' }, github, now: '2026-01-01T00:00:00Z' });
});
