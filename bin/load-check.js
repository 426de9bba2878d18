// Loads the one-shot CLI bundle (dist/kiteguard-check.cjs) with the V8 code cache `make` writes beside it
// (dist/kiteguard-check.cache), so a check starts without parsing and compiling the bundle's functions again.
// V8 rejects a cache made by another Node version or under other V8 flags, which costs only the usual compilation.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** The one-shot bundle. */
const CHECK_BUNDLE = join(__dirname, '..', 'dist', 'kiteguard-check.cjs');
/** Its code cache (the build deletes it with every new bundle, then writes it anew). */
const CHECK_CACHE = join(__dirname, '..', 'dist', 'kiteguard-check.cache');

/** Runs the bundle, with its code cache unless told not to; returns its exports and the script (to make a cache of). */
function loadCheckBundle({ cache = true } = {}) {
  let cachedData;
  try {
    if (cache) cachedData = readFileSync(CHECK_CACHE);
  } catch {
    // No cache: compiled as usual.
  }
  const script = new Script(Module.wrap(readFileSync(CHECK_BUNDLE, 'utf8')), { filename: CHECK_BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(CHECK_BUNDLE), module, CHECK_BUNDLE, dirname(CHECK_BUNDLE));
  return { exports: module.exports, script };
}

module.exports = { CHECK_BUNDLE, CHECK_CACHE, loadCheckBundle };
