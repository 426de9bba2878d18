// The findings section's static markup: filter controls, table head and pager; the client script fills the rows.
import { html, num } from './escape.js';
import type { HtmlData } from './data.js';
import { ROW_FIELDS } from './data.js';

/** The findings section; without JavaScript it says the table needs it and how many rows it holds. */
export function renderFindingsSection(data: HtmlData): string {
  const rows = data.rows.length / ROW_FIELDS;
  const select = (id: string, label: string, all: string): string =>
    `<label>${label}<select id="f-${id}" name="${id}"><option value="">${html(all)}</option></select></label>`;
  const input = (id: string, label: string, list: string): string =>
    `<label>${label}<input id="f-${id}" name="${id}" list="${list}" autocomplete="off" placeholder="any"><datalist id="${list}"></datalist></label>`;
  return (
    `<section id="findings"><h2>Findings, unknowns and waivers <span class="count">${num(rows)}</span></h2>` +
    `<p class="note">Every failing or waived finding and every rule that could not decide (unknown), most severe first. ` +
    `Passing and not-applicable outcomes are counted in the summary above. Select a row for its remediation and evidence.</p>` +
    `<noscript><p>The findings table needs JavaScript; the summary above does not.</p></noscript>` +
    `<div id="table-ui" hidden><form id="filters" role="search">` +
    select('area', 'Area', 'All areas') +
    select('severity', 'Severity', 'All severities') +
    select('rule', 'Rule', 'All rules') +
    select('outcome', 'Outcome', 'Fail, unknown, waived') +
    input('repository', 'Repository', 'repositories') +
    input('pipeline', 'Pipeline', 'pipelines') +
    `<label class="search">Search messages, evidence, targets, rules<input id="f-q" name="q" type="search" autocomplete="off" placeholder="e.g. docker-compose or acme/api"></label>` +
    `<div class="actions"><button class="btn" type="reset">Clear filters</button></div></form>` +
    `<div class="pager"><span id="status" role="status" aria-live="polite"></span><div><button class="btn" id="prev" type="button">Previous</button>` +
    `<span id="page"></span><button class="btn" id="next" type="button">Next</button></div></div>` +
    `<table class="findings"><colgroup><col class="c-o"><col class="c-s"><col class="c-r"><col class="c-t"><col></colgroup>` +
    `<thead><tr><th>Outcome</th><th>Severity</th><th>Rule</th><th>Target</th><th>Message</th></tr></thead>` +
    `<tbody id="rows"></tbody></table></div></section>`
  );
}
