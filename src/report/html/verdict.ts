// The report's one-line verdict, and the rules it could not decide grouped by cause rather than row by row.
import type { Report } from '../../model/report.js';
import { countReport, outcomesOf, plural, verdictOf } from '../summary.js';
import { html, num } from './escape.js';

/** One sentence at the top: does this run fail the gate, and on what. */
export function renderVerdict(report: Report): string {
  const counts = countReport(report);
  const verdict = verdictOf(counts);
  const unknown = counts.outcomes.unknown;
  const undecided = unknown > 0 ? ` ${plural(unknown, 'rule outcome')} could not be decided (see below).` : '';
  const text: Record<typeof verdict, string> = {
    error: `Not checked: ${plural(counts.inputErrors, 'input')} could not be read, so this report is not complete (see Not checked above).`,
    incomplete: `Incomplete: ${plural(counts.incomplete, 'part')} of the data could not be read, so rules that need it are undecided.`,
    blocking: `Fails: ${plural(counts.blocking, 'finding')} at or above ${report.failOn} on ${plural(failingTargets(report), 'target')}.${undecided}`,
    failing: `Passes the ${report.failOn} threshold, with ${plural(counts.failing, 'finding')} below it.${undecided}`,
    unknown: `No failing finding, but ${plural(unknown, 'rule outcome')} could not be decided: the data they need was not visible.`,
    waived: `No failing finding; ${plural(counts.waived, 'finding')} waived.`,
    clean: 'No failing finding and nothing left undecided.',
  };
  return `<p class="verdict v-${verdict}" id="verdict">${html(text[verdict])}</p>`;
}

/** The unknown outcomes grouped by their reason: how many, on which rules and targets. */
export function renderUnknownCauses(report: Report): string {
  const groups = new Map<string, { rules: Set<string>; targets: Set<string>; n: number }>();
  for (const o of outcomesOf(report, 'unknown')) {
    const reason = o.reason ?? 'no reason given';
    const g = groups.get(reason) ?? { rules: new Set(), targets: new Set(), n: 0 };
    g.rules.add(o.ruleId);
    g.targets.add(o.target);
    g.n += 1;
    groups.set(reason, g);
  }
  if (groups.size === 0) return '';
  const rows = [...groups.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([reason, g]) => `<tr><td>${html(reason)}</td><td class="num">${num(g.n)}</td><td>${list(g.rules)}</td><td>${list(g.targets)}</td></tr>`)
    .join('');
  return (
    `<section id="unknown"><h2>Could not decide, by cause</h2><p class="note">Each cause once, with the rules and targets it left undecided; ` +
    `the findings table lists every outcome.</p><div class="scroll"><table class="compact causes"><thead><tr><th>Cause</th><th class="num">Outcomes</th>` +
    `<th>Rules</th><th>Targets</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}

function failingTargets(report: Report): number {
  return new Set(report.outcomes.filter((o) => o.outcome === 'fail').map((o) => o.target)).size;
}

// Up to five names, then how many more.
function list(names: Set<string>): string {
  const all = [...names].sort();
  const shown = all.slice(0, 5).map((n) => `<code>${html(n)}</code>`).join(', ');
  return all.length > 5 ? `${shown} and ${num(all.length - 5)} more` : shown;
}
