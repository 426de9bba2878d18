// `kiteguard merge FILE…`: joins the parts of a sharded sweep (snapshots, or results) into one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { CliIo } from './io.js';

/** Adds the `merge` command to the program. */
export function registerMerge(program: Command, io: CliIo): void {
  program
    .command('merge')
    .description('join the snapshots, or the results files, of a sharded sweep into one')
    .argument('<files...>', 'snapshot.json files, or results.json files, one per shard')
    .requiredOption('-o, --output <file>', 'where to write the merged file')
    .action(async (files: string[], flags: { output: string }) => {
      const paths = files.map((f) => resolve(io.cwd, f));
      const kinds = paths.map(kindOf);
      if (new Set(kinds).size > 1) throw new UsageError('merge takes snapshots or results files, not a mix of both');
      const out = resolve(io.cwd, flags.output);
      if (kinds[0] === 'snapshot') {
        const [{ readSnapshot, writeSnapshot }, { mergeSnapshots }] = await Promise.all([import('../snapshot/io.js'), import('../sweep/merge.js')]);
        writeSnapshot(out, mergeSnapshots(paths.map(readSnapshot)));
      } else {
        const [{ readResults }, { mergeReports }, { jsonDocument }, { loadCatalog }, { writeJsonFile }] = await Promise.all([
          import('../report/read-json.js'),
          import('../sweep/merge.js'),
          import('../report/json.js'),
          import('../sweep/evaluate-command.js'),
          import('../snapshot/json-writer.js'),
        ]);
        const catalog = loadCatalog();
        writeJsonFile(out, jsonDocument(mergeReports(paths.map((p) => readResults(p, catalog)))));
      }
      io.stderr(`kiteguard: merged ${paths.length} ${kinds[0] === 'snapshot' ? 'snapshots' : 'results files'} into ${flags.output}\n`);
    });
}

// A snapshot has schemaVersion; a results file has format.name.
function kindOf(file: string): 'snapshot' | 'results' {
  let doc: { schemaVersion?: unknown; format?: { name?: unknown } };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch (err) {
    throw new InputError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; expected a snapshot or a results file`, { file });
  }
  if (doc && typeof doc === 'object' && 'schemaVersion' in doc) return 'snapshot';
  if (doc?.format?.name === 'kiteguard-report') return 'results';
  throw new InputError('neither a kiteguard snapshot nor a results file', { file });
}
