// The organization's settings from the verified policy bundle in use, combined with the local `.kiteguard.yml`.
import type { Config } from '../config/load.js';
import { mergeOrgConfig } from '../config/org.js';
import { readConfigFile } from '../config/read.js';
import { bundleAsset } from '../engine/assets.js';
import type { RuleInfo } from '../model/report.js';

/** The config a command evaluates with: the local one (`explicitPath`, else found from `cwd`) under the bundle's organization settings. */
export function effectiveConfig(cwd: string, explicitPath: string | undefined, catalog: RuleInfo[]): Config {
  const local = readConfigFile(cwd, explicitPath, catalog);
  const org = bundleAsset('org-config.json');
  return mergeOrgConfig(org ? (JSON.parse(org.toString('utf8')) as Config) : undefined, local);
}
