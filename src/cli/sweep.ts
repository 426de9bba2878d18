// `kiteguard sweep`: collect, evaluate and report in one go, into a directory.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addCollectOptions, collectRequest, progressDisplay, type CollectFlags } from './collect.js';
import { addEvaluateOptions, evaluationTime, type EvaluateFlags } from './evaluate.js';
import { useBundle } from './bundle-options.js';
import type { CliIo, Finish } from './io.js';

/** Adds the `sweep` command to the program. */
export function registerSweep(program: Command, io: CliIo, finish: Finish): void {
  addEvaluateOptions(
    addCollectOptions(
      program
        .command('sweep')
        .description('collect, evaluate and report: writes snapshot.json, results.json, report.html and summary.md into --out'),
    ).requiredOption('--out <dir>', 'directory for the snapshot, results, HTML report and Markdown summary'),
  ).action(async (flags: CollectFlags & EvaluateFlags & { out: string }) => {
    await useBundle(io, flags);
    const request = collectRequest(flags, io);
    const { runSweep } = await import('../app/sweep.js');
    const report = await runSweep(
      {
        collect: request,
        out: resolve(io.cwd, flags.out),
        cwd: io.cwd,
        now: evaluationTime(flags.now),
        ...(flags.config ? { configPath: resolve(io.cwd, flags.config) } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
        ...(flags.baseline ? { baseline: resolve(io.cwd, flags.baseline) } : {}),
      },
      io,
      progressDisplay(io, request.quiet),
    );
    finish({ kind: 'report', report, failOnUnknown: Boolean(flags.failOnUnknown) });
  });
}
