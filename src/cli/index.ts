// Entry point of the CLI: parses argv with commander and dispatches to one command per file.
import { Command, CommanderError } from 'commander';
import { KiteguardError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerBlastRadius } from './blast-radius.js';
import { registerCheck } from './check.js';
import { registerCollect } from './collect.js';
import { registerDiff } from './diff.js';
import { registerEvaluate } from './evaluate.js';
import { registerMerge } from './merge.js';
import { registerSweep } from './sweep.js';
import { EXIT, type CliIo } from './io.js';
import { registerNormalize } from './normalize.js';
import { registerRules } from './rules.js';

/** Runs kiteguard with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('kiteguard')
    .description('Policy-as-code compliance checks for Buildkite pipelines and GitHub + Buildkite estates')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `kiteguard --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerCheck(program, io, setExit);
  registerCollect(program, io, setExit);
  registerEvaluate(program, io, setExit);
  registerSweep(program, io, setExit);
  registerDiff(program, io, setExit);
  registerMerge(program, io);
  registerRules(program, io);
  registerNormalize(program, io);
  registerBlastRadius(program, io, setExit);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      return ok ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof KiteguardError) {
      io.stderr(`kiteguard: ${err.message}\n`);
      return EXIT.usage;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(`kiteguard: internal error: ${detail}\n`);
    return EXIT.usage;
  }
  return exitCode;
}
