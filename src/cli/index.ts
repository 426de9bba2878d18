// Entry point of the CLI: parses argv with commander and dispatches to one command per file.
import { registerBlastRadius } from './blast-radius.js';
import { registerCheck } from './check.js';
import { registerCheckAgent } from './check-agent.js';
import { registerCollect } from './collect.js';
import { registerDiff } from './diff.js';
import { registerEvaluate } from './evaluate.js';
import { registerExplain } from './explain.js';
import { registerMerge } from './merge.js';
import { registerSweep } from './sweep.js';
import type { CliIo } from './io.js';
import { registerNormalize } from './normalize.js';
import { registerPolicy } from './policy.js';
import { registerRules } from './rules.js';
import { runCommands, type RegisterCommand } from './run.js';

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerCheck,
  registerCheckAgent,
  registerCollect,
  registerEvaluate,
  registerSweep,
  registerDiff,
  registerMerge,
  registerRules,
  registerExplain,
  registerNormalize,
  registerBlastRadius,
  registerPolicy,
];

/** Runs kiteguard with the given arguments (without `node` and the script) and returns the exit code. */
export function run(argv: string[], raw: CliIo): Promise<number> {
  return runCommands(argv, raw, COMMANDS);
}
