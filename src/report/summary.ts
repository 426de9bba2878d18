// Shared helpers for the formatters: severity order, sorting and counting (the blocking rule is in model/blocking.ts).
import { SEVERITIES } from '../model/report.js';
import type { Finding, Outcome, Report, RuleOutcome, RunProblem, Severity, SuppressionNotice, Waiver } from '../model/report.js';
import { isBlocking, isWaived } from '../model/blocking.js';

/** Severities from the most to the least severe, the order humans read them in. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();


/** Orders findings by file, line, column, then rule id and message, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

/** Locale-independent string comparison (UTF-16 code unit order), for deterministic output. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every finding of the report (failing and waived), sorted by position. */
export function allFindings(report: Report): Finding[] {
  return report.outcomes.flatMap((o) => o.findings).sort(compareFindings);
}

/** Findings that count against the run: not waived, any severity, sorted by position. */
export function failingFindings(report: Report): Finding[] {
  return allFindings(report).filter((f) => !isWaived(f));
}

/** Findings covered by a valid waiver, sorted by position. */
export function waivedFindings(report: Report): Finding[] {
  return allFindings(report).filter(isWaived);
}

/** Outcomes ordered by target (input order, then name) and rule id. */
export function sortedOutcomes(report: Report): RuleOutcome[] {
  const order = new Map(report.targets.map((t, i) => [t, i] as const));
  // Each outcome's target rank looked up once, not at every comparison.
  const ranked = report.outcomes.map((outcome) => ({ outcome, rank: order.get(outcome.target) ?? report.targets.length }));
  ranked.sort((a, b) => a.rank - b.rank || compareText(a.outcome.target, b.outcome.target) || compareText(a.outcome.ruleId, b.outcome.ruleId));
  return ranked.map((r) => r.outcome);
}

/** The targets of the report in input order, followed by any that only appear in outcomes. */
export function allTargets(report: Report): string[] {
  const listed = new Set(report.targets);
  const extra = report.outcomes.map((o) => o.target).filter((t) => !listed.has(t));
  return [...report.targets, ...[...new Set(extra)].sort(compareText)];
}

/** Outcomes with the given outcome, sorted. */
export function outcomesOf(report: Report, outcome: Outcome): RuleOutcome[] {
  return sortedOutcomes(report).filter((o) => o.outcome === outcome);
}

/** Expired waivers sorted by where they are written. */
export function sortedExpiredWaivers(report: Report): Waiver[] {
  return [...report.expiredWaivers].sort(
    (a, b) =>
      compareText(a.source.file, b.source.file) ||
      a.source.line - b.source.line ||
      a.source.column - b.source.column ||
      compareText(a.rule, b.rule),
  );
}

/** The counts every formatter's summary is built from. */
export interface Counts {
  /** Outcomes (rule × target pairs) per outcome. */
  outcomes: Record<Outcome, number>;
  /** Failing (not waived) findings per severity. */
  failingBySeverity: Record<Severity, number>;
  failing: number;
  /** Failing findings at or above the fail-on threshold. */
  blocking: number;
  /** Waived findings. */
  waived: number;
  targets: number;
  expiredWaivers: number;
  /** Inputs that could not be checked. */
  inputErrors: number;
  /** Parts of the data that were missing. */
  incomplete: number;
}

/** Counts outcomes and findings of a report. */
export function countReport(report: Report): Counts {
  const outcomes: Record<Outcome, number> = { fail: 0, unknown: 0, waived: 0, not_applicable: 0, pass: 0 };
  for (const o of report.outcomes) outcomes[o.outcome] += 1;
  const failingBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let blocking = 0;
  let waived = 0;
  for (const f of report.outcomes.flatMap((o) => o.findings)) {
    if (isWaived(f)) {
      waived += 1;
      continue;
    }
    failingBySeverity[f.severity] += 1;
    if (isBlocking(f, report.failOn)) blocking += 1;
  }
  const failing = SEVERITIES.reduce((n, s) => n + failingBySeverity[s], 0);
  return {
    outcomes,
    failingBySeverity,
    failing,
    blocking,
    waived,
    targets: allTargets(report).length,
    expiredWaivers: report.expiredWaivers.length,
    inputErrors: problemsOf(report).filter((p) => p.kind === 'input').length,
    incomplete: problemsOf(report).filter((p) => p.kind === 'incomplete').length,
  };
}

