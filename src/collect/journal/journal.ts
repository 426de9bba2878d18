// The checkpoint journal of a collection, beside its output (`<out>.partial/`, owner-only): a header saying what
// was being collected, and every completed response, appended one sealed line at a time. `--resume` replays those
// responses instead of asking the APIs again; a finished, complete collection removes the journal.
import { chmodSync, closeSync, constants, fchmodSync, ftruncateSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileSafely } from '../../files.js';
import { JOURNAL_HEADER_FILE, JOURNAL_RECORDS_FILE } from '../../snapshot/unfinished.js';
import type { Provider } from '../../snapshot/types.js';
import { headerDifferences, isJournalHeader, journalTooOld, MAX_JOURNAL_AGE_HOURS, type JournalHeader } from './header.js';
import { decodeRecords, encodeRecord, requestKey, type StoredResponse } from './records.js';

/** What the API clients ask of a journal: a stored answer to replay, and a completed answer to keep. */
export interface ResponseJournal {
  /** The stored response to this request, when an earlier run completed it. */
  replay(provider: Provider, method: string, url: string, body: string): StoredResponse | undefined;
  /** Keeps a completed response (never one that contains a credential). */
  record(provider: Provider, method: string, url: string, body: string, response: StoredResponse): void;
}

/** How to open a journal. */
export interface OpenJournal {
  dir: string;
  header: JournalHeader;
  /** The caller's identity hash: seals the records, never stored. */
  identity: string;
  /** Reuse a journal left by an interrupted run (`--resume`). */
  resume: boolean;
  /** Credentials that must never reach the journal. */
  secrets: string[];
}

/** A journal open for this collection, and what opening it did (a line to show the user, or none). */
export interface OpenedJournal {
  journal: CollectionJournal;
  notice?: string;
  /** The header of the journal being resumed. */
  resumed?: JournalHeader;
}

/** The journal of one collection: replays what an interrupted run completed, records what this one completes. */
export class CollectionJournal implements ResponseJournal {
  /** Responses replayed per provider (requests not sent). */
  readonly replayed: Record<Provider, number> = { github: 0, buildkite: 0 };
  /** Why recording stopped (the disk refused a write), if it did. */
  failure: string | undefined;
  /** Records of the resumed journal that were cut short, changed or sealed by someone else: not replayed. */
  dropped = 0;

  private constructor(
    readonly dir: string,
    private readonly fd: number,
    private readonly identity: string,
    private readonly stored: Map<string, StoredResponse>,
    private readonly secrets: string[],
  ) {}

  /** Opens the journal at `dir`: resumed when asked and it matches, else a fresh one (an old one is discarded and said so). */
  static open(options: OpenJournal): OpenedJournal {
    const { dir } = options;
    const existing = readHeader(dir);
    let notice: string | undefined;
    const stale = existing?.header && journalTooOld(existing.header, options.header) ? existing.header : undefined;
    if (existing && options.resume && !stale) {
      if (!existing.header) throw new UsageError(`--resume: ${dir} is not a readable kiteguard journal (${existing.problem}); delete it to start over, or run without --resume`);
      const differences = headerDifferences(existing.header, options.header);
      if (differences.length > 0) {
        throw new UsageError(
          `--resume: the journal at ${dir} is of another collection:\n${differences.map((d) => `  ${d}`).join('\n')}\nrun with the options it was started with, or start over: delete ${dir}, or run without --resume (which replaces it)`,
        );
      }
      const journal = CollectionJournal.resume(dir, options);
      const dropped = journal.dropped > 0 ? `; ${count(journal.dropped, 'damaged or cut-short record')} dropped (asked again)` : '';
      return { journal, resumed: existing.header, notice: `resuming the collection started at ${existing.header.started_at}: ${count(journal.stored.size, 'completed response')} in ${dir}${dropped}` };
    }
    if (stale) {
      notice = `discarded the journal in ${dir}: its collection started at ${stale.started_at}, more than ${MAX_JOURNAL_AGE_HOURS} hours ago, too long to mix its answers with new ones; collecting from the start`;
      rmSync(dir, { recursive: true, force: true });
    } else if (existing) {
      notice = `discarded the journal of an unfinished collection${existing.header ? ` started at ${existing.header.started_at}` : ''} in ${dir}; starting over (pass --resume to continue it instead)`;
      rmSync(dir, { recursive: true, force: true });
    } else if (options.resume) {
      notice = `--resume: no journal in ${dir}; collecting from the start`;
    }
    try {
      mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
      chmodSync(dir, PRIVATE_DIR_MODE);
    } catch (err) {
      throw new InputError(`cannot create the collection journal beside the output (${(err as NodeJS.ErrnoException).code ?? String(err)}); the output's folder must exist and be writable`, { file: dir });
    }
    writeFileSafely(join(dir, JOURNAL_HEADER_FILE), `${JSON.stringify(options.header, null, 2)}\n`, PRIVATE_FILE_MODE);
    const journal = new CollectionJournal(dir, openRecords(dir), options.identity, new Map(), options.secrets);
    return notice ? { journal, notice } : { journal };
  }

