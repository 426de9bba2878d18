// Drift between two sweeps: the outcome changes, and when both snapshots are known, the
// settings that changed behind them.
import type { Drift, Report } from '../model/report.js';
import type { Snapshot } from '../snapshot/types.js';
import { outcomeChanges } from './outcomes.js';
import { settingChanges } from './settings.js';

/** What changed from `before` to `after`; setting changes need both snapshots. */
export function computeDrift(before: Report, after: Report, snapshots?: { before: Snapshot; after: Snapshot }): Drift {
  const changes = outcomeChanges(before, after);
  const changed = [...changes.newFailures, ...changes.resolvedFailures, ...changes.newlyUnknown].map((c) => c.target);
  return {
    baselineGeneratedAt: before.generatedAt,
    ...changes,
    settingChanges: snapshots ? settingChanges(snapshots.before, snapshots.after, changed) : [],
  };
}
