// Runs every suite (opa test with coverage, vitest) and ends with one totals line:
// `N passed, N failed`. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const opa = process.argv[2] ?? '.tools/bin/opa';
let passed = 0;
let failed = 0;
let ok = true;

const rego = spawnSync(process.execPath, ['scripts/opa-test.mjs', opa], { stdio: ['ignore', 'pipe', 'inherit'] });
const regoOut = rego.stdout.toString();
process.stdout.write(regoOut);
const m = /rego: (\d+) passed, (\d+) failed/.exec(regoOut);
if (m) {
  passed += Number(m[1]);
  failed += Number(m[2]);
}
if (rego.status !== 0 || !m) ok = false;

mkdirSync('build', { recursive: true });
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=build/vitest.json'], {
  stdio: 'inherit',
  env: { ...process.env, KITEGUARD_OPA: opa },
});
try {
  const report = JSON.parse(readFileSync('build/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
  if (report.numTotalTests === 0) ok = false;
} catch {
  console.error('vitest wrote no report');
  ok = false;
}
if (vitest.status !== 0) ok = false;

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = ok && failed === 0 ? 0 : 1;
