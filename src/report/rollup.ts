// Estate-wide aggregates for the sweep reports: outcomes per guide area, worst offenders, rules failing most.
import { AREAS } from './areas.js';
import type { Outcome, Report, RuleInfo, RuleOutcome, Severity, TargetKind } from '../model/report.js';
import { compareText } from './summary.js';
import { isWaived, severityRank } from '../model/blocking.js';

/** Outcomes in the order reports show them: what needs attention first. */
export const OUTCOME_ORDER: readonly Outcome[] = ['fail', 'unknown', 'waived', 'pass', 'not_applicable'];

/** Words for each outcome in headings and legends. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  fail: 'Fail',
  unknown: 'Unknown',
  waived: 'Waived',
  pass: 'Pass',
  not_applicable: 'Not applicable',
};

/** How much one failing outcome weighs in the worst-offender score, by its severity. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { critical: 8, high: 4, medium: 2, low: 1 };

/** A count per outcome. */
export type OutcomeCounts = Record<Outcome, number>;

/** A fresh all-zero count per outcome. */
export function zeroCounts(): OutcomeCounts {
  return { fail: 0, unknown: 0, waived: 0, pass: 0, not_applicable: 0 };
}

/** The outcomes of the rules of one guide area (0 collects rules outside the ten areas). */
export interface AreaCounts {
  area: number;
  counts: OutcomeCounts;
  total: number;
}

/** Outcome counts per guide area: always the ten areas in order, then area 0 when an outcome's rule has no known area. */
export function countByArea(report: Report): AreaCounts[] {
  const areaOf = new Map(report.rules.map((r) => [r.id, AREAS.includes(r.area) ? r.area : 0] as const));
  const rows = new Map<number, AreaCounts>(AREAS.map((a) => [a, { area: a, counts: zeroCounts(), total: 0 }] as const));
  for (const o of report.outcomes) {
    const area = areaOf.get(o.ruleId) ?? 0;
    let row = rows.get(area);
    if (row === undefined) {
      row = { area, counts: zeroCounts(), total: 0 };
      rows.set(area, row);
    }
    row.counts[o.outcome] += 1;
    row.total += 1;
  }
  return [...rows.values()];
}

/** The severity a failing outcome counts with: its worst unwaived finding, else its rule's severity. */
export function outcomeSeverity(o: RuleOutcome, rule: RuleInfo | undefined): Severity {
  let worst: Severity | undefined;
  for (const f of o.findings) {
    if (isWaived(f)) continue;
    if (worst === undefined || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  }
  return worst ?? rule?.severity ?? 'low';
}

/** What worst offenders are grouped by. */
export type OffenderGrouping = TargetKind | 'target';

/** One repository, pipeline or target with its failing outcomes and their severity-weighted score. */
export interface Offender {
  name: string;
  score: number;
  failing: number;
  bySeverity: Record<Severity, number>;
}

/** The group an outcome belongs to: its repository, its pipeline (a pipeline file in `check`), its organization, or its target. */
export function groupOf(o: RuleOutcome, by: OffenderGrouping): string | undefined {
  if (by === 'target') return o.target;
  if (by === 'organization') return o.kind === 'organization' ? o.target : undefined;
  if (by === 'repository') return o.repository ?? (o.kind === 'repository' ? o.target : undefined);
  return o.pipeline ?? (o.kind === 'pipeline' || o.kind === undefined ? o.target : undefined);
}

/** The groups with failing outcomes, highest score (sum of SEVERITY_WEIGHTS over failing outcomes) first. */
export function worstOffenders(report: Report, by: OffenderGrouping, limit: number): Offender[] {
  const rules = new Map(report.rules.map((r) => [r.id, r] as const));
  const groups = new Map<string, Offender>();
  for (const o of report.outcomes) {
    if (o.outcome !== 'fail') continue;
    const name = groupOf(o, by);
    if (name === undefined) continue;
    let g = groups.get(name);
    if (g === undefined) {
      g = { name, score: 0, failing: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 } };
      groups.set(name, g);
    }
    const severity = outcomeSeverity(o, rules.get(o.ruleId));
    g.score += SEVERITY_WEIGHTS[severity];
    g.failing += 1;
    g.bySeverity[severity] += 1;
  }
  return [...groups.values()]
    .sort((a, b) => b.score - a.score || b.failing - a.failing || compareText(a.name, b.name))
    .slice(0, limit);
}

/** A rule with the number of targets it fails on and its unwaived findings. */
export interface RuleFailures {
  ruleId: string;
  rule: RuleInfo | undefined;
  failingTargets: number;
  findings: number;
}

/** The rules failing on the most targets, most first (ties: more findings, then rule id). */
export function topFailingRules(report: Report, limit: number): RuleFailures[] {
  const rules = new Map(report.rules.map((r) => [r.id, r] as const));
  const byRule = new Map<string, RuleFailures>();
  for (const o of report.outcomes) {
    if (o.outcome !== 'fail') continue;
    let r = byRule.get(o.ruleId);
    if (r === undefined) {
      r = { ruleId: o.ruleId, rule: rules.get(o.ruleId), failingTargets: 0, findings: 0 };
      byRule.set(o.ruleId, r);
    }
    r.failingTargets += 1;
    r.findings += o.findings.filter((f) => !isWaived(f)).length;
  }
  return [...byRule.values()]
    .sort((a, b) => b.failingTargets - a.failingTargets || b.findings - a.findings || compareText(a.ruleId, b.ruleId))
    .slice(0, limit);
}

/** Distinct targets per kind, in the order repository, pipeline, organization, then `file` for kind-less `check` targets. */
export function targetsByKind(report: Report): Array<[kind: string, count: number]> {
  const kindOf = new Map<string, string>();
  for (const o of report.outcomes) if (!kindOf.has(o.target)) kindOf.set(o.target, o.kind ?? 'file');
  for (const t of report.targets) if (!kindOf.has(t)) kindOf.set(t, 'file');
  const counts = new Map<string, number>();
  for (const kind of kindOf.values()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const order = ['repository', 'pipeline', 'organization', 'file'];
  return [...counts.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

const KIND_NOUNS: Readonly<Record<string, [string, string]>> = {
  repository: ['repository', 'repositories'],
  pipeline: ['pipeline', 'pipelines'],
  organization: ['organization', 'organizations'],
  file: ['pipeline file', 'pipeline files'],
};

/** The targets by kind in words: `12 repositories, 8 pipelines, 2 organizations`. */
export function targetKindsPhrase(report: Report): string {
  return targetsByKind(report)
    .map(([kind, n]) => {
      const [one, many] = KIND_NOUNS[kind] ?? [kind, `${kind}s`];
      return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
    })
    .join(', ');
}
