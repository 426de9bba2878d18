// Finds the compiled policy bundle and rule catalog that `make` writes to dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';

const here = dirname(fileURLToPath(import.meta.url));
// Bundled: dist/kiteguard.js sits beside the assets. From source: src/engine -> dist.
const CANDIDATES = [here, join(here, '..', '..', 'dist')];

const overrides = new Map<string, Buffer>();

/** Replaces build assets for the rest of the process with the files of a verified policy bundle (none: the shipped ones). */
export function useAssets(assets: Record<string, Buffer>): void {
  overrides.clear();
  for (const [name, bytes] of Object.entries(assets)) overrides.set(name, bytes);
}

/** A file the verified policy bundle put in place (`org-config.json`), or undefined (none, or the shipped policies). */
export function bundleAsset(name: string): Buffer | undefined {
  return overrides.get(name);
}

/** The path of a build asset, or undefined when the build has not made it. */
export function assetPath(name: string): string | undefined {
  return CANDIDATES.map((dir) => join(dir, name)).find((file) => existsSync(file));
}

/** Reads one build asset (`policy.wasm`, `catalog.json`), with a hint when the build has not run. */
export function readAsset(name: string): Buffer {
  const override = overrides.get(name);
  if (override) return override;
  const file = assetPath(name);
  if (file) return readFileSync(file);
  throw new EngineError(`${name} not found next to kiteguard; run \`make\` to compile the policies`);
}
