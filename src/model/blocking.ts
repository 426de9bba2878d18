// The blocking rule: which findings count against a run at a given `--fail-on` threshold.
import { SEVERITIES, type Finding, type Severity } from './report.js';

/** Position of a severity in `SEVERITIES` (low = 0 … critical = 3). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when a finding is covered by a valid waiver. */
export function isWaived(finding: Finding): boolean {
  return finding.waiver !== undefined;
}

/** True when a finding is not waived and is at or above the `--fail-on` threshold. */
export function isBlocking(finding: Finding, failOn: Severity): boolean {
  return !isWaived(finding) && severityRank(finding.severity) >= severityRank(failOn);
}
