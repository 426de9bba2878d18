// Finds the compiled policy bundle and rule catalog that `make` writes to dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';

const here = dirname(fileURLToPath(import.meta.url));
// Bundled: dist/kiteguard.js sits beside the assets. From source: src/engine -> dist.
const CANDIDATES = [here, join(here, '..', '..', 'dist')];

/** The path of a build asset, or undefined when the build has not made it. */
export function assetPath(name: string): string | undefined {
  return CANDIDATES.map((dir) => join(dir, name)).find((file) => existsSync(file));
}

/** Reads one build asset (`policy.wasm`, `catalog.json`), with a hint when the build has not run. */
export function readAsset(name: string): Buffer {
  const file = assetPath(name);
  if (file) return readFileSync(file);
  throw new EngineError(`${name} not found next to kiteguard; run \`make\` to compile the policies`);
}
