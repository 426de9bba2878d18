// Time `kiteguard check` adds to verify a signed policy bundle: builds examples/org-policy into an ES256-signed
// bundle with the real opa, then times `check` with the shipped rules and with the bundle (median of N runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedOrgBundle } from './signed-org-bundle.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const opa = process.env.KITEGUARD_OPA ?? '.tools/bin/opa';
const work = mkdtempSync(join(tmpdir(), 'kiteguard-bench-'));
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
try {
  const { bundle, pub } = signedOrgBundle(work, opa);
  const median = (args) => {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      spawnSync('node', ['bin/kiteguard.js', 'check', 'fixtures/pipelines/exemplary.yml', ...args], { env });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  };
  const shipped = median([]);
  const signed = median(['--bundle', bundle, '--verification-key', pub]);
  console.log(`check, shipped rules: ${shipped.toFixed(1)} ms; with a verified signed bundle: ${signed.toFixed(1)} ms; added: ${(signed - shipped).toFixed(1)} ms (median of ${RUNS})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
