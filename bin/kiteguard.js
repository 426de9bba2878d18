#!/usr/bin/env node
// kiteguard command-line entry: runs the bundled CLI and sets the exit code (never calls process.exit).
// CommonJS (bin/package.json), so `check` starts without Node's ES module loader.
'use strict';
const { readFile, statSync } = require('node:fs');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { loadCheckBundle } = require('./load-check.js');

const [command, ...args] = process.argv.slice(2);
const checking = command === 'check' || command === 'check-agent';

// Pipeline files up to this size together are checked as a one-shot run (below); larger ones evaluate long enough for optimized code to pay.
const ONE_SHOT_BYTES = 256 * 1024;

// The shipped policies are read while the CLI loads (node:fs's callback form: node:fs/promises would load
// more of Node), except when a `--bundle` replaces them.
const ownBundle = process.argv.includes('--bundle');
const wasm = ownBundle
  ? undefined
  : new Promise((resolve, reject) => readFile(join(__dirname, '..', 'dist', 'policy.wasm'), (err, bytes) => (err ? reject(err) : resolve(bytes))));

// `check` and `check-agent` run the bundle of only those two commands, with its code cache; it is loaded
// before any V8 flag changes, since V8 accepts a code cache only under the flags it was made with.
const oneShotMain = checking ? loadCheckBundle().exports.main : undefined;

// A one-shot run (a check of a few small named files, as a pre-commit hook runs it) evaluates each
// file once. V8 optimizes hot Wasm and JavaScript functions on background threads and Node waits for
// those compilations before the process exits, so such a run pays for code it never reuses: it stays
// on the baseline compilers. Its young generation also stays at its first size, since a short run
// frees little by growing it; that keeps peak memory down at no measured cost in time. Folders,
// discovery, longer lists and large files keep V8's defaults, which pay over much work. The flags are
// V8-internal: they are set only on the Node versions whose V8 has them (20 to 24; measured on 20).
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (checking && oneShot(args) && NODE_MAJOR >= 20 && NODE_MAJOR <= 24) {
  setFlagsFromString('--liftoff-only --no-turbofan --no-maglev --semi-space-growth-factor=1');
}

// Compile the shipped policies on V8's background threads (while the full CLI loads); on any
// failure the CLI reads the file itself and reports the problem.
const policy = wasm?.then((bytes) => WebAssembly.compile(bytes)).catch(() => undefined);
const main = oneShotMain ? Promise.resolve(oneShotMain) : import('../dist/kiteguard.js').then((cli) => cli.main);

main.then((run) => run(process.argv.slice(2), policy)).then((code) => {
  process.exitCode = code;
});

// One to eight arguments name regular files of at most ONE_SHOT_BYTES together, and none a folder.
function oneShot(paths) {
  let files = 0;
  let bytes = 0;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch {
      // Not a path this process can look at: the command reports it.
    }
    if (stat?.isDirectory()) return false;
    if (stat?.isFile()) {
      files++;
      bytes += stat.size;
    }
  }
  return files >= 1 && files <= 8 && bytes <= ONE_SHOT_BYTES;
}
