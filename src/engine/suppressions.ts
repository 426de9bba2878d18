// Inline suppressions: a failing finding of rule R on line L is waived by `# kiteguard: ignore[R] reason` on
// line L, or alone on line L-1, in the same file. A suppression without a reason waives nothing.
import type { Finding, RuleOutcome, SuppressionNotice } from '../model/report.js';
import type { InlineSuppression, Target } from '../model/target.js';

/** The outcome with the target's inline suppressions applied; `used` collects the suppressions that waived something. */
export function applyInlineSuppressions(outcome: RuleOutcome, target: Target, used: Set<InlineSuppression>): RuleOutcome {
  const suppressions = target.suppressions;
  if (!suppressions?.length || outcome.outcome !== 'fail' || target.file === undefined) return outcome;
  const file = target.file;
  const findings = outcome.findings.map((f): Finding => {
    if (f.waiver || f.location.file !== file) return f;
    const s = suppressions.find((x) => x.reason !== '' && x.rules.includes(f.ruleId) && (x.line === f.location.line || (x.ownLine && x.line === f.location.line - 1)));
    if (s === undefined) return f;
    used.add(s);
    return { ...f, waiver: { rule: f.ruleId, path: file, reason: s.reason, owner: 'inline suppression', expires: '', source: { file, line: s.line, column: s.column }, inline: true } };
  });
  return { ...outcome, findings, outcome: findings.every((f) => f.waiver) ? 'waived' : 'fail' };
}

/** The suppressions of the targets that waived nothing: without a reason, or matching no failing finding. */
export function suppressionNotices(targets: Target[], used: Set<InlineSuppression>): SuppressionNotice[] {
  return targets.flatMap((t) =>
    (t.suppressions ?? [])
      .filter((s) => !used.has(s))
      .map((s): SuppressionNotice => ({
        location: { file: t.file ?? t.name, line: s.line, column: s.column },
        rules: s.rules,
        problem: s.reason === '' ? 'no_reason' : 'unused',
      })),
  );
}
