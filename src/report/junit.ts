// JUnit XML: one <testsuite> per target, one <testcase> per rule on that target.
import type { Finding, Report, RuleOutcome } from '../model/report.js';
import {
  allTargets,
  compareFindings,
  problemLabel,
  problemsOf,
  problemText,
  showControlChars,
  sortedOutcomes,
  waiverTerms,
} from './summary.js';
import { isWaived, severityRank } from '../model/blocking.js';
import { appendTo } from '../collections.js';

interface Case {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

/**
 * Renders a report as JUnit XML. `fail` is a <failure> (type = worst severity) whatever the threshold,
 * since formatters do not decide what blocks; `waived`, `not_applicable` and `unknown` are <skipped> with
 * a message that says which and why; `pass` is an empty <testcase>; an input not checked is an <error> testcase.
 */
export function formatJunit(report: Report): string {
  const byTarget = new Map<string, RuleOutcome[]>();
  for (const o of sortedOutcomes(report)) appendTo(byTarget, o.target, o);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const target of allTargets(report)) {
    const cases = (byTarget.get(target) ?? []).map((o) => testcase(o));
    const f = cases.filter((c) => c.failed).length;
    const s = cases.filter((c) => c.skipped).length;
    tests += cases.length;
    failures += f;
    skipped += s;
    const attrs = `name="${xmlAttr(target)}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}" timestamp="${xmlAttr(report.generatedAt)}"`;
    suites.push(
      cases.length === 0
        ? `  <testsuite ${attrs}/>`
        : `  <testsuite ${attrs}>\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`,
    );
  }
  const problems = problemsOf(report);
  const errors = problems.filter((p) => p.kind !== 'notice');
  if (problems.length > 0) {
    // One <testcase> per input that could not be checked, first, in a suite of their own: an <error>, or <skipped> for a notice.
    const cases = problems.map((p) => {
      const file = p.location?.file ?? report.tool.name;
      const name = p.skipped ? 'not checked' : p.kind === 'input' ? 'input' : 'incomplete data';
      const body = p.kind === 'notice' ? `<skipped message="${xmlAttr(`${problemLabel(p)}: ${problemText(p)}`)}"/>` : `<error message="${xmlAttr(problemText(p))}" type="${p.kind}"/>`;
      return `    <testcase classname="${xmlAttr(file)}" name="${name}" file="${xmlAttr(file)}">\n      ${body}\n    </testcase>`;
    });
    const notices = problems.length - errors.length;
    suites.unshift(`  <testsuite name="inputs not checked" tests="${cases.length}" failures="0" errors="${errors.length}" skipped="${notices}" timestamp="${xmlAttr(report.generatedAt)}">\n${cases.join('\n')}\n  </testsuite>`);
    tests += cases.length;
    skipped += notices;
  }
  const root = `name="${xmlAttr(report.tool.name)}" tests="${tests}" failures="${failures}" errors="${errors.length}" skipped="${skipped}"`;
  const body = suites.length === 0 ? '' : `\n${suites.join('\n')}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${root}>${body}\n</testsuites>\n`;
}

function testcase(o: RuleOutcome): Case {
  const open = `    <testcase classname="${xmlAttr(o.target)}" name="${xmlAttr(o.ruleId)}" file="${xmlAttr(o.target)}"`;
  const skip = (message: string): Case => ({
    xml: `${open}>\n      <skipped message="${xmlAttr(message)}"/>\n    </testcase>`,
    failed: false,
    skipped: true,
  });
  const findings = [...o.findings].sort(compareFindings);
  switch (o.outcome) {
    case 'pass':
      return { xml: `${open}/>`, failed: false, skipped: false };
    case 'not_applicable':
      return skip(`not applicable: ${o.reason ?? 'nothing to check'}`);
    case 'unknown':
      return skip(`unknown: ${o.reason ?? 'the data needed was not visible'}`);
    case 'waived': {
      const w = findings.find((f) => f.waiver)?.waiver;
      return skip(w ? `waived: ${waiverTerms(w)}` : 'waived');
    }
    case 'fail': {
      const failing = findings.filter((f) => !isWaived(f));
      const worst = failing.reduce((a, f) => (severityRank(f.severity) > severityRank(a) ? f.severity : a), failing[0]?.severity ?? 'low');
      const first = failing[0]?.message ?? '';
      const message = failing.length === 1 ? first : `${failing.length} findings; first: ${first}`;
      const lines = findings.map(findingLine).join('\n');
      return {
        xml: `${open}>\n      <failure message="${xmlAttr(message)}" type="${worst}">${xmlText(lines)}</failure>\n    </testcase>`,
        failed: true,
        skipped: false,
      };
    }
  }
}

function findingLine(f: Finding): string {
  const at = `${f.location.file}:${f.location.line}:${f.location.column}`;
  const waived = f.waiver ? ` (waived: ${waiverTerms(f.waiver)})` : '';
  const evidence = f.evidence ? `\n    evidence: ${f.evidence.replace(/\n/g, '\n      ')}` : '';
  return `${at} ${f.severity} ${f.message.replace(/\n/g, '\n    ')}${waived}${evidence}`;
}

/** Escapes XML text: `&`, `<`, `>`; control characters, which XML 1.0 forbids even as references, are shown as escapes. */
export function xmlText(s: string): string {
  return showControlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value: text escapes plus quotes, and tab/newline kept as references so parsers do not fold them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
