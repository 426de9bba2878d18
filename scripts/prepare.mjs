// npm `prepare`: builds dist/ when it is missing, so installing kiteguard from git
// (as the pre-commit framework does) yields a working CLI. Needs Go for the OPA compiler.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const built = ['dist/kiteguard.js', 'dist/policy.wasm', 'dist/catalog.json'].every((f) => existsSync(f));
if (!built) {
  const r = spawnSync('make', ['build'], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