/** The problems that make a run incomplete or wrong (input errors, missing data), leaving out notices. */
export function seriousProblems(report: Report): RunProblem[] {
  return problemsOf(report).filter((p) => p.kind !== 'notice');
}

/** How a problem is labelled in every format: `error`, `incomplete`, `not checked` (a skipped file) or `notice`. */
export function problemLabel(p: RunProblem): string {
  if (p.skipped) return 'not checked';
  return p.kind === 'input' ? 'error' : p.kind;
}

/** The run's problems (input errors first, then missing data), sorted by where they are. */
export function problemsOf(report: Report): RunProblem[] {
  const rank = (p: RunProblem): number => (p.kind === 'input' ? 0 : p.kind === 'incomplete' ? 1 : 2);
  return [...(report.problems ?? [])].sort(
    (a, b) => rank(a) - rank(b) || compareText(a.location?.file ?? '', b.location?.file ?? '') || (a.location?.line ?? 0) - (b.location?.line ?? 0),
  );
}

/** A problem as one line: `file:line:col: message` (a skipped file: `file — reason`), leaving out what is unknown. */
export function problemText(p: RunProblem): string {
  const l = p.location;
  if (!l) return p.message;
  if (p.skipped) return `${l.file} — ${p.message}`;
  const at = l.line === undefined ? l.file : l.column === undefined ? `${l.file}:${l.line}` : `${l.file}:${l.line}:${l.column}`;
  return `${at}: ${p.message}`;
}

/** The overall state of a run, worst first: what an annotation or heading should convey. */
export type Verdict = 'error' | 'incomplete' | 'blocking' | 'failing' | 'unknown' | 'waived' | 'clean';

/** Decides the verdict: inputs not checked, missing data, blocking findings, any failing finding, unknown outcomes, waivers, else clean. */
export function verdictOf(counts: Counts): Verdict {
  if (counts.inputErrors > 0) return 'error';
  if (counts.incomplete > 0) return 'incomplete';
  if (counts.blocking > 0) return 'blocking';
  if (counts.failing > 0) return 'failing';
  if (counts.outcomes.unknown > 0) return 'unknown';
  if (counts.waived > 0 || counts.outcomes.waived > 0) return 'waived';
  return 'clean';
}

/** `1 finding`, `2 findings`: a count with its noun, pluralised with `s` unless a plural is given. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** What the targets are called: `file` when every rule checks pipeline files, else `target`. */
export function targetNoun(report: Report): string {
  return report.rules.length > 0 && report.rules.every((r) => r.target === 'pipeline') ? 'file' : 'target';
}

/** The waiver's terms in one phrase: `reason, owner, until DATE`, or `reason, inline suppression at LINE`. */
export function waiverTerms(w: Waiver): string {
  return w.inline ? `${w.reason}, inline suppression at line ${w.source.line}` : `${w.reason}, ${w.owner}, until ${w.expires}`;
}

/** What a notice about an inline suppression tells the user to do. */
export function suppressionNoticeText(n: SuppressionNotice): string {
  const rules = n.rules.length > 0 ? n.rules.join(', ') : 'no rule';
  return n.problem === 'no_reason'
    ? `suppression of ${rules} has no reason, so it waives nothing; write why after the \`]\``
    : `suppression of ${rules} waives nothing (no such finding on its line or the next); remove it`;
}

// Controls and other invisible or line-breaking characters that untrusted YAML can smuggle into output:
// C0/C1 controls (except tab and newline), DEL, bidi overrides, non-characters, lone surrogates.
const UNSAFE = /\r\n?|[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows unsafe characters as visible escapes (`\x1B`, `\u202E`) and turns CR / CRLF into LF. */
export function showControlChars(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (c.startsWith('\r')) return '\n';
    const code = c.codePointAt(0) ?? 0;
    const hex = code.toString(16).toUpperCase();
    return code < 0x100 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
}
