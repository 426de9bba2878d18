// Writes V8's code cache of the one-shot bundle (dist/kiteguard-check.cache): the bundle is loaded as bin/ loads
// it, runs `check` on an example pipeline (so the functions a check calls are compiled too), and V8 serializes
// what it compiled. Run by `make` after the bundle and the policies are built, with Node's default V8 flags.
import { rmSync, writeFileSync } from 'node:fs';
import { CHECK_CACHE, loadCheckBundle } from '../bin/load-check.js';

rmSync(CHECK_CACHE, { force: true });
const { exports, script } = loadCheckBundle({ cache: false });
const write = process.stdout.write;
process.stdout.write = () => true;
let code;
try {
  code = await exports.main(['check', 'fixtures/pipelines/exemplary.yml']);
} finally {
  process.stdout.write = write;
}
if (code !== 0) throw new Error(`the example check ended with exit code ${code}; not writing a code cache`);
writeFileSync(CHECK_CACHE, script.createCachedData());
console.log(`wrote ${CHECK_CACHE.split('/').slice(-2).join('/')}`);
