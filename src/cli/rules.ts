// `kiteguard rules`: lists the rule catalog, from the policies' METADATA.
import type { Command } from 'commander';
import { listRules } from '../app/rules.js';
import { addBundleOptions, useBundle, type BundleFlags } from './bundle-options.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `rules` command to the program. */
export function registerRules(program: Command, io: CliIo, finish: Finish): void {
  addBundleOptions(
    program
      .command('rules')
      .description('list every rule with its id, severity, area, title and documentation link')
      .option('--json', 'print the full catalog (descriptions, remediation, knobs) as JSON'),
  ).action(async (opts: { json?: boolean } & BundleFlags) => {
    await useBundle(io, opts);
    listRules(Boolean(opts.json), io);
    finish({ kind: 'done' });
  });
}
