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

// The shipped policies are read while the CLI loads (node:fs's callback form: node:fs/promises would load
// more of Node), except when a `--bundle` replaces them.
const ownBundle = process.argv.includes('--bundle');
const wasm = ownBundle
  ? undefined
  : new Promise((resolve, reject) => readFile(join(__dirname, '..', 'dist', 'policy.wasm'), (err, bytes) => (err ? reject(err) : resolve(bytes))));

// `check` and `check-agent` run the bundle of only those two commands, with its code cache; it is loaded
// before any V8 flag changes, since V8 accepts a code cache only under the flags it was made with.
const oneShotMain = checking ? loadCheckBundle().exports.main : undefined;

// A one-shot run (a check of a few named files, as a pre-commit hook runs it) evaluates each file once.
// V8 optimizes hot Wasm functions on background threads and Node waits for those compilations before
// the process exits, so such a run pays for code it never uses: it stays on the baseline compiler.
// Folders, discovery and longer lists keep the optimizing tier, which pays over many files. The flag
// is V8-internal: it is set only on the Node versions whose V8 has it (20 to 24; measured on 20).
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (checking && fewFiles(args) && NODE_MAJOR >= 20 && NODE_MAJOR <= 24) setFlagsFromString('--liftoff-only');

// Compile the shipped policies on V8's background threads (while the full CLI loads); on any
// failure the CLI reads the file itself and reports the problem.
const policy = wasm?.then((bytes) => WebAssembly.compile(bytes)).catch(() => undefined);
const main = oneShotMain ? Promise.resolve(oneShotMain) : import('../dist/kiteguard.js').then((cli) => cli.main);

main.then((run) => run(process.argv.slice(2), policy)).then((code) => {
  process.exitCode = code;
});

// One to eight arguments name regular files, and none a folder.
function fewFiles(paths) {
  let files = 0;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch {
      // Not a path this process can look at: the command reports it.
    }
    if (stat?.isDirectory()) return false;
    if (stat?.isFile()) files++;
  }
  return files >= 1 && files <= 8;
}
