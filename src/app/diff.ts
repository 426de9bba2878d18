// `kiteguard diff OLD NEW`: what changed between two sweeps, with the settings behind the
// changes when both sweeps left their snapshot beside their results.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { computeDrift } from '../drift/drift.js';
import { formatDriftJson, formatDriftText } from '../drift/format.js';
import { loadCatalog } from '../engine/catalog.js';
import type { Drift } from '../model/report.js';
import { readResults } from '../report/read-json.js';
import { readSnapshot } from '../snapshot/io.js';
import type { Output } from './output.js';

/** Two sweeps to compare (directories or results files, resolved) and the output format. */
export interface DiffRequest {
  before: string;
  after: string;
  format: 'text' | 'json';
}

/** Compares the two sweeps, writes the drift, and returns it. */
export function runDiff(req: DiffRequest, output: Output): Drift {
  const catalog = loadCatalog();
  const files = [resultsFile(req.before), resultsFile(req.after)] as const;
  // Drift reads only the outcomes of the earlier sweep, so its findings are left unread.
  const before = readResults(files[0], catalog, { findings: false });
  const after = readResults(files[1], catalog);
  const snapshots = files.map((f) => join(dirname(f), 'snapshot.json'));
  const both = snapshots.every((s) => existsSync(s)) ? { before: readSnapshot(snapshots[0]!), after: readSnapshot(snapshots[1]!) } : undefined;
  const drift = computeDrift(before, after, both);
  output.stdout(req.format === 'json' ? formatDriftJson(drift, after.generatedAt) : formatDriftText(drift, after.generatedAt));
  if (!both && req.format === 'text') output.stderr('kiteguard: no snapshot.json beside both results files, so the settings behind the changes are not shown\n');
  return drift;
}

/** A sweep directory's results.json, or the file itself. */
function resultsFile(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
}
