// `kiteguard check [paths…]`: the pre-commit and CI-gate command.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { runCheck } from '../app/check.js';
import { writeFileSafely } from '../files.js';
import { VERSION } from '../version.js';
import type { CliIo, Finish } from './io.js';
import { addVerdictOptions, type VerdictFlags } from './options.js';
import { FORMATS, render, type Format } from './render.js';
import { showControlChars } from '../report/summary.js';

/** Adds the `check` command to the program. */
export function registerCheck(program: Command, io: CliIo, finish: Finish): void {
  addVerdictOptions(
    program
      .command('check')
      .description('check Buildkite pipeline YAML files (default: .buildkite/**/*.yml and buildkite.yml); `-` reads stdin')
      .argument('[paths...]', 'pipeline files or directories')
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of stdout'),
  )
    .option('--show-waived', 'list waived findings in text output')
    .option('--stdin-filename <name>', 'the name `-` (stdin) is reported under and waivers match, as if it were that file')
    .action(async (paths: string[], opts: VerdictFlags & { format: Format; output?: string; showWaived?: boolean; stdinFilename?: string }) => {
      const { report, errors, skipped } = await runCheck({
        paths,
        cwd: io.cwd,
        readStdin: io.readStdin,
        ...(io.policy ? { policy: io.policy } : {}),
        ...(opts.config ? { configPath: resolve(io.cwd, opts.config) } : {}),
        ...(opts.failOn ? { failOn: opts.failOn } : {}),
        ...(opts.stdinFilename ? { stdinName: opts.stdinFilename } : {}),
        now: new Date(),
        version: VERSION,
      });
      for (const s of skipped) io.stderr(`kiteguard: skipped ${showControlChars(s.name)}: ${showControlChars(s.reason)}\n`);
      for (const err of errors) io.stderr(`kiteguard: ${showControlChars(err.message)}\n`);
      const color = !opts.output && io.stdoutIsTTY && !io.env.NO_COLOR;
      const text = await render(report, opts.format, { color, showWaived: Boolean(opts.showWaived), env: io.env, warn: (m) => io.stderr(`kiteguard: ${m}\n`) });
      if (opts.output) writeFileSafely(resolve(io.cwd, opts.output), text);
      else io.stdout(text);
      finish({ kind: 'report', report, failOnUnknown: Boolean(opts.failOnUnknown), unreadableInputs: errors.length });
    });
}
