// Waiver matching: a waiver covers a finding when the rule id matches, its path glob
// matches the finding's file, and today is on or before its expiry. Pure; no I/O.

import type { Finding, RuleOutcome, Waiver } from '../model/report.js';
import { compileGlob } from '../model/glob.js';

/** Findings with `waiver` set where a valid waiver applies, and the waivers past their expiry. */
export interface WaiverResult {
  findings: Finding[];
  expired: Waiver[];
}

/** Applies waivers on `today` (YYYY-MM-DD); expired waivers never apply and are returned. */
export function applyWaivers(findings: Finding[], waivers: Waiver[], today: string, pathOf: (file: string) => string = (f) => f): WaiverResult {
  const expired = waivers.filter((w) => isExpired(w, today));
  const active = waivers.filter((w) => !isExpired(w, today)).map((w) => ({ waiver: w, matches: compileGlob(w.path) }));
  const out = findings.map((f) => {
    const hit = active.find((a) => a.waiver.rule === f.ruleId && a.matches(pathOf(f.location.file)));
    return hit ? { ...f, waiver: hit.waiver } : f;
  });
  return { findings: out, expired };
}

/** True once `today` is after the waiver's last day. */
export function isExpired(waiver: Waiver, today: string): boolean {
  return today > waiver.expires;
}

/** Marks waived findings; an outcome whose findings are all waived is `waived`. */
export function settleWaivers(outcome: RuleOutcome, waivers: Waiver[], today: string, pathOf?: (file: string) => string): RuleOutcome {
  if (outcome.findings.length === 0) return outcome;
  const { findings } = applyWaivers(outcome.findings, waivers, today, pathOf);
  return { ...outcome, findings, outcome: findings.every((f) => f.waiver) ? 'waived' : 'fail' };
}
