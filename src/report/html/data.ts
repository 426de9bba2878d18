// The table data embedded in the HTML report: every failing, unknown and waived item as a flat array of
// numbers pointing into one list of distinct strings, with rules and waivers stored once.
import { AREA_NAMES } from '../areas.js';
import { SEVERITIES } from '../../model/report.js';
import type { Finding, Report, RuleOutcome, Waiver } from '../../model/report.js';
import { groupOf } from '../rollup.js';
import { compareText, showControlChars } from '../summary.js';

/** Numbers per row in `HtmlData.rows`, and what each position holds (string fields are indexes into `s`, -1 for none). */
export const ROW_FIELDS = 8;
/** Positions inside one row of `HtmlData.rows`. */
export const ROW = { rule: 0, target: 1, outcome: 2, severity: 3, message: 4, evidence: 5, location: 6, path: 7 } as const;
/** Row outcomes, by code: findings fail or are waived; unknown outcomes are one row each. */
export const ROW_OUTCOMES = ['fail', 'unknown', 'waived'] as const;

/** The document the client script reads. */
export interface HtmlData {
  /** Distinct strings; every other string field is an index here. */
  s: string[];
  severities: readonly string[];
  outcomes: readonly string[];
  areas: Readonly<Record<number, string>>;
  /** [id, title, severity code, area, description, remediation, related links]. */
  rules: Array<[string, string, number, number, string, string, string[]]>;
  /** [name, kind, repository, pipeline] as string indexes. */
  targets: Array<[number, number, number, number]>;
  /** [rule, path, reason, owner, expires, where it is written]. */
  waivers: string[][];
  /** ROW_FIELDS numbers per row, plus the row's waiver index (or -1) in `rowWaivers`. */
  rows: number[];
  rowWaivers: number[];
}

/** Builds the embedded data: rows sorted fail, unknown, waived; then most severe first; then by target and rule. */
export function buildHtmlData(report: Report): HtmlData {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string | null | undefined): number => {
    if (s === null || s === undefined || s === '') return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(showControlChars(s)) - 1;
      index.set(s, i);
    }
    return i;
  };
  const clean = (s: string): string => showControlChars(s);
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i] as const));
  const rules: HtmlData['rules'] = report.rules.map((r) => [
    clean(r.id), clean(r.title), SEVERITIES.indexOf(r.severity), r.area, clean(r.description), clean(r.remediation), r.related.map(clean),
  ]);
  const ruleOf = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.push([clean(id), clean(id), 0, 0, '', '', []]) - 1;
      ruleIndex.set(id, i);
    }
    return i;
  };
  const targets: HtmlData['targets'] = [];
  const targetIndex = new Map<string, number>();
  const targetOf = (o: RuleOutcome): number => {
    const key = [o.target, o.kind ?? '', groupOf(o, 'repository') ?? '', groupOf(o, 'pipeline') ?? ''].join('\u0000');
    let i = targetIndex.get(key);
    if (i === undefined) {
      i = targets.push([str(o.target), str(o.kind ?? 'file'), str(groupOf(o, 'repository')), str(groupOf(o, 'pipeline'))]) - 1;
      targetIndex.set(key, i);
    }
    return i;
  };
  const waivers: string[][] = [];
  const waiverIndex = new Map<Waiver, number>();
  const waiverOf = (w: Waiver | undefined): number => {
    if (w === undefined) return -1;
    let i = waiverIndex.get(w);
    if (i === undefined) {
      i = waivers.push([w.rule, w.path, w.reason, w.owner, w.expires, `${w.source.file}:${w.source.line}`].map(clean)) - 1;
      waiverIndex.set(w, i);
    }
    return i;
  };

  const pending: Array<{ row: number[]; waiver: number; sort: [number, number, string, string] }> = [];
  const add = (o: RuleOutcome, outcome: number, severity: number, message: string, f: Finding | undefined, waiver: Waiver | undefined): void => {
    const rule = ruleOf(o.ruleId);
    const row = [rule, targetOf(o), outcome, severity, str(message), str(f?.evidence), str(f ? where(f) : undefined), str(f ? jsonPath(f.path) : undefined)];
    pending.push({ row, waiver: waiverOf(waiver), sort: [outcome, -severity, o.target, o.ruleId] });
  };
  for (const o of report.outcomes) {
    if (o.outcome === 'pass' || o.outcome === 'not_applicable') continue;
    const ruleSeverity = rules[ruleOf(o.ruleId)]?.[2] ?? 0;
    if (o.outcome === 'unknown') add(o, 1, ruleSeverity, o.reason ?? 'no reason given', undefined, undefined);
    if (o.outcome !== 'fail' && o.outcome !== 'waived') continue;
    for (const f of o.findings) add(o, f.waiver ? 2 : 0, SEVERITIES.indexOf(f.severity), f.message, f, f.waiver);
    if (o.findings.length === 0) add(o, o.outcome === 'fail' ? 0 : 2, ruleSeverity, o.reason ?? o.outcome, undefined, undefined);
  }
  pending.sort((a, b) => a.sort[0] - b.sort[0] || a.sort[1] - b.sort[1] || compareText(a.sort[2], b.sort[2]) || compareText(a.sort[3], b.sort[3]));
  return {
    s: strings,
    severities: SEVERITIES,
    outcomes: ROW_OUTCOMES,
    areas: AREA_NAMES,
    rules,
    targets,
    waivers,
    rows: pending.flatMap((p) => p.row),
    rowWaivers: pending.map((p) => p.waiver),
  };
}

/** `file:line:col`, or just the file when the finding has no position in it. */
function where(f: Finding): string {
  const { file, line, column } = f.location;
  if (line <= 0) return file;
  return column > 0 ? `${file}:${line}:${column}` : `${file}:${line}`;
}

/** A finding's path as JSONPath: `$.steps[3].plugins[0]`, `$["odd key"]`. */
export function jsonPath(path: Array<string | number>): string | undefined {
  if (path.length === 0) return undefined;
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}
