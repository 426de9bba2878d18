// The options every evaluating command (`check`, `evaluate`, `sweep`) declares the same way.
import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../model/report.js';

/** The config file and the thresholds that decide the exit code, as commander parses them. */
export interface VerdictFlags {
  config?: string;
  failOn?: Severity;
  failOnUnknown?: boolean;
}

/** Adds `--config`, `--fail-on` and `--fail-on-unknown`. */
export function addVerdictOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: .kiteguard.yml found upward from the current directory)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing finding is at or above this severity (default: high, or fail_on in the config)').choices(SEVERITIES))
    .option('--fail-on-unknown', 'also exit 1 when a rule could not be decided (unknown)');
}

/** When text output is coloured. */
export const COLOR_MODES = ['auto', 'always', 'never'] as const;

/** Adds `--color auto|always|never`. */
export function addColorOption(command: Command): Command {
  return command.addOption(new Option('--color <when>', 'colour text output: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never').choices(COLOR_MODES).default('auto'));
}

/** Whether to colour: `--color always|never` wins; else NO_COLOR turns it off, FORCE_COLOR (not 0 or false) on, and otherwise a terminal that is not a file does. */
export function useColor(mode: string | undefined, env: Record<string, string | undefined>, stdoutIsTTY: boolean, toFile: boolean): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force.toLowerCase() !== 'false') return true;
  return stdoutIsTTY && !toFile;
}
