// Compiles policies/ to one Wasm module (dist/policy.wasm) and writes the rule catalog
// (dist/catalog.json) from the policies' METADATA, through the compilation `kiteguard policy build` uses.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildBundle } from './lib/compile-policies.mjs';

const opa = process.argv[2] ?? '.tools/bin/opa';
// The entrypoints the engine evaluates, one per target kind.
const ENTRYPOINTS = Object.values(JSON.parse(readFileSync('src/engine/entrypoints.json', 'utf8')));

mkdirSync('dist', { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'kiteguard-build-'));
let rules;
try {
  const bundle = join(work, 'bundle.tar.gz');
  rules = buildBundle({ opa, sources: [{ dir: 'policies', as: 'policies' }], entrypoints: ENTRYPOINTS, out: bundle });
  execFileSync('tar', ['-xzf', bundle, '-C', work, '/policy.wasm'], { stdio: 'inherit' });
  writeFileSync('dist/policy.wasm', readFileSync(join(work, 'policy.wasm')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync('dist/catalog.json', JSON.stringify({ rules }, null, 2) + '\n');
console.log(`built dist/policy.wasm and dist/catalog.json (${rules.length} rules)`);
