// `kiteguard diff OLD NEW`: what changed between two sweeps.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo, Finish } from './io.js';

/** Adds the `diff` command to the program. */
export function registerDiff(program: Command, io: CliIo, finish: Finish): void {
  program
    .command('diff')
    .description('what changed between two sweeps: new, resolved and newly unknown failures, expired waivers, and the settings behind them')
    .argument('<old>', "the earlier sweep's directory or results.json")
    .argument('<new>', "the later sweep's directory or results.json")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (oldPath: string, newPath: string, flags: { format: 'text' | 'json' }) => {
      const { runDiff } = await import('../app/diff.js');
      const drift = runDiff({ before: resolve(io.cwd, oldPath), after: resolve(io.cwd, newPath), format: flags.format }, io);
      finish({ kind: 'drift', drift });
    });
}
