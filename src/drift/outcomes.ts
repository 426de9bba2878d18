// What changed between two sweeps' outcomes: new and resolved failures, newly unknown, expired waivers.
import type { Drift, DriftChange, Outcome, Report, RuleOutcome, Waiver } from '../model/report.js';

/** The outcome changes between a baseline and the current report, each list sorted by target then rule. */
export function outcomeChanges(before: Report, after: Report): Pick<Drift, 'newFailures' | 'resolvedFailures' | 'newlyUnknown' | 'expiredWaivers'> {
  const key = (o: RuleOutcome) => `${o.target}\u0000${o.ruleId}`;
  const old = new Map(before.outcomes.map((o) => [key(o), o]));
  const now = new Map(after.outcomes.map((o) => [key(o), o]));
  const newFailures: DriftChange[] = [];
  const resolvedFailures: DriftChange[] = [];
  const newlyUnknown: DriftChange[] = [];
  for (const [k, o] of now) {
    const was: Outcome | 'absent' = old.get(k)?.outcome ?? 'absent';
    if (o.outcome === 'fail' && was !== 'fail') newFailures.push(change(o.ruleId, o.target, was, o));
    if (o.outcome === 'unknown' && was !== 'unknown') newlyUnknown.push(change(o.ruleId, o.target, was, o));
  }
  for (const [k, o] of old) {
    if (o.outcome !== 'fail') continue;
    const is = now.get(k);
    if (!is || is.outcome === 'pass' || is.outcome === 'not_applicable') resolvedFailures.push(change(o.ruleId, o.target, 'fail', is));
  }
  const expiredBefore = new Set(before.expiredWaivers.map(waiverKey));
  const expiredWaivers = after.expiredWaivers.filter((w) => !expiredBefore.has(waiverKey(w)));
  const order = (a: DriftChange, b: DriftChange) => (a.target < b.target ? -1 : a.target > b.target ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
  return { newFailures: newFailures.sort(order), resolvedFailures: resolvedFailures.sort(order), newlyUnknown: newlyUnknown.sort(order), expiredWaivers };
}

function change(ruleId: string, target: string, before: Outcome | 'absent', after: RuleOutcome | undefined): DriftChange {
  const detail = after?.findings[0]?.message ?? after?.reason;
  return { ruleId, target, before, after: after?.outcome ?? 'absent', ...(detail ? { detail } : {}) };
}

function waiverKey(w: Waiver): string {
  return `${w.rule}\u0000${w.path}\u0000${w.expires}\u0000${w.owner}`;
}
