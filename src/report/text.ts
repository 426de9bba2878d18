// The default human format: findings grouped by file, then unknowns, expired waivers and a summary line.
import type { Finding, Report } from '../model/report.js';
import {
  allFindings,
  compareText,
  countReport,
  outcomesOf,
  plural,
  problemLabel,
  problemsOf,
  problemText,
  SEVERITIES_DESC,
  showControlChars as safe,
  sortedExpiredWaivers,
  targetNoun,
  suppressionNoticeText,
  waiverTerms,
} from './summary.js';
import { isBlocking, isWaived } from '../model/blocking.js';
import type { Counts } from './summary.js';
import { appendAll, appendTo, maxOf } from '../collections.js';

// Untrusted text (messages, evidence, paths from YAML) goes through `safe` so it cannot move the cursor or recolour the terminal.

/** How `formatText` renders: colour (the CLI decides: TTY and no NO_COLOR) and whether waived findings show. */
export interface TextOptions {
  color?: boolean;
  showWaived?: boolean;
}

const ANSI = {
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
} as const;

type Painter = (style: keyof typeof ANSI, s: string) => string;

function painter(color: boolean): Painter {
  return (style, s) => (color ? `${ANSI[style]}${s}\x1b[0m` : s);
}

const SEVERITY_STYLE = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan' } as const;
const EVIDENCE_MAX = 120;

/** Renders a report for a terminal: `file:line:col  severity  rule-id  message` lines and a summary. */
export function formatText(report: Report, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const shown = allFindings(report).filter((f) => options.showWaived || !isWaived(f));
  const out: string[] = [];
  const problems = problemsOf(report);
  // Problems that left something unchecked come under the red heading; notices (nothing hidden) under their own.
  const blocking = problems.filter((p) => p.kind !== 'notice');
  const passedOver = problems.filter((p) => p.kind === 'notice');
  for (const [heading, list] of [[paint('bold', paint('red', 'Could not check:')), blocking], [paint('bold', 'Notices:'), passedOver]] as const) {
    if (list.length === 0) continue;
    out.push(heading);
    for (const p of list) out.push(`  ${problemLabel(p)}: ${safe(problemText(p))}`);
    out.push('');
  }
  for (const group of groupByFile(shown)) {
    appendAll(out, findingLines(group, report, paint));
    out.push('');
  }
  out.push(...docLinks(shown, report, paint));
  const unknown = outcomesOf(report, 'unknown');
  if (unknown.length > 0) {
    out.push(paint('bold', 'Could not check (unknown):'));
    // Rules of one target that are unknown for the same reason (a pipeline whose YAML could not be read) share a line.
    const byReason = new Map<string, typeof unknown>();
    for (const o of unknown) {
      const key = `${o.target}\u0000${o.reason ?? ''}`;
      appendTo(byReason, key, o);
    }
    for (const group of byReason.values()) {
      const o = group[0]!;
      const rules = group.length > 3 ? plural(group.length, 'rule') : group.map((g) => g.ruleId).join(', ');
      out.push(`  ? ${rules} (${safe(o.target)}): ${safe(o.reason ?? 'no reason given')}`);
    }
    out.push('');
  }
  const expired = sortedExpiredWaivers(report);
  if (expired.length > 0) {
    out.push(paint('bold', 'Expired waivers (no longer applied):'));
    for (const w of expired) {
      const at = `${w.source.file}:${w.source.line}:${w.source.column}`;
      out.push(`  ${safe(at)}  ${w.rule} for ${safe(w.path)}: expired ${w.expires} (${safe(w.reason)}, ${safe(w.owner)})`);
    }
    out.push('');
  }
  const notices = report.suppressionNotices ?? [];
  if (notices.length > 0) {
    out.push(paint('bold', 'Inline suppressions that waive nothing:'));
    for (const n of notices) out.push(`  ${safe(`${n.location.file}:${n.location.line}:${n.location.column}`)}  ${safe(suppressionNoticeText(n))}`);
    out.push('');
  }
  out.push(summaryLine(report, countReport(report), paint));
  return `${out.join('\n')}\n`;
}

// Each reported rule's documentation link, once per rule (`kiteguard explain RULE` says more).
function docLinks(shown: Finding[], report: Report, paint: Painter): string[] {
  const links = new Map(report.rules.filter((r) => r.related[0] !== undefined).map((r) => [r.id, r.related[0]!] as const));
  const ids = [...new Set(shown.map((f) => f.ruleId))].filter((id) => links.has(id)).sort(compareText);
  if (ids.length === 0) return [];
  const width = maxOf(ids.map((id) => id.length));
  return [paint('bold', 'Read more (or run `kiteguard explain RULE`):'), ...ids.map((id) => `  ${id.padEnd(width)}  ${links.get(id)}`), ''];
}

