// Markdown for a Buildkite annotation (CommonMark + GFM tables), capped well below Buildkite's 1 MiB limit.
import type { Finding, Report } from '../model/report.js';
import {
  compareFindings,
  countReport,
  failingFindings,
  outcomesOf,
  plural,
  problemLabel,
  problemsOf,
  problemText,
  SEVERITIES_DESC,
  sortedExpiredWaivers,
  targetNoun,
  verdictOf,
  waivedFindings,
} from './summary.js';
import { severityRank } from '../model/blocking.js';
import type { Counts } from './summary.js';
import { CappedMarkdown, code, md, mdMessage } from './markdown.js';

/** The styles `buildkite-agent annotate --style` accepts. */
export type AnnotationStyle = 'error' | 'warning' | 'info' | 'success';

/** Options for `formatBuildkite`: the size cap in UTF-8 bytes. */
export interface BuildkiteOptions {
  maxBytes?: number;
}

/** Default cap on the annotation body: a quarter of Buildkite's 1 MiB limit. */
export const DEFAULT_MAX_BYTES = 256 * 1024;

/** The annotation style for the worst outcome: inputs not checked, missing data or blocking → error, other failures or unknown → warning, only waived → info, else success. */
export function annotationStyle(report: Report): AnnotationStyle {
  const verdict = verdictOf(countReport(report));
  if (verdict === 'blocking' || verdict === 'error' || verdict === 'incomplete') return 'error';
  if (verdict === 'failing' || verdict === 'unknown') return 'warning';
  return verdict === 'waived' ? 'info' : 'success';
}

/** Renders the annotation body: verdict heading, failing findings table, expired waivers, waived and unknown in <details>. */
export function formatBuildkite(report: Report, options: BuildkiteOptions = {}): string {
  const counts = countReport(report);
  const doc = new CappedMarkdown([`### ${heading(report, counts)}`, '', summary(report, counts), ''], options.maxBytes ?? DEFAULT_MAX_BYTES);
  const problems = problemsOf(report);
  if (problems.length > 0) {
    doc.section([`**Not checked** (${problems.length}):`, ''], problems.map((p) => `- ${problemLabel(p)}: ${code(problemText(p), false)}`));
  }
  const failing = failingFindings(report).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b));
  if (failing.length > 0) {
    doc.section(['| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |'], failing.map((f) => findingRow(f, report)));
  }
  const expired = sortedExpiredWaivers(report);
  if (expired.length > 0) {
    const rows = expired.map(
      (w) =>
        `- ${code(w.rule, false)} on ${code(w.path, false)} expired ${md(w.expires)} (${md(w.owner)}: ${md(w.reason)}), ${code(`${w.source.file}:${w.source.line}`, false)}`,
    );
    doc.section([`**${plural(expired.length, 'expired waiver')}** (no longer applied):`, ''], rows);
  }
  const unknown = outcomesOf(report, 'unknown');
  if (unknown.length > 0) {
    const rows = unknown.map((o) => `- ${code(o.ruleId, false)} on ${code(o.target, false)}: ${md(o.reason ?? 'no reason given')}`);
    doc.section(details(`${plural(unknown.length, 'rule check', 'rule checks')} could not be completed (unknown)`), rows, ['', '</details>']);
  }
  const waived = waivedFindings(report);
  if (waived.length > 0) {
    const rows = waived.map((f) => {
      const w = f.waiver;
      const terms = w ? `${md(w.reason)} | ${md(w.owner)} | ${md(w.expires)}` : ' | | ';
      return `| ${code(where(f))} | ${code(f.ruleId)} | ${mdMessage(f.message)} | ${terms} |`;
    });
    const head = ['| Location | Rule | Message | Reason | Owner | Until |', '| --- | --- | --- | --- | --- | --- |'];
    doc.section([...details(plural(waived.length, 'waived finding')), ...head], rows, ['', '</details>']);
  }
  return doc.text();
}

function heading(report: Report, counts: Counts): string {
  switch (verdictOf(counts)) {
    case 'error':
      return `kiteguard: ${plural(counts.inputErrors, 'input')} could not be checked`;
    case 'incomplete':
      return `kiteguard: incomplete, ${plural(counts.incomplete, 'part')} of the data missing`;
    case 'blocking':
      return `kiteguard: ${plural(counts.blocking, 'finding')} at or above ${report.failOn}`;
    case 'failing':
      return `kiteguard: ${plural(counts.failing, 'finding')} below the ${report.failOn} threshold`;
    case 'unknown':
      return `kiteguard: no failing findings, ${plural(counts.outcomes.unknown, 'check')} unknown`;
    case 'waived':
      return `kiteguard: no failing findings (${counts.waived} waived)`;
    case 'clean':
      return 'kiteguard: no problems found';
  }
}

function summary(report: Report, counts: Counts): string {
  const bySeverity = SEVERITIES_DESC.filter((s) => counts.failingBySeverity[s] > 0).map((s) => `${counts.failingBySeverity[s]} ${s}`);
  const parts = [
    counts.inputErrors > 0 ? `${plural(counts.inputErrors, 'input error')}` : '',
    counts.incomplete > 0 ? `${counts.incomplete} incomplete` : '',
    counts.failing > 0 ? `${plural(counts.failing, 'finding')} (${bySeverity.join(', ')})` : 'no failing findings',
    counts.waived > 0 ? `${counts.waived} waived` : '',
    counts.outcomes.unknown > 0 ? `${counts.outcomes.unknown} unknown` : '',
    counts.expiredWaivers > 0 ? plural(counts.expiredWaivers, 'expired waiver') : '',
    `${plural(counts.targets, targetNoun(report))}, ${plural(report.rules.length, 'rule')}`,
    `fail-on ${report.failOn}`,
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

function findingRow(f: Finding, report: Report): string {
  const sev = severityRank(f.severity) >= severityRank(report.failOn) ? `**${f.severity}**` : f.severity;
  return `| ${code(where(f))} | ${sev} | ${code(f.ruleId)} | ${mdMessage(f.message)} |`;
}

// The summary text is ours (counts and fixed words), never user data, so it needs no escaping.
function details(summaryText: string): string[] {
  return ['<details>', `<summary>${summaryText}</summary>`, ''];
}

function where(f: Finding): string {
  return `${f.location.file}:${f.location.line}`;
}
