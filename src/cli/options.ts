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
