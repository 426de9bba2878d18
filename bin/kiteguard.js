#!/usr/bin/env node
// kiteguard command-line entry: runs the bundled CLI and sets the exit code (never calls process.exit).
import { readFile } from 'node:fs/promises';

// Compile the shipped policies on V8's background threads while the CLI module loads (not when a
// `--bundle` replaces them); on any failure the CLI reads the file itself and reports the problem.
const policy = process.argv.includes('--bundle')
  ? undefined
  : readFile(new URL('../dist/policy.wasm', import.meta.url))
      .then((bytes) => WebAssembly.compile(bytes))
      .catch(() => undefined);
const { main } = await import('../dist/kiteguard.js');

process.exitCode = await main(process.argv.slice(2), policy);