function groupByFile(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) appendTo(groups, f.location.file, f);
  return [...groups.values()];
}

function findingLines(group: Finding[], report: Report, paint: Painter): string[] {
  const where = (f: Finding): string => safe(f.location.line > 0 ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file);
  const locWidth = maxOf(group.map((f) => where(f).length));
  const ruleWidth = maxOf(group.map((f) => f.ruleId.length));
  const indent = ' '.repeat(locWidth + 2 + 8 + 2 + ruleWidth + 2);
  const lines: string[] = [];
  for (const f of group) {
    const sev = f.severity.padEnd(8);
    const [first = '', ...rest] = safe(f.message).split('\n');
    const waiver = f.waiver ? ` (waived: ${safe(waiverTerms(f.waiver))})` : '';
    const head = `${where(f).padEnd(locWidth)}  ${sev}  ${f.ruleId.padEnd(ruleWidth)}  ${first}`;
    const body = [...rest.map((l) => indent + l), ...evidenceLine(f, indent)];
    if (isWaived(f)) {
      lines.push(...[head + waiver, ...body].map((l) => paint('dim', l)));
      continue;
    }
    const coloured = paint(SEVERITY_STYLE[f.severity], sev);
    const sevText = isBlocking(f, report.failOn) ? paint('bold', coloured) : coloured;
    const loc = where(f).padEnd(locWidth);
    lines.push(`${loc}  ${sevText}  ${paint('dim', f.ruleId.padEnd(ruleWidth))}  ${first}`, ...body);
  }
  return lines;
}

// Evidence only when it says something the message and path do not, folded onto one short line.
function evidenceLine(f: Finding, indent: string): string[] {
  if (!f.evidence || f.message.includes(f.evidence) || f.path.some((p) => String(p) === f.evidence)) return [];
  const flat = safe(f.evidence).replace(/\s*\n\s*/g, ' ⏎ ').trim();
  if (flat === '') return [];
  const short = flat.length > EVIDENCE_MAX ? `${flat.slice(0, EVIDENCE_MAX - 1)}…` : flat;
  return [`${indent}evidence: ${short}`];
}

function summaryLine(report: Report, counts: Counts, paint: Painter): string {
  const checked = `${plural(counts.targets, targetNoun(report))} checked against ${plural(report.rules.length, 'rule')}`;
  const extras = [
    counts.waived > 0 ? `${counts.waived} waived` : '',
    counts.outcomes.unknown > 0 ? `${counts.outcomes.unknown} unknown` : '',
    counts.expiredWaivers > 0 ? plural(counts.expiredWaivers, 'expired waiver') : '',
  ].filter((s) => s !== '');
  const missing = [
    counts.inputErrors > 0 ? `${plural(counts.inputErrors, 'input')} could not be checked` : '',
    counts.incomplete > 0 ? `${plural(counts.incomplete, 'part')} of the data missing` : '',
  ].filter((s) => s !== '');
  if (missing.length > 0) {
    const found = counts.failing === 0 ? 'no failing findings in what was checked' : `${plural(counts.failing, 'finding')}, ${counts.blocking} at or above ${report.failOn}`;
    return `${paint('bold', paint('red', `Incomplete: ${missing.join(', ')}`))}; ${[found, ...extras].join(', ')}; ${checked}.`;
  }
  if (counts.failing === 0) {
    const head = extras.length === 0 ? 'No problems found' : `No failing findings (${extras.join(', ')})`;
    const colour = counts.outcomes.unknown > 0 || counts.expiredWaivers > 0 ? 'yellow' : 'green';
    return `${paint(colour, head)}: ${checked}.`;
  }
  const bySeverity = SEVERITIES_DESC.filter((s) => counts.failingBySeverity[s] > 0)
    .map((s) => `${counts.failingBySeverity[s]} ${s}`)
    .join(', ');
  const head = `${plural(counts.failing, 'finding')} (${bySeverity}), ${counts.blocking} at or above ${report.failOn}`;
  const colour = counts.blocking > 0 ? 'red' : 'yellow';
  return `${paint('bold', paint(colour, head))}${extras.length > 0 ? `; ${extras.join(', ')}` : ''}; ${checked}.`;
}