  private static resume(dir: string, options: OpenJournal): CollectionJournal {
    chmodSync(dir, PRIVATE_DIR_MODE);
    const file = join(dir, JOURNAL_RECORDS_FILE);
    let bytes = Buffer.alloc(0);
    try {
      bytes = readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`cannot read the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
    }
    const { records, dropped, end } = decodeRecords(options.identity, bytes);
    const fd = openRecords(dir);
    // A line cut short by a killed run is cut off, so the next record starts on a line of its own.
    if (end < bytes.length) ftruncateSync(fd, end);
    const journal = new CollectionJournal(dir, fd, options.identity, records, options.secrets);
    journal.dropped = dropped;
    return journal;
  }

  /** The stored response to a request, counted as replayed. */
  replay(provider: Provider, method: string, url: string, body: string): StoredResponse | undefined {
    const found = this.stored.get(requestKey(provider, method, url, body));
    if (found) this.replayed[provider]++;
    return found;
  }

  /** Appends a completed response as one sealed line; one holding a credential is not kept (it is asked again on resume). */
  record(provider: Provider, method: string, url: string, body: string, response: StoredResponse): void {
    if (this.failure !== undefined) return;
    const texts = [response.body, ...Object.values(response.headers)];
    if (this.secrets.some((s) => texts.some((t) => t.includes(s)))) return;
    try {
      writeSync(this.fd, encodeRecord(this.identity, requestKey(provider, method, url, body), response));
    } catch (err) {
      this.failure = `cannot append to the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    }
  }

  /** Closes the journal; removes it when the collection it served is finished and complete. */
  close(remove: boolean): void {
    closeSync(this.fd);
    if (remove) rmSync(this.dir, { recursive: true, force: true });
  }
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

// The header of an existing journal folder: undefined when there is none, `problem` when it cannot be read.
function readHeader(dir: string): { header?: JournalHeader; problem?: string } | undefined {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) throw new InputError('the journal path exists and is not a folder; move it away, or write the snapshot elsewhere', { file: dir });
  } catch (err) {
    if (err instanceof InputError) throw err;
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(readFileSync(join(dir, JOURNAL_HEADER_FILE), 'utf8'));
    return isJournalHeader(value) ? { header: value } : { problem: `${JOURNAL_HEADER_FILE} is not a journal header` };
  } catch (err) {
    return { problem: `${JOURNAL_HEADER_FILE}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

// The records file, opened for appending, owner-only, never through a symbolic link.
function openRecords(dir: string): number {
  const file = join(dir, JOURNAL_RECORDS_FILE);
  try {
    const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), PRIVATE_FILE_MODE);
    fchmodSync(fd, PRIVATE_FILE_MODE);
    return fd;
  } catch (err) {
    throw new InputError(`cannot open the journal for writing (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
}
