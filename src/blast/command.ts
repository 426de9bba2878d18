// Runs one blast-radius query: reads the snapshot, answers the query, writes text or JSON.
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CliIo } from '../cli/io.js';
import { InputError } from '../errors.js';
import { readSnapshot } from '../snapshot/io.js';
import type { Snapshot } from '../snapshot/types.js';
import { envBlastRadius } from './env.js';
import { estateOf } from './estate.js';
import { formatJson } from './format-json.js';
import { formatText } from './format-text.js';
import type { BlastQuery } from './model.js';
import type { BlastReport, SnapshotInfo } from './report.js';
import { secretBlastRadius } from './secret.js';
import { tokenBlastRadius } from './token.js';

/** The output formats of `blast-radius`. */
export const BLAST_FORMATS = ['text', 'json'] as const;

/** What one `blast-radius` run was asked, with paths resolved. */
export interface BlastRequest {
  snapshot: string;
  query: BlastQuery;
  format: (typeof BLAST_FORMATS)[number];
  output?: string;
}

/** Exit codes: something matched, nothing matched (usage and input errors are 2, thrown). */
export const BLAST_EXIT = { matched: 0, nothingMatched: 1 } as const;

/** Answers a query over a snapshot already read (`file` names it in errors). */
export function blastRadius(snapshot: Snapshot, query: BlastQuery, file: string): BlastReport {
  const estate = estateOf(snapshot, file);
  if (query.kind === 'secret') return secretBlastRadius(estate, query.name);
  if (query.kind === 'env') return envBlastRadius(estate, query.name);
  return tokenBlastRadius(estate, query.name);
}

/** Reads the snapshot, answers, writes the report; resolves to 0 when something matched, 1 when nothing did. */
export async function runBlastRadius(request: BlastRequest, io: CliIo): Promise<number> {
  const snapshot = readSnapshot(request.snapshot);
  const report = blastRadius(snapshot, request.query, request.snapshot);
  const info: SnapshotInfo = {
    file: shortPath(io.cwd, request.snapshot),
    collected_at: snapshot.collected_at,
    buildkite_org: snapshot.buildkite?.org ?? '',
    github_org: snapshot.github?.org ?? null,
  };
  const text = request.format === 'json' ? formatJson(report, info) : formatText(report, info);
  if (request.output) {
    try {
      writeFileSync(request.output, text);
    } catch (err) {
      throw new InputError(`cannot write the report: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: request.output });
    }
  } else {
    io.stdout(text);
  }
  return report.matched ? BLAST_EXIT.matched : BLAST_EXIT.nothingMatched;
}

// The snapshot path relative to the working directory when it is below it, else absolute.
function shortPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
