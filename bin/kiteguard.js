#!/usr/bin/env node
// kiteguard command-line entry: runs the bundled CLI and sets the exit code (never calls process.exit).
import { main } from '../dist/kiteguard.js';

process.exitCode = await main(process.argv.slice(2));
