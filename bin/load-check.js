// Loads the one-shot CLI bundle (dist/kiteguard-check.cjs) with the V8 code cache `make` writes beside it
// (dist/kiteguard-check.cache), so a check starts without parsing and compiling the bundle's functions again.
// V8 rejects a cache made by another Node version or under other V8 flags, which costs only the usual compilation.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The one-shot bundle. */
export const CHECK_BUNDLE = fileURLToPath(new URL('../dist/kiteguard-check.cjs', import.meta.url));
/** Its code cache (the build deletes it with every new bundle, then writes it anew). */
export const CHECK_CACHE = fileURLToPath(new URL('../dist/kiteguard-check.cache', import.meta.url));

/** Runs the bundle, with its code cache unless told not to; returns its exports and the script (to make a cache of). */
export function loadCheckBundle({ cache = true } = {}) {
  let cachedData;
  try {
    if (cache) cachedData = readFileSync(CHECK_CACHE);
  } catch {
    // No cache: compiled as usual.
  }
  const script = new Script(Module.wrap(readFileSync(CHECK_BUNDLE, 'utf8')), { filename: CHECK_BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(CHECK_BUNDLE), module, CHECK_BUNDLE, dirname(CHECK_BUNDLE));
  return { exports: module.exports, script };
}
