// npm `prepare`: builds dist/ when it is missing, so installing kiteguard from git
// (as the pre-commit framework does) yields a working CLI. Needs Go for the OPA compiler.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const built = ['dist/kiteguard.js', 'dist/kiteguard-check.cache', 'dist/policy.wasm', 'dist/catalog.json'].every((f) => existsSync(f));
if (!built) {
  // Under `npm install -g git+…` npm passes npm_config_global, which makes a nested `npm ci` refuse.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_global'));
  const r = spawnSync('make', ['build'], { stdio: 'inherit', env });
  process.exitCode = r.status ?? 1;
}
