// One blast-radius answer of any kind, with the snapshot it came from, as both formatters take it.
import type { EnvReport } from './env.js';
import type { SecretReport } from './secret.js';
import type { TokenReport } from './token.js';

/** The answer to a secret, env or token query. */
export type BlastReport = SecretReport | EnvReport | TokenReport;

/** Which snapshot was asked. */
export interface SnapshotInfo {
  file: string;
  collected_at: string;
  buildkite_org: string;
  github_org: string | null;
}
