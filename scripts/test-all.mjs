// Runs every suite (opa test with coverage, the import-graph check, vitest) and ends with one totals line:
// `N passed, N failed`. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const opa = process.argv[2] ?? '.tools/bin/opa';
let passed = 0;
let failed = 0;
let ok = true;

// Runs one node script whose output ends in `<label>: N passed, N failed` and adds its counts.
function countedSuite(label, args) {
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const out = child.stdout.toString();
  process.stdout.write(out);
  const counts = new RegExp(`${label}: (\\d+) passed, (\\d+) failed`).exec(out);
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  if (child.status !== 0 || !counts) ok = false;
}

countedSuite('rego', ['scripts/opa-test.mjs', opa]);
countedSuite('imports', ['scripts/check-imports.mjs', 'src']);

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
