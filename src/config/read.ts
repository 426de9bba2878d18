// Finds and reads the config file a command runs with.
import { readTextBounded } from '../files.js';
import { DEFAULT_LIMITS } from '../yaml/load.js';
import type { RuleInfo } from '../model/report.js';
import { findConfig, loadConfig, type Config } from './load.js';

/** The config at `explicitPath`, else the nearest `.kiteguard.yml` upward from `cwd`, else an empty one. */
export function readConfigFile(cwd: string, explicitPath: string | undefined, catalog: RuleInfo[]): Config {
  const file = explicitPath ?? findConfig(cwd);
  if (!file) return { rules: {}, waivers: [], attestations: [] };
  // Read bounded and as strict UTF-8, like pipeline files; a folder or an unreadable file is an InputError naming it.
  const text = readTextBounded(file, DEFAULT_LIMITS.maxBytes);
  return { ...loadConfig(text, file, catalog), file };
}
