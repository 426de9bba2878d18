// The CLI runner both entries share: commander with the given commands, and every error turned into an exit code.
import { Command, CommanderError } from 'commander';
import { KiteguardError } from '../errors.js';
import { scrubCredentials } from '../redact.js';
import { showControlChars } from '../report/summary.js';
import { VERSION } from '../version.js';
import { exitCode, type CommandResult } from './exit.js';
import type { CliIo, Finish } from './io.js';

/** Adds one command to the program. */
export type RegisterCommand = (program: Command, io: CliIo, finish: Finish) => void;

/** Runs kiteguard with the given commands and arguments (without `node` and the script) and returns the exit code. */
export async function runCommands(argv: string[], raw: CliIo, commands: readonly RegisterCommand[]): Promise<number> {
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
  for (const register of commands) register(program, io, finish);
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
