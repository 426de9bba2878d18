// Worst offenders: the repositories, pipelines and organizations with the most severity-weighted failing outcomes,
// and the rules that fail on the most targets.
import { areaLabel } from '../areas.js';
import type { Report } from '../../model/report.js';
import { SEVERITY_WEIGHTS, topFailingRules, worstOffenders } from '../rollup.js';
import type { Offender, OffenderGrouping } from '../rollup.js';
import { SEVERITIES_DESC } from '../summary.js';
import { html, num } from './escape.js';
import { organizationNames } from './header.js';

/** How many entries each list shows. */
export const OFFENDER_LIMIT = 10;

const GROUPS: Array<[OffenderGrouping, string]> = [
  ['repository', 'Repositories'],
  ['pipeline', 'Pipelines'],
  ['organization', 'Organizations'],
];

/** The worst-offender lists, the scoring rule in words, and the rules failing most; names are buttons that filter the table. */
export function renderOffenders(report: Report): string {
  const weights = SEVERITIES_DESC.map((s) => `${SEVERITY_WEIGHTS[s]} per ${s}`).join(', ');
  const how =
    `<p class="note">Score: each failing rule on a target counts by the severity of its worst unwaived finding ` +
    `(${weights}). Waived, unknown and not-applicable outcomes do not count. Select a name to filter the findings table.</p>`;
  const lists = GROUPS.map(([by, title]) => [by, title, worstOffenders(report, by, OFFENDER_LIMIT)] as const)
    .filter(([, , list]) => list.length > 0)
    .map(([by, title, list]) => offenderTable(report, by, title, list));
  if (lists.length === 0) return `${how}<p class="ok">No failing outcomes.</p>`;
  return `${how}<div class="grid">${lists.join('')}${rulesTable(report)}</div>`;
}

function offenderTable(report: Report, by: OffenderGrouping, title: string, list: Offender[]): string {
  const organizations = organizationNames(report);
  const rows = list
    .map((o) => {
      const sev = SEVERITIES_DESC.filter((s) => o.bySeverity[s] > 0)
        .map((s) => `<span class="sev sev-${s}" title="${s}">${num(o.bySeverity[s])}</span>`)
        .join(' ');
      // Organizations have no filter of their own: their name goes to the search field.
      const covers = by === 'organization' && organizations ? `<div class="sub" data-organizations>${html(organizations)}</div>` : '';
      return `<tr><td>${filterButton(by === 'organization' ? 'q' : by, o.name)}${covers}</td><td class="num">${num(o.score)}</td><td class="num">${num(o.failing)}</td><td>${sev}</td></tr>`;
    })
    .join('');
  return (
    `<div class="panel" data-offenders="${by}"><h3>${title}</h3><table class="compact"><thead><tr><th>Name</th>` +
    `<th class="num">Score</th><th class="num">Failing</th><th>By severity</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function rulesTable(report: Report): string {
  const rows = topFailingRules(report, OFFENDER_LIMIT)
    .map((r) => {
      const title = r.rule ? `<div class="sub">${html(r.rule.title)}</div>` : '';
      const area = r.rule ? areaLabel(r.rule.area) : '';
      const sev = r.rule ? `<span class="sev sev-${r.rule.severity}">${r.rule.severity}</span>` : '';
      return `<tr><td>${filterButton('rule', r.ruleId)}${title}</td><td>${sev}</td><td>${html(area)}</td><td class="num">${num(r.failingTargets)}</td></tr>`;
    })
    .join('');
  return (
    `<div class="panel wide" data-offenders="rules"><h3>Rules failing on the most targets</h3><table class="compact"><thead><tr><th>Rule</th>` +
    `<th>Severity</th><th>Area</th><th class="num">Targets</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

// Without JavaScript the button is inert text; the client script turns a click into a table filter.
function filterButton(field: string, value: string): string {
  return `<button type="button" class="link" data-filter="${field}" data-value="${html(value)}">${html(value)}</button>`;
}
