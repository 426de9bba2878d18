// Pipeline targets with byte-identical inputs are evaluated once; any difference, even of the same length, keeps them apart.
import { expect, test } from 'vitest';
import { distinctInputs } from '../src/engine/evaluate.js';
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
