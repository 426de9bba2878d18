// `kiteguard merge FILE…`: joins the parts of a sharded sweep (snapshots, or results) into one.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo, Finish } from './io.js';

/** Adds the `merge` command to the program. */
export function registerMerge(program: Command, io: CliIo, finish: Finish): void {
  program
    .command('merge')
    .description('join the snapshots, or the results files, of a sharded sweep into one')
    .argument('<files...>', 'snapshot.json files, or results.json files, one per shard')
    .requiredOption('-o, --output <file>', 'where to write the merged file')
    .action(async (files: string[], flags: { output: string }) => {
      const { runMerge } = await import('../app/merge.js');
      const merged = runMerge(
        files.map((f) => resolve(io.cwd, f)),
        resolve(io.cwd, flags.output),
      );
      io.stderr(`kiteguard: merged ${merged.count} ${merged.kind === 'snapshot' ? 'snapshots' : 'results files'} into ${flags.output}\n`);
      finish({ kind: 'done' });
    });
}
