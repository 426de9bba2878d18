// Turns one target's raw engine result into exactly one outcome per rule.
import type { Finding, Location, RuleInfo, RuleOutcome, Severity } from '../model/report.js';
import type { EngineResult, RawFinding } from './policy.js';

/** How the host places a raw finding in a file and rates it. */
export interface OutcomeContext {
  target: string;
  locate: (finding: RawFinding) => Location;
  severityOf: (rule: RuleInfo) => Severity;
}

/** One outcome per enabled rule (findings of other rules are dropped): fail (findings), unknown, not_applicable, else pass. Waivers come later. */
export function toOutcomes(rules: RuleInfo[], result: EngineResult, ctx: OutcomeContext): RuleOutcome[] {
  const byRule = new Map<string, RawFinding[]>();
  const known = new Set(rules.map((r) => r.id));
  for (const f of result.findings) {
    if (!known.has(f.rule)) continue; // a rule disabled in config
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  return rules.map((rule) => {
    const name = rule.package;
    const raw = byRule.get(rule.id) ?? [];
    if (raw.length > 0) {
      const severity = ctx.severityOf(rule);
      const findings = raw.map((f): Finding => ({
        ruleId: rule.id,
        severity,
        message: f.message,
        path: f.path,
        evidence: f.evidence,
        location: ctx.locate(f),
      }));
      findings.sort(byPosition);
      // A failing rule whose other parts could not be checked says so: there may be more findings than these.
      const partly = result.unknown[name];
      return { ruleId: rule.id, target: ctx.target, outcome: 'fail', findings, ...(partly?.length ? { reason: `some parts could not be checked: ${partly.join('; ')}` } : {}) };
    }
    const reasons = result.unknown[name];
    if (reasons && reasons.length > 0) {
      return { ruleId: rule.id, target: ctx.target, outcome: 'unknown', findings: [], reason: reasons.join('; ') };
    }
    if (result.notApplicable.includes(name)) {
      return { ruleId: rule.id, target: ctx.target, outcome: 'not_applicable', findings: [], reason: 'nothing in this target for the rule to check' };
    }
    return { ruleId: rule.id, target: ctx.target, outcome: 'pass', findings: [] };
  });
}

function byPosition(a: Finding, b: Finding): number {
  return a.location.line - b.location.line || a.location.column - b.location.column || a.message.localeCompare(b.message);
}
