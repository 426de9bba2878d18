// What changed between two sweeps' outcomes: new and resolved failures, newly unknown, expired waivers.
import { PairMap } from '../collections.js';
import type { Drift, DriftChange, Outcome, Report, RuleOutcome, Waiver } from '../model/report.js';

/** The outcome changes between a baseline and the current report, each list sorted by target then rule. */
export function outcomeChanges(before: Report, after: Report): Pick<Drift, 'newFailures' | 'resolvedFailures' | 'newlyUnknown' | 'expiredWaivers'> {
  const old = new PairMap<RuleOutcome>();
  for (const o of before.outcomes) old.set(o.target, o.ruleId, o);
  const now = new PairMap<RuleOutcome>();
  for (const o of after.outcomes) now.set(o.target, o.ruleId, o);
  const newFailures: DriftChange[] = [];
  const resolvedFailures: DriftChange[] = [];
  const newlyUnknown: DriftChange[] = [];
  for (const o of now.values()) {
    const was: Outcome | 'absent' = old.get(o.target, o.ruleId)?.outcome ?? 'absent';
    if (o.outcome === 'fail' && was !== 'fail') newFailures.push(change(o.ruleId, o.target, was, o));
    if (o.outcome === 'unknown' && was !== 'unknown') newlyUnknown.push(change(o.ruleId, o.target, was, o));
  }
  for (const o of old.values()) {
    if (o.outcome !== 'fail') continue;
    const is = now.get(o.target, o.ruleId);
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
