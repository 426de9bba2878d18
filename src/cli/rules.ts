// `kiteguard rules`: lists the rule catalog, from the policies' METADATA.
import type { Command } from 'commander';
import { readAsset } from '../engine/assets.js';
import { parseCatalog } from '../engine/catalog.js';
import type { CliIo } from './io.js';

/** Adds the `rules` command to the program. */
export function registerRules(program: Command, io: CliIo): void {
  program
    .command('rules')
    .description('list every rule with its id, severity, area and target')
    .option('--json', 'print the full catalog (descriptions, remediation, knobs) as JSON')
    .action((opts: { json?: boolean }) => {
      const rules = parseCatalog(readAsset('catalog.json').toString('utf8'));
      if (opts.json) {
        io.stdout(JSON.stringify(rules, null, 2) + '\n');
        return;
      }
      const width = Math.max(...rules.map((r) => r.id.length));
      for (const r of rules) {
        io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  area ${String(r.area).padStart(2)}  ${r.title}\n`);
      }
    });
}
