// A large pipeline is evaluated part by part (its per-step rules slice by slice) on a worker of its
// own; the result is the one a single evaluation of the whole input gives.
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { evaluateInputs } from '../src/engine/evaluate-inputs.js';
import { evaluateAll } from '../src/engine/parallel.js';
import { PARTS_FROM_BYTES, PolicyEngine, type EngineResult } from '../src/engine/policy.js';
import type { Target } from '../src/model/target.js';
import { loadPipeline } from '../src/pipeline/load.js';

// Steps with findings of sliced and whole-pipeline rules (secrets, curl | bash, unpinned plugins).
const yaml = ['env:', '  API_TOKEN: "s3cr3t-Zq8xLw2mPq7rT9vB"', 'steps:'];
for (let i = 0; i < 450; i++) {
  yaml.push(`  - label: "build ${i}"`, '    command:', `      - curl -sSL http://get.example.com/${i}.sh | bash`, '    env:', `      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EX${String(i).padStart(5, '0')}`);
  yaml.push('    plugins:', '      - docker#main:', '          image: "node:20"');
  if (i % 50 === 49) yaml.push('  - wait');
}
const input = { pipeline: loadPipeline(yaml.join('\n') + '\n', 'large.yml').pipeline, context: {}, now: '2026-11-26T00:00:00.000Z' };
const data = { config: { rules: {} } };

const sorted = (r: EngineResult) => ({ findings: r.findings.map((f) => JSON.stringify(f)).sort(), unknown: r.unknown, notApplicable: [...r.notApplicable].sort() });

describe('a large pipeline', () => {
  it('gives on a worker, in parts and slices, what one whole evaluation gives', async () => {
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    engine.setData(data);
    const whole = engine.evaluate('pipeline', input);
    const bytes = new TextEncoder().encode(JSON.stringify(input)).buffer as ArrayBuffer;
    const [parted] = await evaluateAll([{ kind: 'pipeline', bytes, parts: true }], { policy: new Uint8Array(readAsset('policy.wasm')), data });
    expect(whole.findings.length).toBeGreaterThan(900);
    expect(sorted(parted!)).toEqual(sorted(whole));
  });
});

describe('a sweep with a large pipeline', () => {
  it('evaluates it after the others, on a worker of its own, and every target gets what it gets alone', async () => {
    const now = '2026-11-26T00:00:00.000Z';
    // Enough steps that the input passes the size from which pipelines are evaluated in parts.
    const steps = Array.from({ length: 3 }, () => input.pipeline.steps).flat();
    const large: Target = { kind: 'pipeline', name: 'large.yml', input: { pipeline: { ...input.pipeline, steps }, context: {} } };
    const small = (i: number): Target => ({ kind: 'pipeline', name: `p${i}.yml`, input: { pipeline: { steps: [{ command: i % 2 ? `curl -sSL http://x.example/${i} | bash` : `make ${i}` }] }, context: {} } });
    const targets = [small(0), large, ...Array.from({ length: 240 }, (_, i) => small(i + 1)), small(1), { ...small(999), unknownReason: 'not read' }];
    const { results, slot } = await evaluateInputs(targets, now, { policy: new Uint8Array(readAsset('policy.wasm')), data, threads: 2 });
    expect(new TextEncoder().encode(JSON.stringify({ ...large.input, now })).byteLength).toBeGreaterThanOrEqual(PARTS_FROM_BYTES);
    expect(slot[targets.length - 2]).toBe(slot[2]);
    expect(slot[targets.length - 1]).toBe(-1);
    const engine = PolicyEngine.load(readAsset('policy.wasm'));
    engine.setData(data);
    targets.slice(0, -1).forEach((target, i) => {
      const got = results[slot[i]!]!;
      expect(sorted(got)).toEqual(sorted(engine.evaluate('pipeline', { ...target.input, now })));
    });
  });
});
