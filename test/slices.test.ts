// Slices of a large pipeline input's top-level steps (src/engine/slices.ts).
import { describe, expect, it } from 'vitest';
import { mergeSlices, stepSlices } from '../src/engine/slices.js';

const parse = (bytes: ArrayBuffer) => JSON.parse(new TextDecoder().decode(bytes)) as { pipeline: { steps: unknown[]; env?: object }; now?: string };
const finding = (path: Array<string | number>) => ({ rule: 'pipeline/x', message: 'm', path, evidence: null });

describe('step slices', () => {
  it('keeps every step at its index, the pipeline settings and the rest of the input in each slice', () => {
    const input = { pipeline: { env: { A: '1' }, steps: [{ key: 'a' }, { key: 'b' }, { key: 'c' }] }, now: 'x' };
    const slices = stepSlices(new TextEncoder().encode(JSON.stringify(input)).buffer as ArrayBuffer, 2).map(parse);
    expect(slices.map((s) => s.pipeline.steps)).toEqual([
      [{ key: 'a' }, { key: 'b' }, {}],
      [{}, {}, { key: 'c' }],
    ]);
    expect(slices.every((s) => s.now === 'x' && JSON.stringify(s.pipeline.env) === '{"A":"1"}')).toBe(true);
  });

  it('does not slice a pipeline with no more steps than a slice holds', () => {
    expect(stepSlices({ pipeline: { steps: [{}, {}] } }, 2)).toEqual([]);
    expect(stepSlices({ pipeline: {} }, 2)).toEqual([]);
  });

  it('merges findings once each, and not applicable only when no slice applies', () => {
    const one = { findings: [finding(['env', 'A']), finding(['steps', 0])], unknown: { 'pipeline.x': ['r'] }, notApplicable: ['pipeline.x'] };
    const two = { findings: [finding(['env', 'A']), finding(['steps', 1])], unknown: { 'pipeline.x': ['r', 's'] }, notApplicable: [] };
    expect(mergeSlices('pipeline.x', [one, two])).toEqual({
      findings: [finding(['env', 'A']), finding(['steps', 0]), finding(['steps', 1])],
      unknown: { 'pipeline.x': ['r', 's'] },
      notApplicable: [],
    });
    expect(mergeSlices('pipeline.x', [one, one]).notApplicable).toEqual(['pipeline.x']);
  });
});
