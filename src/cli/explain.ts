// `kiteguard explain RULE`: a rule's documentation from its METADATA.
import type { Command } from 'commander';
import { explainRule } from '../app/explain.js';
import { addBundleOptions, useBundle, type BundleFlags } from './bundle-options.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `explain` command to the program. */
export function registerExplain(program: Command, io: CliIo, finish: Finish): void {
  addBundleOptions(
    program
      .command('explain')
      .description('explain one rule: what it checks, why, how to fix it, its settings and links')
      .argument('<rule>', 'rule id, e.g. pipeline/plugin_not_pinned (the part after the slash is enough when unique)'),
  ).action(async (rule: string, opts: BundleFlags) => {
    await useBundle(io, opts);
    explainRule(rule, io);
    finish({ kind: 'done' });
  });
}
