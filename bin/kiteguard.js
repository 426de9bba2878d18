#!/usr/bin/env node
// kiteguard command-line entry: runs the bundled CLI and sets the exit code (never calls process.exit).
import { readFile } from 'node:fs/promises';

// Compile the policy bundle on V8's background threads while the CLI module loads; on any
// failure the CLI reads the file itself and reports the problem.
const policy = readFile(new URL('../dist/policy.wasm', import.meta.url))
  .then((bytes) => WebAssembly.compile(bytes))
  .catch(() => undefined);
const { main } = await import('../dist/kiteguard.js');

process.exitCode = await main(process.argv.slice(2), policy);
