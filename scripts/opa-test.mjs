// Runs `opa test` with coverage over policies/ and fails when coverage is under 90 %.
import { spawnSync } from 'node:child_process';

const opa = process.argv[2] ?? '.tools/bin/opa';
const MIN_COVERAGE = 90;

const plain = spawnSync(opa, ['test', 'policies', '-f', 'json'], { maxBuffer: 256 << 20 });
const results = JSON.parse(plain.stdout.toString() || '[]');
const failed = results.filter((r) => r.fail || r.error);
for (const r of failed) {
  console.error(`FAIL ${r.package}.${r.name} (${r.location?.file}:${r.location?.row})`);
  if (r.output) console.error(Buffer.from(r.output, 'base64').toString());
  if (r.error) console.error(JSON.stringify(r.error));
}
let coverage = 0;
if (failed.length === 0) {
  const cov = spawnSync(opa, ['test', 'policies', '--coverage'], { maxBuffer: 256 << 20 });
  coverage = JSON.parse(cov.stdout.toString()).coverage ?? 0;
}
console.log(`rego: ${results.length - failed.length} passed, ${failed.length} failed, coverage ${coverage.toFixed(1)} %`);
if (plain.status !== 0 && failed.length === 0) {
  console.error(plain.stderr.toString());
  process.exit(1);
}
if (failed.length > 0) process.exit(1);
if (coverage < MIN_COVERAGE) {
  console.error(`rego coverage ${coverage.toFixed(1)} % is under ${MIN_COVERAGE} %`);
  process.exit(1);
}
