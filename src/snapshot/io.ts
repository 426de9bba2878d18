// Reads and writes snapshot files: JSON, validated against the schema both ways.
import { readFileSync, statSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../files.js';
import { InputError } from '../errors.js';
import { maskCredentialsDeep } from '../redact.js';
import { LineIndex } from '../yaml/lines.js';
import { checkDuplicates } from './duplicates.js';
import { locateJsonPointer } from './json-locate.js';
import { readJsonFile, STREAM_ABOVE } from './json-reader.js';
import { writeJsonFile } from './json-writer.js';
import { pointerPath, quarantineInvalid, type QuarantinedPart } from './quarantine.js';
import type { Snapshot } from './types.js';
import { snapshotProblems } from './validate.js';
import { refuseUnfinished } from './unfinished.js';

/** Reads a snapshot file; anything that is not a valid snapshot of this version is an InputError at file:line:col. */
export function readSnapshot(file: string): Snapshot {
  refuseUnfinished(file);
  let text: string | undefined;
  try {
    // Too big for one string: parsed in chunks below, and validated without line numbers.
    if (statSync(file).size <= STREAM_ABOVE) text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read snapshot: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  return text === undefined ? snapshotFromValue(readJsonFile(file, 'the snapshot'), file) : parseSnapshot(text, file);
}

/** Parses and validates snapshot text (named `file` in errors). */
export function parseSnapshot(text: string, file: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const position = at ? new LineIndex(text).at(Number(at[1])) : {};
    throw new InputError(`not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')}); expected a snapshot written by \`kiteguard collect\``, { file, ...position });
  }
  return snapshotFromValue(value, file, text);
}

/** Validates a parsed snapshot (`text`, when known, places errors at their line). */
export function snapshotFromValue(value: unknown, file: string, text?: string): Snapshot {
  const problems = snapshotProblems(value);
  const first = problems[0];
  if (first) {
    const offset = text === undefined ? undefined : locateJsonPointer(text, first.pointer);
    const position = offset === undefined || text === undefined ? {} : new LineIndex(text).at(offset);
    const where = first.pointer === '' ? '' : ` at ${first.pointer}`;
    throw new InputError(`not a kiteguard snapshot${where}: ${first.message}`, { file, ...position });
  }
  checkDuplicates(value as Snapshot, file, text);
  return value as Snapshot;
}

/**
 * The schema check as a safety net that never throws data away: every part that fails the schema becomes an
 * `unavailable` section and is added to `incomplete` (as `schema: <path>`), so the run ends incomplete, not empty.
 * Credentials anywhere in it are masked by shape first.
 */
export function sealSnapshot(snapshot: Snapshot): QuarantinedPart[] {
  // The last line of defence: no token, JWT or private key leaves in a snapshot, yet every one keeps its kind,
  // length and place, so `pipeline/hardcoded_secret` still finds it at the same line and column (src/redact.ts).
  maskCredentialsDeep(snapshot);
  const { parts } = quarantineInvalid(snapshot);
  if (parts.length > 0) snapshot.incomplete = [...new Set([...snapshot.incomplete, ...parts.map((p) => `schema: ${pointerPath(p.pointer) || '/'}`)])].sort();
  return parts;
}

/** Seals a snapshot (`sealSnapshot`) and writes it atomically, owner-readable only, so a failed run loses no earlier file. */
export function writeSnapshot(file: string, snapshot: Snapshot): QuarantinedPart[] {
  const parts = sealSnapshot(snapshot);
  writeJsonFile(file, snapshot, PRIVATE_FILE_MODE);
  return parts;
}
