// The stable machine format: one JSON document, deterministic key and array order, versioned by `format`.
import type { Finding, Report, RuleOutcome, Waiver } from '../model/report.js';
import {
  allFindings,
  compareText,
  countReport,
  problemsOf,
  sortedExpiredWaivers,
  sortedOutcomes,
  allTargets,
} from './summary.js';
import { isBlocking } from '../model/blocking.js';
import { MadeList } from '../snapshot/json-writer.js';

/** Version of the JSON document's shape; bump it on any incompatible change. */
export const JSON_FORMAT_VERSION = 1;

/** Renders a report as pretty-printed JSON (two-space indent, trailing newline). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(jsonDocument(report), null, 2)}\n`;
}

/** The JSON format's document for a report (what `formatJson` prints; large ones can be written in pieces, outcomes and findings made as they are written). */
export function jsonDocument(report: Report): Record<string, unknown> {
  const counts = countReport(report);
  const targetOf = findingTargets(report);
  const doc = {
    format: { name: 'kiteguard-report', version: JSON_FORMAT_VERSION },
    tool: { name: report.tool.name, version: report.tool.version },
    generatedAt: report.generatedAt,
    failOn: report.failOn,
    ...(report.organizations ? { organizations: report.organizations } : {}),
    summary: {
      targets: counts.targets,
      rules: report.rules.length,
      outcomes: counts.outcomes,
      findings: {
        failing: counts.failing,
        blocking: counts.blocking,
        waived: counts.waived,
        bySeverity: counts.failingBySeverity,
      },
      expiredWaivers: counts.expiredWaivers,
      errors: counts.inputErrors,
      incomplete: counts.incomplete,
    },
    errors: problemsOf(report).map((p) => ({
      kind: p.kind,
      ...(p.skipped ? { skipped: true } : {}),
      message: p.message,
      location: p.location ? { file: p.location.file, line: p.location.line ?? null, column: p.location.column ?? null } : null,
    })),
    targets: allTargets(report),
    rules: [...report.rules]
      .sort((a, b) => compareText(a.id, b.id))
      .map((r) => ({ id: r.id, title: r.title, severity: r.severity, area: r.area, target: r.target })),
    outcomes: new MadeList(sortedOutcomes(report), outcomeJson),
    findings: new MadeList(allFindings(report), (f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      target: targetOf.get(f) ?? f.location.file,
      location: { file: f.location.file, line: f.location.line, column: f.location.column },
      message: f.message,
      evidence: f.evidence,
      path: f.path,
      blocking: isBlocking(f, report.failOn),
      waiver: f.waiver ? waiverJson(f.waiver) : null,
    })),
    expiredWaivers: sortedExpiredWaivers(report).map(waiverJson),
    ...(report.suppressionNotices ? { suppressionNotices: report.suppressionNotices } : {}),
    ...(report.drift ? { drift: { ...report.drift, expiredWaivers: report.drift.expiredWaivers.map(waiverJson) } } : {}),
  };
  return doc;
}

/** An outcome as the JSON format writes it (members set one by one: a sweep has hundreds of thousands). */
function outcomeJson(o: RuleOutcome): Record<string, unknown> {
  const json: Record<string, unknown> = { target: o.target };
  if (o.kind) json.kind = o.kind;
  if (o.repository) json.repository = o.repository;
  if (o.pipeline) json.pipeline = o.pipeline;
  json.ruleId = o.ruleId;
  json.outcome = o.outcome;
  json.findings = o.findings.length;
  json.reason = o.reason ?? null;
  return json;
}

/** A waiver as the JSON format writes it. */
export function waiverJson(w: Waiver): Record<string, unknown> {
  return {
    rule: w.rule,
    path: w.path,
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
    source: { file: w.source.file, line: w.source.line, column: w.source.column },
    ...(w.inline ? { inline: true } : {}),
  };
}

// A finding's target is its outcome's target (a repository finding may point into another file).
function findingTargets(report: Report): Map<Finding, string> {
  const targets = new Map<Finding, string>();
  for (const o of report.outcomes) for (const f of o.findings) targets.set(f, o.target);
  return targets;
}
