// Runs one blast-radius query: reads the snapshot, answers the query, writes text or JSON.
import { PRIVATE_FILE_MODE, writeFileSafely } from '../files.js';
import { isAbsolute, relative } from 'node:path';
import { readSnapshot } from '../snapshot/io.js';
import type { Snapshot } from '../snapshot/types.js';
import { envBlastRadius } from '../blast/env.js';
import { estateOf } from '../blast/estate.js';
import { formatJson } from '../blast/format-json.js';
import { formatText } from '../blast/format-text.js';
import { showControlChars } from '../report/summary.js';
import type { BlastQuery } from '../blast/model.js';
import type { BlastReport, SnapshotInfo } from '../blast/report.js';
import { secretBlastRadius } from '../blast/secret.js';
import { tokenBlastRadius } from '../blast/token.js';
import type { Output } from './output.js';

/** One blast-radius question: a secret, an environment variable or a token, by name. */
export type { BlastQuery };

/** The output formats of `blast-radius`. */
export const BLAST_FORMATS = ['text', 'json'] as const;

/** What one `blast-radius` run was asked, with paths resolved. */
export interface BlastRequest {
  snapshot: string;
  /** The working directory: the report names the snapshot relative to it. */
  cwd: string;
  query: BlastQuery;
  format: (typeof BLAST_FORMATS)[number];
  output?: string;
}

/** Answers a query over a snapshot already read (`file` names it in errors). */
export function blastRadius(snapshot: Snapshot, query: BlastQuery, file: string): BlastReport {
  const estate = estateOf(snapshot, file);
  if (query.kind === 'secret') return secretBlastRadius(estate, query.name);
  if (query.kind === 'env') return envBlastRadius(estate, query.name);
  return tokenBlastRadius(estate, query.name);
}

/** Reads the snapshot, answers, writes the report (to the request's file, else stdout) and returns it. */
export function runBlastRadius(request: BlastRequest, output: Output): BlastReport {
  const snapshot = readSnapshot(request.snapshot);
  const report = blastRadius(snapshot, request.query, request.snapshot);
  const info: SnapshotInfo = {
    file: shortPath(request.cwd, request.snapshot),
    collected_at: snapshot.collected_at,
    buildkite_org: snapshot.buildkite?.org ?? '',
    github_org: snapshot.github?.org ?? null,
  };
  const text = request.format === 'json' ? formatJson(report, info) : formatText(oneLineStrings(report), oneLineStrings(info));
  if (request.output) {
    writeFileSafely(request.output, text, PRIVATE_FILE_MODE);
  } else {
    output.stdout(text);
  }
  return report;
}

// The snapshot path relative to the working directory when it is below it, else absolute.
function shortPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

// Snapshot data shown on a terminal: every string on one line, control and bidi characters as visible escapes.
function oneLineStrings<T>(value: T): T {
  if (typeof value === 'string') return showControlChars(value).replace(/\n/g, '\\n').replace(/\t/g, '\\t') as T;
  if (Array.isArray(value)) return value.map(oneLineStrings) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, oneLineStrings(v)])) as T;
  return value;
}
