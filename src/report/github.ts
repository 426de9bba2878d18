// GitHub Actions workflow commands (`::error file=…,line=…::message`): findings show inline on the pull request
// of a GitHub-hosted mirror. Findings at or above fail-on are errors, the rest warnings; unknown outcomes and
// expired waivers are warnings without a file; inputs not checked come first; a last plain line sums up.
import type { Finding, Report } from '../model/report.js';
import { isBlocking } from '../model/blocking.js';
import { countReport, failingFindings, outcomesOf, plural, problemLabel, problemsOf, sortedExpiredWaivers, suppressionNoticeText } from './summary.js';
import { appendAll } from '../collections.js';

/** Renders a report as GitHub Actions workflow commands, one per line. */
export function formatGithub(report: Report): string {
  const lines = problemsOf(report).map((p) => {
    const at = p.location ? { file: p.location.file, ...(p.location.line !== undefined ? { line: String(p.location.line) } : {}), ...(p.location.column !== undefined ? { col: String(p.location.column) } : {}) } : {};
    return command(p.skipped || p.kind === 'notice' ? 'warning' : 'error', { ...at, title: problemLabel(p) }, p.message);
  });
  appendAll(lines, failingFindings(report).map((f) => command(isBlocking(f, report.failOn) ? 'error' : 'warning', findingProperties(f), `${f.message} (${f.severity})`)));
  for (const o of outcomesOf(report, 'unknown')) {
    lines.push(command('warning', { file: o.target, title: `${o.ruleId} could not be decided` }, o.reason ?? 'the data the rule needs was not visible'));
  }
  for (const w of sortedExpiredWaivers(report)) {
    lines.push(command('warning', { file: w.source.file, line: String(w.source.line), title: `expired waiver for ${w.rule}` }, `waiver on ${w.path} expired ${w.expires} and no longer applies (owner: ${w.owner})`));
  }
  for (const n of report.suppressionNotices ?? []) {
    lines.push(command('warning', { file: n.location.file, line: String(n.location.line), col: String(n.location.column), title: 'inline suppression' }, suppressionNoticeText(n)));
  }
  const counts = countReport(report);
  lines.push(`kiteguard: ${plural(counts.failing, 'finding')}, ${counts.blocking} at or above ${report.failOn}; ${plural(counts.outcomes.unknown, 'rule')} undecided`);
  return lines.join('\n') + '\n';
}

function findingProperties(f: Finding): Record<string, string> {
  const located = f.location.line > 0;
  return {
    file: f.location.file,
    ...(located ? { line: String(f.location.line), col: String(f.location.column) } : {}),
    title: f.ruleId,
  };
}

/** One workflow command with its properties and message escaped as GitHub's runner expects. */
function command(kind: 'error' | 'warning', properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${kind} ${props}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
