// Text output of a blast-radius answer: grouped sections a person can read during an incident.
import type { NotInspected, NotVisible } from './model.js';
import { section } from './format-text-parts.js';
import type { BlastReport, SnapshotInfo } from './report.js';
import { envText, secretText } from './format-text-uses.js';
import { tokenText } from './format-text-token.js';

/** The report as plain text (no colour), one section per heading. */
export function formatText(report: BlastReport, snapshot: SnapshotInfo): string {
  const lines = [
    `kiteguard blast-radius: ${report.query.kind} ${report.query.name}`,
    `snapshot ${snapshot.file}: Buildkite ${snapshot.buildkite_org}${snapshot.github_org ? `, GitHub ${snapshot.github_org}` : ''}, collected ${snapshot.collected_at}`,
  ];
  const body = report.query.kind === 'secret' ? secretText(report as Extract<BlastReport, { query: { kind: 'secret' } }>)
    : report.query.kind === 'env' ? envText(report as Extract<BlastReport, { query: { kind: 'env' } }>)
    : tokenText(report as Extract<BlastReport, { query: { kind: 'token' } }>);
  const notInspected = 'not_inspected' in report ? report.not_inspected : [];
  return `${[...lines, ...body, ...notInspectedText(notInspected), ...notVisibleText(report.not_visible)].join('\n')}\n`;
}

function notInspectedText(items: NotInspected[]): string[] {
  return items.length === 0 ? [] : section('Pipeline YAML not inspected', items.map((i) => [`  ${i.pipeline}: ${i.reason}`]));
}

function notVisibleText(items: NotVisible[]): string[] {
  return items.length === 0 ? [] : section('Not visible in the snapshot (nothing can be said about these)', items.map((i) => [`  ${i.what} not visible: ${i.reason}${i.needs ? ` (needs ${i.needs})` : ''}`]));
}
