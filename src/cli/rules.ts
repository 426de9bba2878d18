// `kiteguard rules`: lists the rule catalog, from the policies' METADATA.
import type { Command } from 'commander';
import { listRules } from '../app/rules.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `rules` command to the program. */
export function registerRules(program: Command, io: CliIo, finish: Finish): void {
  program
    .command('rules')
    .description('list every rule with its id, severity, area and target')
    .option('--json', 'print the full catalog (descriptions, remediation, knobs) as JSON')
    .action((opts: { json?: boolean }) => {
      listRules(Boolean(opts.json), io);
      finish({ kind: 'done' });
    });
}
