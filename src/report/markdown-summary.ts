// The Markdown summary of a sweep, for `buildkite-agent annotate` and for a ticket: outcomes per guide area,
// worst offenders, rules failing most, drift and expired waivers, capped below Buildkite's annotation limit.
import { areaLabel } from './areas.js';
import { DEFAULT_MAX_BYTES } from './buildkite.js';
import type { DriftChange, Report } from '../model/report.js';
import { CappedMarkdown, code, md } from './markdown.js';
import { countByArea, OUTCOME_LABELS, OUTCOME_ORDER, SEVERITY_WEIGHTS, targetKindsPhrase, topFailingRules, worstOffenders } from './rollup.js';
import type { OffenderGrouping } from './rollup.js';
import { countReport, plural, problemLabel, problemsOf, problemText, seriousProblems, SEVERITIES_DESC, sortedExpiredWaivers } from './summary.js';

/** Options for `formatMarkdownSummary`: the size cap in UTF-8 bytes and how many entries each ranking lists. */
export interface MarkdownSummaryOptions {
  maxBytes?: number;
  top?: number;
}

const GROUPS: Array<[OffenderGrouping, string, string]> = [
  ['repository', 'Repository', 'repositories'],
  ['pipeline', 'Pipeline', 'pipelines'],
  ['organization', 'Organization', 'organizations'],
];

/** Renders the summary; sections that do not fit keep their first rows and say how many were left out. */
export function formatMarkdownSummary(report: Report, options: MarkdownSummaryOptions = {}): string {
  const top = options.top ?? 10;
  const counts = countReport(report);
  const targets = targetKindsPhrase(report);
  const failing = counts.outcomes.fail;
  const problems = problemsOf(report);
  const verdict = failing > 0 ? `${plural(failing, 'failing check')}, ${counts.blocking} findings at or above ${report.failOn}` : 'no failing checks';
  const serious = seriousProblems(report).length;
  const title = serious > 0 ? `incomplete (${plural(serious, 'input')} not checked), ${verdict}` : verdict;
  const head = [
    `### kiteguard compliance summary: ${title}`,
    '',
    `${md(report.generatedAt)} · kiteguard ${md(report.tool.version)} · ${md(targets || 'no targets')} · ${plural(report.rules.length, 'rule')} · fail-on ${report.failOn}`,
    '',
  ];
  const doc = new CappedMarkdown(head, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (problems.length > 0) {
    doc.section(['**Not checked**', ''], problems.map((p) => `- ${problemLabel(p)}: ${code(problemText(p), false)}`));
  }
  const areaRows = countByArea(report)
    .filter((a) => a.area !== 0 || a.total > 0)
    .map((a) => `| ${areaLabel(a.area)} | ${OUTCOME_ORDER.map((o) => a.counts[o]).join(' | ')} |`);
  areaRows.push(`| **All areas** | ${OUTCOME_ORDER.map((o) => `**${counts.outcomes[o]}**`).join(' | ')} |`);
  doc.section(
    ['**Outcomes by area of the security guide**', '', `| Area | ${OUTCOME_ORDER.map((o) => OUTCOME_LABELS[o]).join(' | ')} |`, `| --- |${' ---: |'.repeat(OUTCOME_ORDER.length)}`],
    areaRows,
  );
  const weights = SEVERITIES_DESC.map((s) => `${SEVERITY_WEIGHTS[s]} per ${s}`).join(', ');
  for (const [by, noun, nouns] of GROUPS) {
    const list = worstOffenders(report, by, top);
    if (list.length === 0) continue;
    const rows = list.map((o) => `| ${code(o.name)} | ${o.score} | ${o.failing} | ${SEVERITIES_DESC.map((s) => o.bySeverity[s]).join(' | ')} |`);
    doc.section(
      [`**Worst offenders: ${nouns}** (score: failing rules weighted ${weights})`, '', `| ${noun} | Score | Failing | Critical | High | Medium | Low |`, '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'],
      rows,
    );
  }
  const rules = topFailingRules(report, top);
  if (rules.length > 0) {
    const rows = rules.map(
      (r) => `| ${code(r.ruleId)} | ${r.rule?.severity ?? ''} | ${r.rule ? areaLabel(r.rule.area) : ''} | ${r.failingTargets} | ${r.findings} |`,
    );
    doc.section(['**Top failing rules**', '', '| Rule | Severity | Area | Failing targets | Findings |', '| --- | --- | --- | ---: | ---: |'], rows);
  }
  const drift = report.drift;
  if (drift) {
    const line = [
      plural(drift.newFailures.length, 'new failure'),
      plural(drift.resolvedFailures.length, 'resolved failure'),
      plural(drift.newlyUnknown.length, 'newly unknown check'),
      plural(drift.expiredWaivers.length, 'waiver expired', 'waivers expired'),
      plural(drift.settingChanges.length, 'setting change'),
    ].join(' · ');
    doc.section([`**Drift since ${md(drift.baselineGeneratedAt)}**: ${line}`], []);
    const lists: Array<[string, DriftChange[]]> = [
      ['New failures', drift.newFailures],
      ['Resolved failures', drift.resolvedFailures],
      ['Newly unknown', drift.newlyUnknown],
    ];
    for (const [name, list] of lists) if (list.length > 0) doc.section([`${name}:`, ''], list.map(changeLine));
    if (drift.settingChanges.length > 0) {
      doc.section(['Setting changes:', ''], drift.settingChanges.map((c) => `- ${code(c.target, false)}: ${md(c.summary)}`));
    }
  }
  const expired = [...sortedExpiredWaivers(report), ...(drift?.expiredWaivers ?? [])].filter((w, i, all) => all.indexOf(w) === i);
  if (expired.length > 0) {
    const rows = expired.map((w) => `- ${code(w.rule, false)} on ${code(w.path, false)} expired ${md(w.expires)} (${md(w.owner)}: ${md(w.reason)})`);
    doc.section([`**${plural(expired.length, 'expired waiver')}** (no longer applied):`, ''], rows);
  }
  return doc.text('_Some lists were shortened to stay under the annotation size limit; the HTML and JSON reports list everything._');
}

function changeLine(c: DriftChange): string {
  const detail = c.detail ? `: ${md(c.detail)}` : '';
  return `- ${code(c.ruleId, false)} on ${code(c.target, false)} (${c.before} → ${c.after})${detail}`;
}
