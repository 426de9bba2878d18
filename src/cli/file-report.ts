// What `check` and `check-agent` share on the command line: their output options, and printing a report of
// files with the inputs that could not be read.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CheckResult } from '../app/check.js';
import type { InputError } from '../errors.js';
import { writeFileSafely } from '../files.js';
import type { Report } from '../model/report.js';
import { showControlChars } from '../report/summary.js';
import type { CliIo, Finish } from './io.js';
import { addColorOption, addVerdictOptions, useColor, type VerdictFlags } from './options.js';
import { FORMATS, render, sarifOptions, type Format } from './render.js';

/** The output and verdict flags of a command that checks files. */
export interface FileReportFlags extends VerdictFlags {
  format: Format;
  output?: string;
  showWaived?: boolean;
  sarifRoot?: string;
  color?: string;
}

/** Adds `--format`, `--output`, `--color`, `--show-waived`, `--sarif-root` and the verdict options. */
export function addFileReportOptions(command: Command): Command {
  return addColorOption(
    addVerdictOptions(
      command
        .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
        .option('-o, --output <file>', 'write the report to a file instead of stdout'),
    ),
  )
    .option('--show-waived', 'list waived findings in text output')
    .option('--sarif-root <dir>', 'SARIF URIs are relative to this folder (default: the git checkout holding the current directory)');
}

/** Reports skipped and unreadable inputs on stderr, writes the report where the flags say, and hands the result to the exit-code module. */
export async function printFileReport(
  io: CliIo,
  finish: Finish,
  command: 'check' | 'check-agent',
  flags: FileReportFlags,
  report: Report,
  errors: InputError[],
  skipped: CheckResult['skipped'] = [],
): Promise<void> {
  for (const s of skipped) io.stderr(`kiteguard: skipped ${showControlChars(s.name)}: ${showControlChars(s.reason)}\n`);
  for (const err of errors) io.stderr(`kiteguard: ${showControlChars(err.message)}\n`);
  const text = await render(report, flags.format, {
    color: useColor(flags.color, io.env, io.stdoutIsTTY, Boolean(flags.output)),
    showWaived: Boolean(flags.showWaived),
    env: io.env,
    warn: (m) => io.stderr(`kiteguard: ${m}\n`),
    sarif: sarifOptions(command, io.cwd, flags.sarifRoot),
  });
  if (flags.output) writeFileSafely(resolve(io.cwd, flags.output), text);
  else io.stdout(text);
  finish({ kind: 'report', report, failOnUnknown: Boolean(flags.failOnUnknown), unreadableInputs: errors.length });
}
