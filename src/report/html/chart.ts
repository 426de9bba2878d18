// The summary by guide area: a table with each area's outcome counts as numbers and as an inline SVG stacked bar.
import { areaLabel } from '../areas.js';
import type { Report } from '../../model/report.js';
import { countByArea, OUTCOME_LABELS, OUTCOME_ORDER } from '../rollup.js';
import type { AreaCounts } from '../rollup.js';
import { num } from './escape.js';

const BAR_WIDTH = 1000;

/** The area table; it is plain HTML and SVG so it reads without JavaScript. */
export function renderAreaSummary(report: Report): string {
  const rulesPerArea = new Map<number, number>();
  for (const r of report.rules) rulesPerArea.set(r.area, (rulesPerArea.get(r.area) ?? 0) + 1);
  const head = OUTCOME_ORDER.map((o) => `<th class="num">${OUTCOME_LABELS[o]}</th>`).join('');
  const rows = countByArea(report)
    .filter((a) => a.area !== 0 || a.total > 0)
    .map((a) => {
      const cells = OUTCOME_ORDER.map((o) => `<td class="num" data-area="${a.area}" data-outcome="${o}">${num(a.counts[o])}</td>`).join('');
      return `<tr><th scope="row">${areaLabel(a.area)}</th><td class="num">${num(rulesPerArea.get(a.area) ?? 0)}</td><td class="bar">${bar(a)}</td>${cells}</tr>`;
    })
    .join('');
  const legend = OUTCOME_ORDER.map((o) => `<span><i class="sw o-${o}"></i>${OUTCOME_LABELS[o]}</span>`).join('');
  return (
    `<div class="legend" aria-hidden="true">${legend}</div>` +
    `<div class="scroll"><table class="areas"><thead><tr><th>Area of the guide</th><th class="num">Rules</th><th>Share of outcomes</th>${head}</tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`
  );
}

// A 100% stacked bar: one rectangle per outcome, widths proportional to the counts.
function bar(a: AreaCounts): string {
  if (a.total === 0) return '<span class="muted">no rule evaluated</span>';
  let x = 0;
  const rects = OUTCOME_ORDER.filter((o) => a.counts[o] > 0).map((o) => {
    const w = (a.counts[o] / a.total) * BAR_WIDTH;
    const pct = ((a.counts[o] / a.total) * 100).toFixed(1);
    const rect = `<rect class="o-${o}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="10"><title>${OUTCOME_LABELS[o]}: ${num(a.counts[o])} (${pct}%)</title></rect>`;
    x += w;
    return rect;
  });
  const label = OUTCOME_ORDER.map((o) => `${OUTCOME_LABELS[o]} ${a.counts[o]}`).join(', ');
  return `<svg viewBox="0 0 ${BAR_WIDTH} 10" preserveAspectRatio="none" role="img" aria-label="${label}">${rects.join('')}</svg>`;
}
