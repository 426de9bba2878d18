// A large pipeline is evaluated part by part (its per-step rules slice by slice) on a worker of its
// own; the result is the one a single evaluation of the whole input gives.
import { describe, expect, it } from 'vitest';
import { readAsset } from '../src/engine/assets.js';
import { evaluateAll } from '../src/engine/parallel.js';
import { PolicyEngine, type EngineResult } from '../src/engine/policy.js';
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
