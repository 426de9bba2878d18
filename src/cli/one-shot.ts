// The CLI of the one-shot bundle (dist/kiteguard-check.cjs): only `check` and `check-agent`, so a pre-commit
// run loads none of the other commands; the same runner and commands as the full CLI.
import { registerCheck } from './check.js';
import { registerCheckAgent } from './check-agent.js';
import type { CliIo } from './io.js';
import { runCommands } from './run.js';

/** Runs `check` or `check-agent` with the given arguments (without `node` and the script) and returns the exit code. */
export function run(argv: string[], raw: CliIo): Promise<number> {
  return runCommands(argv, raw, [registerCheck, registerCheckAgent]);
}
