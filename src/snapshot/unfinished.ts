// What an unfinished collection leaves on disk, and the check that keeps it from being read as a snapshot:
// the journal folder beside the output (`<out>.partial/`), the lock of the run writing it (`<out>.lock`) and the
// temporary file of a write that was cut short.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** The `format` of a journal's header file. */
export const JOURNAL_FORMAT = 'kiteguard-collect-journal';
/** The header file inside a journal folder. */
export const JOURNAL_HEADER_FILE = 'journal.json';
/** The append-only response records inside a journal folder. */
export const JOURNAL_RECORDS_FILE = 'responses.jsonl';

/** The journal folder of a collection writing its snapshot to `output`. */
export function journalDirOf(output: string): string {
  return `${output}.partial`;
}

/** The `format` of a collection's lock file. */
export const LOCK_FORMAT = 'kiteguard-collect-lock';

/** The lock file of the collection writing its snapshot to `output`: beside the journal folder, never in it. */
export function lockFileOf(output: string): string {
  return `${output}.lock`;
}

/** The largest lock file read: a lock is one short JSON object. */
export const MAX_LOCK_BYTES = 4096;

// Temporary files of `writeFileSafely` (src/files.ts): `.<name>.<pid>.<random>.tmp`.
const TEMP_FILE = /^\..+\.\d+\.[a-z0-9]+\.tmp$/;

/** Throws an InputError when `file` is a collection journal (or a file in one) or a cut-short temporary file, not a snapshot. */
export function refuseUnfinished(file: string): void {
  const journal = isJournalDir(file) ? file : isJournalDir(dirname(file)) ? dirname(file) : undefined;
  if (journal) {
    const output = journal.endsWith('.partial') ? journal.slice(0, -'.partial'.length) : 'FILE';
    throw new InputError(
      `this is the journal of an unfinished collection, not a snapshot; finish the collection with \`kiteguard collect --resume -o ${output}\` (same options as before), or delete ${journal} to start over`,
      { file },
    );
  }
  if (isLockFile(file)) {
    const output = file.slice(0, -'.lock'.length);
    throw new InputError(`this is the lock of a collection writing ${output}, not a snapshot; read ${output} once that collection has ended`, { file });
  }
  if (TEMP_FILE.test(basename(file))) {
    throw new InputError('this is the temporary file of a write that was cut short, not a finished file; delete it and use the file it was written for', { file });
  }
}

function isJournalDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() && existsSync(join(path, JOURNAL_HEADER_FILE));
  } catch {
    return false;
  }
}

function isLockFile(path: string): boolean {
  if (!path.endsWith('.lock')) return false;
  try {
    const st = lstatSync(path);
    if (!st.isFile() || st.size > MAX_LOCK_BYTES) return false;
    return (JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown } | null)?.format === LOCK_FORMAT;
  } catch {
    return false;
  }
}
