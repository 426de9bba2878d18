// Finds and reads the config file a command runs with.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { RuleInfo } from '../model/report.js';
import { findConfig, loadConfig, type Config } from './load.js';

/** The config at `explicitPath`, else the nearest `.kiteguard.yml` upward from `cwd`, else an empty one. */
export function readConfigFile(cwd: string, explicitPath: string | undefined, catalog: RuleInfo[]): Config {
  const file = explicitPath ?? findConfig(cwd);
  if (!file) return { rules: {}, waivers: [], attestations: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('cannot read the config file', { file });
  }
  return { ...loadConfig(text, file, catalog), file };
}
