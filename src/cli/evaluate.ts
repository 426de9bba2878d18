// `kiteguard evaluate SNAPSHOT`: offline evaluation of a collected snapshot.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { PRIVATE_FILE_MODE, writeFileSafely } from '../files.js';
import { resolveShard } from '../shard/shard.js';
import { addBundleOptions, useBundle, type BundleFlags } from './bundle-options.js';
import type { CliIo, Finish } from './io.js';
import { addColorOption, addVerdictOptions, useColor, type VerdictFlags } from './options.js';
import { render, REPORT_FORMATS, sarifOptions, type ReportFormat } from './render.js';

/** Options shared by `evaluate` and `sweep`. */
export interface EvaluateFlags extends VerdictFlags, BundleFlags {
  format?: ReportFormat;
  shard?: string;
  baseline?: string;
  now?: string;
  color?: string;
}

/** Adds the options that decide what an evaluation reports and how it exits. */
export function addEvaluateOptions(command: Command): Command {
  return addBundleOptions(addColorOption(addVerdictOptions(command)))
    .option('--baseline <results.json>', "a previous sweep's results: adds what changed since (its snapshot.json beside it adds the settings behind the changes)")
    .option('--now <time>', 'evaluate as of this ISO time (token ages, waiver and attestation expiry); default: now');
}

/** Adds the `evaluate` command to the program. */
export function registerEvaluate(program: Command, io: CliIo, finish: Finish): void {
  addEvaluateOptions(
    program
      .command('evaluate')
      .description('evaluate a snapshot offline (no network) and write the results')
      .argument('<snapshot>', 'a snapshot written by `kiteguard collect` or `kiteguard sweep`')
      .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS.filter((f) => f !== 'buildkite')).default('text'))
      .option('-o, --output <file>', 'write the results to a file instead of stdout')
      .option('--shard <i/n>', 'evaluate part i of n of the repositories and pipelines (the first part also evaluates the organization)')
      .option('--sarif-root <dir>', 'SARIF URIs are relative to this folder (default: the git checkout holding the current directory)'),
  ).action(async (file: string, flags: EvaluateFlags & { output?: string; sarifRoot?: string }) => {
    await useBundle(io, flags);
    const { evaluateSnapshotFile } = await import('../app/evaluate.js');
    const shard = resolveShard(flags.shard, io.env);
    const report = await evaluateSnapshotFile(resolve(io.cwd, file), {
      cwd: io.cwd,
      now: evaluationTime(flags.now),
      ...(flags.config ? { configPath: resolve(io.cwd, flags.config) } : {}),
      ...(flags.failOn ? { failOn: flags.failOn } : {}),
      ...(shard ? { shard } : {}),
      ...(flags.baseline ? { baseline: resolve(io.cwd, flags.baseline) } : {}),
    });
    if (flags.output && flags.format === 'json') {
      // A sweep's results can be tens of MiB: write them in pieces rather than as one string.
      const [{ jsonDocument }, { writeJsonFile }] = await Promise.all([import('../report/json.js'), import('../snapshot/json-writer.js')]);
      writeJsonFile(resolve(io.cwd, flags.output), jsonDocument(report), PRIVATE_FILE_MODE);
    } else {
      const text = await render(report, flags.format ?? 'text', { ...renderOptions(io, Boolean(flags.output), flags.color), sarif: sarifOptions('evaluate', io.cwd, flags.sarifRoot) });
      if (flags.output) writeFileSafely(resolve(io.cwd, flags.output), text, PRIVATE_FILE_MODE);
      else io.stdout(text);
    }
    finish({ kind: 'report', report, failOnUnknown: Boolean(flags.failOnUnknown) });
  });
}

/** `--now`, checked; the current time when absent. */
export function evaluationTime(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const t = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t.getTime())) throw new UsageError(`--now ${value}: expected an ISO date or time, e.g. 2026-12-01T00:00:00Z`);
  return t;
}

/** Render options for commands whose output may go to a terminal. */
export function renderOptions(io: CliIo, toFile: boolean, color?: string): Parameters<typeof render>[2] {
  return { color: useColor(color, io.env, io.stdoutIsTTY, toFile), showWaived: false, env: io.env, warn: (m) => io.stderr(`kiteguard: ${m}\n`) };
}
