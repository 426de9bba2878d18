// `kiteguard check [paths…]`: the pre-commit and CI-gate command.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runCheck } from '../app/check.js';
import { VERSION } from '../version.js';
import { addBundleOptions, useBundle, type BundleFlags } from './bundle-options.js';
import { addFileReportOptions, printFileReport, type FileReportFlags } from './file-report.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `check` command to the program. */
export function registerCheck(program: Command, io: CliIo, finish: Finish): void {
  addBundleOptions(
    addFileReportOptions(
      program
        .command('check')
        .description('check Buildkite pipeline YAML files (default: .buildkite/**/*.{yml,yaml}, buildkite.{yml,yaml} and .buildkite.{yml,yaml}); `-` reads stdin')
        .argument('[paths...]', 'pipeline files or directories'),
    ),
  )
    .option('--stdin-filename <name>', 'the name `-` (stdin) is reported under and waivers match, as if it were that file')
    .action(async (paths: string[], opts: FileReportFlags & BundleFlags & { stdinFilename?: string }) => {
      const bundled = await useBundle(io, opts);
      const { report, errors, skipped } = await runCheck({
        paths,
        cwd: io.cwd,
        readStdin: io.readStdin,
        ...(io.policy && !bundled ? { policy: io.policy } : {}),
        ...(opts.config ? { configPath: resolve(io.cwd, opts.config) } : {}),
        ...(opts.failOn ? { failOn: opts.failOn } : {}),
        ...(opts.stdinFilename ? { stdinName: opts.stdinFilename } : {}),
        now: new Date(),
        version: VERSION,
      });
      await printFileReport(io, finish, 'check', opts, report, errors, skipped);
    });
}
