// `kiteguard diff OLD NEW`: what changed between two sweeps.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT, type CliIo } from './io.js';

/** Adds the `diff` command to the program. */
export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('what changed between two sweeps: new, resolved and newly unknown failures, expired waivers, and the settings behind them')
    .argument('<old>', "the earlier sweep's directory or results.json")
    .argument('<new>', "the later sweep's directory or results.json")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (oldPath: string, newPath: string, flags: { format: 'text' | 'json' }) => {
      const [{ loadCatalog }, { readResults }, { readSnapshot }, { computeDrift }, fmt] = await Promise.all([
        import('../sweep/evaluate-command.js'),
        import('../report/read-json.js'),
        import('../snapshot/io.js'),
        import('../drift/drift.js'),
        import('../drift/format.js'),
      ]);
      const catalog = loadCatalog();
      const [before, after] = [oldPath, newPath].map((p) => resultsFile(resolve(io.cwd, p)));
      const reports = [before!, after!].map((f) => readResults(f, catalog));
      const snapshots = [before!, after!].map((f) => join(dirname(f), 'snapshot.json'));
      const both = snapshots.every((s) => existsSync(s)) ? { before: readSnapshot(snapshots[0]!), after: readSnapshot(snapshots[1]!) } : undefined;
      const drift = computeDrift(reports[0]!, reports[1]!, both);
      const current = reports[1]!.generatedAt;
      io.stdout(flags.format === 'json' ? fmt.formatDriftJson(drift, current) : fmt.formatDriftText(drift, current));
      if (!both && flags.format === 'text') io.stderr('kiteguard: no snapshot.json beside both results files, so the settings behind the changes are not shown\n');
      setExit(drift.newFailures.length > 0 ? EXIT.findings : EXIT.ok);
    });
}

/** A sweep directory's results.json, or the file itself. */
function resultsFile(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
}
