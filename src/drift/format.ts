// `kiteguard diff` output: drift as text for a person, or JSON for tools.
import type { Drift, DriftChange } from '../model/report.js';

/** Drift as plain text, one section per kind of change. */
export function formatDriftText(drift: Drift, current: string): string {
  const lines = [`changes from the sweep of ${drift.baselineGeneratedAt} to the sweep of ${current}`];
  const section = (title: string, rows: string[]) => {
    lines.push('', `${title} (${rows.length})${rows.length ? ':' : ''}`, ...rows.map((r) => `  ${r}`));
  };
  const change = (c: DriftChange) => `${c.target}  ${c.ruleId}  ${c.before} → ${c.after}${c.detail ? `  ${c.detail}` : ''}`;
  section('new failures', drift.newFailures.map(change));
  section('resolved failures', drift.resolvedFailures.map(change));
  section('newly unknown', drift.newlyUnknown.map(change));
  section('waivers that expired', drift.expiredWaivers.map((w) => `${w.rule}  ${w.path}  owner ${w.owner}  expired after ${w.expires}  (${w.source.file}:${w.source.line})`));
  section('settings that changed behind them', drift.settingChanges.map((s) => s.summary));
  return `${lines.join('\n')}\n`;
}

/** Drift as a JSON document. */
export function formatDriftJson(drift: Drift, current: string): string {
  return `${JSON.stringify({ format: { name: 'kiteguard-drift', version: 1 }, baseline: drift.baselineGeneratedAt, current, ...drift }, null, 2)}\n`;
}
