// `kiteguard check [paths…]`: the pre-commit and CI-gate command.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { runCheck } from '../check/check.js';
import { InputError } from '../errors.js';
import { SEVERITIES, type Severity } from '../model/report.js';
import { VERSION } from '../version.js';
import { EXIT, type CliIo } from './io.js';
import { FORMATS, render, type Format } from './render.js';
import { isBlocking } from '../model/blocking.js';

/** Adds the `check` command to the program. */
export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('check Buildkite pipeline YAML files (default: .buildkite/**/*.yml and buildkite.yml); `-` reads stdin')
    .argument('[paths...]', 'pipeline files or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: high, or fail_on in the config)').choices(SEVERITIES))
    .option('-c, --config <file>', 'config file (default: .kiteguard.yml found upward from the current directory)')
    .option('--show-waived', 'list waived findings in text output')
    .action(async (paths: string[], opts: { format: Format; output?: string; failOn?: Severity; config?: string; showWaived?: boolean }) => {
      const { report, errors } = await runCheck({
        paths,
        cwd: io.cwd,
        readStdin: io.readStdin,
        ...(io.policy ? { policy: io.policy } : {}),
        ...(opts.config ? { configPath: resolve(io.cwd, opts.config) } : {}),
        ...(opts.failOn ? { failOn: opts.failOn } : {}),
        now: new Date(),
        version: VERSION,
      });
      for (const err of errors) io.stderr(`kiteguard: ${err.message}\n`);
      if (report.targets.length === 0 && errors.length === 0) {
        throw new InputError(paths.length ? 'no pipeline files found in the given paths' : 'no pipeline files found (looked for .buildkite/**/*.yml, buildkite.yml, .buildkite.yml); name files to check');
      }
      const color = !opts.output && io.stdoutIsTTY && !io.env.NO_COLOR;
      const text = await render(report, opts.format, { color, showWaived: Boolean(opts.showWaived), env: io.env, warn: (m) => io.stderr(`kiteguard: ${m}\n`) });
      if (opts.output) writeFileSync(resolve(io.cwd, opts.output), text);
      else io.stdout(text);
      const blocking = report.outcomes.some((o) => o.findings.some((f) => isBlocking(f, report.failOn)));
      setExit(errors.length > 0 ? EXIT.usage : blocking ? EXIT.findings : EXIT.ok);
    });
}
