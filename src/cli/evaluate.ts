// `kiteguard evaluate SNAPSHOT`: offline evaluation of a collected snapshot.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { SEVERITIES, type Report, type Severity } from '../model/report.js';
import { isBlocking } from '../model/blocking.js';
import { resolveShard } from '../shard/shard.js';
import { EXIT, type CliIo } from './io.js';
import { render, REPORT_FORMATS, type ReportFormat } from './render.js';

/** Options shared by `evaluate` and `sweep`. */
export interface EvaluateFlags {
  format?: ReportFormat;
  config?: string;
  failOn?: Severity;
  failOnUnknown?: boolean;
  shard?: string;
  baseline?: string;
  now?: string;
}

/** Adds the options that decide what an evaluation reports and how it exits. */
export function addEvaluateOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: .kiteguard.yml found upward from the current directory)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing finding is at or above this severity (default: high, or fail_on in the config)').choices(SEVERITIES))
    .option('--fail-on-unknown', 'also exit 1 when a rule could not be decided (unknown)')
    .option('--baseline <results.json>', "a previous sweep's results: adds what changed since (its snapshot.json beside it adds the settings behind the changes)")
    .option('--now <time>', 'evaluate as of this ISO time (token ages, waiver and attestation expiry); default: now');
}

/** Adds the `evaluate` command to the program. */
export function registerEvaluate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addEvaluateOptions(
    program
      .command('evaluate')
      .description('evaluate a snapshot offline (no network) and write the results')
      .argument('<snapshot>', 'a snapshot written by `kiteguard collect` or `kiteguard sweep`')
      .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS.filter((f) => f !== 'buildkite')).default('text'))
      .option('-o, --output <file>', 'write the results to a file instead of stdout')
      .option('--shard <i/n>', 'evaluate part i of n of the repositories and pipelines (the first part also evaluates the organization)'),
  ).action(async (file: string, flags: EvaluateFlags & { output?: string }) => {
    const { evaluateSnapshot } = await import('../sweep/evaluate-command.js');
    const { readSnapshot } = await import('../snapshot/io.js');
    const shard = resolveShard(flags.shard, io.env);
    const report = await evaluateSnapshot({
      snapshot: readSnapshot(resolve(io.cwd, file)),
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
      writeJsonFile(resolve(io.cwd, flags.output), jsonDocument(report));
    } else {
      const text = await render(report, flags.format ?? 'text', renderOptions(io, Boolean(flags.output)));
      if (flags.output) writeFileSync(resolve(io.cwd, flags.output), text);
      else io.stdout(text);
    }
    setExit(exitCodeOf(report, Boolean(flags.failOnUnknown)));
  });
}

/** 1 when a failing finding is at or above the threshold (or, when asked, a rule is unknown), else 0. */
export function exitCodeOf(report: Report, failOnUnknown: boolean): number {
  const blocking = report.outcomes.some((o) => o.findings.some((f) => isBlocking(f, report.failOn)));
  const unknown = failOnUnknown && report.outcomes.some((o) => o.outcome === 'unknown');
  return blocking || unknown ? EXIT.findings : EXIT.ok;
}

/** `--now`, checked; the current time when absent. */
export function evaluationTime(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const t = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t.getTime())) throw new UsageError(`--now ${value}: expected an ISO date or time, e.g. 2026-12-01T00:00:00Z`);
  return t;
}

/** Render options for commands whose output may go to a terminal. */
export function renderOptions(io: CliIo, toFile: boolean): Parameters<typeof render>[2] {
  return { color: !toFile && io.stdoutIsTTY && !io.env.NO_COLOR, showWaived: false, env: io.env, warn: (m) => io.stderr(`kiteguard: ${m}\n`) };
}
