// Entry point of the CLI: parses argv with commander and dispatches to one command per file.
import { Command, CommanderError } from 'commander';
import { KiteguardError } from '../errors.js';
import { scrubCredentials } from '../redact.js';
import { showControlChars } from '../report/summary.js';
import { VERSION } from '../version.js';
import { registerBlastRadius } from './blast-radius.js';
import { registerCheck } from './check.js';
import { registerCheckAgent } from './check-agent.js';
import { registerCollect } from './collect.js';
import { registerDiff } from './diff.js';
import { registerEvaluate } from './evaluate.js';
import { registerExplain } from './explain.js';
import { registerMerge } from './merge.js';
import { registerSweep } from './sweep.js';
import { exitCode, type CommandResult } from './exit.js';
import type { CliIo } from './io.js';
import { registerNormalize } from './normalize.js';
import { registerPolicy } from './policy.js';
import { registerRules } from './rules.js';

/** Every command, in the order `--help` lists them. */
const COMMANDS = [
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
export async function run(argv: string[], raw: CliIo): Promise<number> {
  // Nothing token-shaped reaches stderr, whatever a server or an input echoed into a message.
  const io: CliIo = { ...raw, stderr: (text) => raw.stderr(scrubCredentials(text)) };
  const program = new Command('kiteguard')
    .description('Policy-as-code compliance checks for Buildkite pipelines and GitHub + Buildkite estates')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `kiteguard --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let result: CommandResult = { kind: 'done' };
  const finish = (r: CommandResult) => {
    result = r;
  };
  for (const register of COMMANDS) register(program, io, finish);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      return exitCode(ok ? { kind: 'done' } : { kind: 'error' });
    }
    if (err instanceof KiteguardError) {
      io.stderr(`kiteguard: ${showControlChars(err.message)}\n`);
      return exitCode({ kind: 'error' });
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(`kiteguard: internal error: ${showControlChars(detail)}\n`);
    return exitCode({ kind: 'error' });
  }
  return exitCode(result);
}
