// JSON output of a blast-radius answer: stable keys, for tooling.
import type { BlastReport, SnapshotInfo } from './report.js';

/** The report as indented JSON: `query`, `matched`, `snapshot`, then the query's own sections. */
export function formatJson(report: BlastReport, snapshot: SnapshotInfo): string {
  const { query, matched, ...rest } = report;
  return `${JSON.stringify({ query, matched, snapshot, ...rest }, null, 2)}\n`;
}
