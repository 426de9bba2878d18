// The drift section (what changed since the baseline report) and the table of expired waivers.
import type { Drift, DriftChange, Report, Waiver } from '../../model/report.js';
import { plural, sortedExpiredWaivers } from '../summary.js';
import { html, num, time } from './escape.js';

/** Rows shown per drift list; the rest are counted. */
export const DRIFT_ROW_LIMIT = 500;

/** The drift section, or an empty string when the report was not compared with a baseline. */
export function renderDrift(drift: Drift | undefined): string {
  if (drift === undefined) return '';
  const parts: Array<[number, string]> = [
    [drift.newFailures.length, 'new failure'],
    [drift.resolvedFailures.length, 'resolved failure'],
    [drift.newlyUnknown.length, 'newly unknown check'],
    [drift.expiredWaivers.length, 'waiver expired'],
    [drift.settingChanges.length, 'setting change'],
  ];
  const line = parts.map(([n, noun]) => plural(n, noun, noun === 'waiver expired' ? 'waivers expired' : `${noun}s`)).join(' · ');
  const body = [
    changes('New failures', 'new', drift.newFailures),
    changes('Resolved failures', 'resolved', drift.resolvedFailures),
    changes('Newly unknown', 'unknown', drift.newlyUnknown),
    drift.expiredWaivers.length > 0 ? `<h3>Waivers expired since the baseline</h3>${waiverTable(drift.expiredWaivers)}` : '',
    settings(drift),
  ].join('');
  return (
    `<section id="drift"><h2>Drift since ${time(drift.baselineGeneratedAt)}</h2>` +
    `<p class="drift-line">${line}</p>${body || '<p class="ok">Nothing changed.</p>'}</section>`
  );
}

/** The expired waivers of the run: they no longer apply, so their findings count as failures again. */
export function renderExpiredWaivers(report: Report): string {
  const expired = sortedExpiredWaivers(report);
  const body = expired.length > 0 ? waiverTable(expired) : '<p class="ok">No waiver has expired.</p>';
  return `<section id="expired"><h2>Expired waivers</h2>${body}</section>`;
}

function changes(title: string, kind: string, list: DriftChange[]): string {
  if (list.length === 0) return '';
  const rows = list
    .slice(0, DRIFT_ROW_LIMIT)
    .map(
      (c) =>
        `<tr><td><code>${html(c.ruleId)}</code></td><td>${html(c.target)}</td>` +
        `<td class="nowrap">${outcomeTag(c.before)} → ${outcomeTag(c.after)}</td><td>${html(c.detail ?? '')}</td></tr>`,
    )
    .join('');
  return (
    `<h3>${title} <span class="count">${num(list.length)}</span></h3><div class="scroll"><table class="compact" data-drift="${kind}">` +
    `<thead><tr><th>Rule</th><th>Target</th><th>Change</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table></div>${more(list.length)}`
  );
}

function settings(drift: Drift): string {
  if (drift.settingChanges.length === 0) return '';
  const rows = drift.settingChanges
    .slice(0, DRIFT_ROW_LIMIT)
    .map((c) => `<tr><td>${html(c.target)}</td><td>${html(c.summary)}</td></tr>`)
    .join('');
  return (
    `<h3>Setting changes <span class="count">${num(drift.settingChanges.length)}</span></h3><div class="scroll"><table class="compact" data-drift="settings">` +
    `<thead><tr><th>Target</th><th>Change</th></tr></thead><tbody>${rows}</tbody></table></div>${more(drift.settingChanges.length)}`
  );
}

function waiverTable(waivers: Waiver[]): string {
  const rows = waivers
    .map(
      (w) =>
        `<tr><td><code>${html(w.rule)}</code></td><td><code>${html(w.path)}</code></td><td>${html(w.owner)}</td>` +
        `<td>${html(w.reason)}</td><td class="nowrap">${html(w.expires)}</td><td><code>${html(`${w.source.file}:${w.source.line}`)}</code></td></tr>`,
    )
    .join('');
  return (
    `<div class="scroll"><table class="compact waivers"><thead><tr><th>Rule</th><th>Applies to</th><th>Owner</th><th>Reason</th>` +
    `<th>Expired</th><th>Written in</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function outcomeTag(o: string): string {
  return `<span class="tag o-${html(o)}">${html(o.replace('_', ' '))}</span>`;
}

function more(total: number): string {
  return total > DRIFT_ROW_LIMIT ? `<p class="note">${num(total - DRIFT_ROW_LIMIT)} more not shown.</p>` : '';
}
