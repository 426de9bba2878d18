// The report's header and headline figures: tool, time, targets by kind, threshold, and totals per outcome.
import type { Report } from '../../model/report.js';
import { OUTCOME_LABELS, OUTCOME_ORDER, targetKindsPhrase } from '../rollup.js';
import { countReport, plural, problemLabel, problemsOf, problemText, SEVERITIES_DESC } from '../summary.js';
import { html, num, time } from './escape.js';

/** The page header: what ran, when, on what, and with which fail-on threshold. */
export function renderHeader(report: Report): string {
  const kinds = targetKindsPhrase(report);
  const organizations = organizationNames(report);
  const items: Array<[string, string]> = [
    ['Generated', time(report.generatedAt)],
    ['Tool', `${html(report.tool.name)} ${html(report.tool.version)}`],
    ['Targets', kinds === '' ? 'none' : html(kinds)],
    ...(organizations ? ([['Organizations', html(organizations)]] as Array<[string, string]>) : []),
    ['Rules', num(report.rules.length)],
    ['Fails on', `<strong>${html(report.failOn)}</strong> and above`],
  ];
  if (report.drift) items.push(['Compared with', time(report.drift.baselineGeneratedAt)]);
  const meta = items.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('');
  return `<header class="top"><div class="wrap"><h1>kiteguard compliance report</h1><dl class="meta">${meta}</dl></div></header>`;
}

/** The organizations the `organization` target covers, e.g. `GitHub acme · Buildkite acme-inc`; undefined when unknown. */
export function organizationNames(report: Report): string | undefined {
  const o = report.organizations;
  const names = [...(o?.github ? [`GitHub ${o.github}`] : []), ...(o?.buildkite ? [`Buildkite ${o.buildkite}`] : [])];
  return names.length > 0 ? names.join(' · ') : undefined;
}

/** Headline figures: outcomes per kind, failing findings by severity and how many are at or above the threshold. */
export function renderTotals(report: Report): string {
  const counts = countReport(report);
  const cards = OUTCOME_ORDER.map(
    (o) => `<div class="card o-${o}"><span class="n" data-total="${o}">${num(counts.outcomes[o])}</span><span class="l">${OUTCOME_LABELS[o]}</span></div>`,
  ).join('');
  const severities = SEVERITIES_DESC.map((s) => `<span class="sev sev-${s}">${num(counts.failingBySeverity[s])} ${s}</span>`).join(' ');
  const expired = counts.expiredWaivers > 0 ? ` · <a href="#expired">${plural(counts.expiredWaivers, 'expired waiver')}</a>` : '';
  return (
    `<div class="cards" aria-label="Outcomes of every rule on every target">${cards}</div>` +
    `<p class="findings-line">${plural(counts.failing, 'failing finding')}: ${severities} · ` +
    `<strong data-total="blocking">${num(counts.blocking)}</strong> at or above ${html(report.failOn)} · ${num(counts.waived)} waived${expired}</p>`
  );
}

/** Inputs that could not be checked and missing data, shown before anything else so the page never reads as clean. */
export function renderProblems(report: Report): string {
  const problems = problemsOf(report);
  if (problems.length === 0) return '';
  const items = problems.map((p) => `<li><strong>${problemLabel(p)}</strong>: ${html(problemText(p))}</li>`).join('');
  return `<section id="problems" class="problems" role="alert"><h2>Not checked: ${plural(problems.length, 'problem')}</h2><ul>${items}</ul></section>`;
}
