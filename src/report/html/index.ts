// The self-contained HTML compliance report: one file with its styles, data and script inline, no network access.
import { createHash } from 'node:crypto';
import type { Report } from '../../model/report.js';
import { FILTER_SCRIPT } from './client-filter.js';
import { TABLE_SCRIPT } from './client-table.js';
import { renderAreaSummary } from './chart.js';
import { buildHtmlData } from './data.js';
import { renderDrift, renderExpiredWaivers } from './drift.js';
import { html, jsonForScript } from './escape.js';
import { renderHeader, renderProblems, renderTotals } from './header.js';
import { renderOffenders } from './offenders.js';
import { STYLE } from './style.js';
import { renderUnknownCauses, renderVerdict } from './verdict.js';
import { renderFindingsSection } from './table.js';

/** The page's script: the two client parts in one scope. */
export const CLIENT_SCRIPT = `(function(){'use strict';${FILTER_SCRIPT}${TABLE_SCRIPT}})();`;

/** Renders the report as one HTML document; a Content-Security-Policy allows only its own inline style and script. */
export function renderHtml(report: Report): string {
  const data = buildHtmlData(report);
  const csp = [
    "default-src 'none'",
    `style-src '${sha256(STYLE)}'`,
    `script-src '${sha256(CLIENT_SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const nav = [
    ['#summary', 'Summary'],
    ['#offenders', 'Worst offenders'],
    ['#findings', 'Findings'],
    ...(report.drift ? [['#drift', 'Drift']] : []),
    ['#expired', 'Expired waivers'],
  ]
    .map(([href, label]) => `<a href="${href}">${label}</a>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>kiteguard compliance report — ${html(report.generatedAt)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    renderHeader(report),
    `<nav class="wrap" aria-label="Sections">${nav}</nav><main>`,
    renderProblems(report),
    `<section id="summary"><h2>Summary by area of the security guide</h2>${renderVerdict(report)}${renderTotals(report)}${renderAreaSummary(report)}</section>`,
    `<section id="offenders"><h2>Worst offenders</h2>${renderOffenders(report)}</section>`,
    renderUnknownCauses(report),
    renderFindingsSection(data),
    renderDrift(report.drift),
    renderExpiredWaivers(report),
    '</main>',
    `<script type="application/json" id="kg-data">${jsonForScript(data)}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
