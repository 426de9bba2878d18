// The lock of a collection writing a snapshot (`<out>.lock`, beside the journal folder so discarding a journal never
// removes it): created before the journal is opened or discarded and removed when the run ends, so two runs with the
// same output never share or destroy one journal. It names its holder (pid, host, start time; never a credential).
// A lock whose holder is gone (its pid no longer runs on this host, or it started more than MAX_JOURNAL_AGE_HOURS
// ago) is taken over; any other one stops the run.
import { closeSync, constants, fstatSync, fsyncSync, linkSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { BusyError, InputError } from '../../errors.js';
import { PRIVATE_FILE_MODE } from '../../files.js';
import { LOCK_FORMAT, lockFileOf, MAX_LOCK_BYTES } from '../../snapshot/unfinished.js';
import { MAX_JOURNAL_AGE_HOURS } from './header.js';
import { processStartedAt } from './process-start.js';

/** What a lock file holds: who holds it. */
export interface LockHolder {
  format: typeof LOCK_FORMAT;
  pid: number;
  hostname: string;
  started_at: string;
}

/** A lock this run holds, and what taking it did (a line to show the user, or none). */
export interface CollectionLock {
  file: string;
  holder: LockHolder;
  notice?: string;
  /** Removes the lock, when it is still this run's; once. */
  release(): void;
}

// The lock files this process holds: a second run in the same process is not taken for a holder that is gone.
const heldHere = new Set<string>();

// How much later than its lock a holder's process may seem to start (/proc counts from a boot time rounded to the second).
const PID_START_SLACK_MS = 2000;

// How often a lock that vanished or was taken over under us is tried again before giving up.
const ATTEMPTS = 5;

/** Takes the lock of the collection writing `output`, taking over one whose holder is gone; throws a BusyError while another run holds it. */
export function acquireCollectionLock(output: string, now = new Date()): CollectionLock {
  const file = resolve(lockFileOf(output));
  const holder: LockHolder = { format: LOCK_FORMAT, pid: process.pid, hostname: hostname(), started_at: now.toISOString() };
  const text = `${JSON.stringify(holder)}\n`;
  let notice: string | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (create(file, text)) {
      heldHere.add(file);
      return { file, holder, ...(notice ? { notice } : {}), release: releaser(file, text) };
    }
    const found = readLock(file);
    if (!found) continue;
    const gone = holderGone(file, found, now);
    if (!gone) throw new BusyError(busyMessage(output, file, found));
    if (removeIfUnchanged(file, found.text)) notice = `took over the lock ${file}: ${gone}`;
  }
  throw new BusyError(`cannot take the lock ${file} of the collection writing ${output}: other runs keep taking it; run one collection per output at a time`);
}

// Creates the lock with this run's holder: false when a lock is there already.
function create(file: string, text: string): boolean {
  let fd: number;
  try {
    // O_EXCL: created by this call or not at all, and never through a symbolic link planted at the path.
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new InputError(`cannot create the collection's lock beside the output (${(err as NodeJS.ErrnoException).code ?? String(err)}); the output's folder must exist and be writable`, { file });
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(file);
    throw new InputError(`cannot write the collection's lock (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
  closeSync(fd);
  return true;
}

/** A lock found on disk: its text, and its holder or why it names none. */
interface FoundLock {
  text: string;
  holder?: LockHolder;
  problem?: string;
  /** When the file was last changed (ms), for a lock that names no holder. */
  changedAt: number;
}

// The lock at `file`, or undefined when it vanished meanwhile; read without following a symbolic link.
function readLock(file: string): FoundLock | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new BusyError(`${file} is a symbolic link, not a kiteguard lock; remove it (kiteguard does not follow it)`);
    throw new InputError(`cannot read the collection's lock (${code ?? String(err)})`, { file });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new BusyError(`${file} is not a kiteguard lock (not a regular file); remove it`);
    const bytes = Buffer.alloc(Math.min(st.size, MAX_LOCK_BYTES));
    const size = readSync(fd, bytes, 0, bytes.length, 0);
    const text = bytes.subarray(0, size).toString('utf8');
    const parsed = parseHolder(text);
    return typeof parsed === 'string' ? { text, problem: parsed, changedAt: st.mtimeMs } : { text, holder: parsed, changedAt: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

// The holder a lock's text names, or why it names none.
function parseHolder(text: string): LockHolder | string {
  if (text === '') return 'it is empty: a run may be creating it right now';
  let value: Partial<LockHolder> | null;
  try {
    value = JSON.parse(text) as Partial<LockHolder> | null;
  } catch {
    return 'it is not JSON';
  }
  const ok =
    typeof value === 'object' && value !== null && value.format === LOCK_FORMAT && Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 &&
    typeof value.hostname === 'string' && typeof value.started_at === 'string' && !Number.isNaN(Date.parse(value.started_at));
  return ok ? (value as LockHolder) : 'it is not a kiteguard collection lock';
}

// Why the lock's holder is gone, or undefined while it may still run.
function holderGone(file: string, found: FoundLock, now: Date): string | undefined {
  const { holder } = found;
  if (!holder) {
    const at = new Date(found.changedAt).toISOString();
    return olderThanMax(found.changedAt, now) ? `an unreadable lock (${found.problem}) last changed at ${at}, more than ${MAX_JOURNAL_AGE_HOURS} hours ago` : undefined;
  }
  const who = `pid ${holder.pid} on host ${holder.hostname}, started at ${holder.started_at}`;
  if (olderThanMax(Date.parse(holder.started_at), now)) return `its holder (${who}) started more than ${MAX_JOURNAL_AGE_HOURS} hours ago`;
  if (holder.hostname !== hostname()) return undefined;
  const running = holder.pid === process.pid ? heldHere.has(file) : pidRuns(holder.pid);
  if (!running) return `its holder (${who}) no longer runs`;
  // A process that started after the lock was taken is not its holder: the holder ended and its pid was given again.
  const started = holder.pid === process.pid ? undefined : processStartedAt(holder.pid);
  if (started !== undefined && started > Date.parse(holder.started_at) + PID_START_SLACK_MS) return `its holder (${who}) no longer runs (pid ${holder.pid} is now a process started later)`;
  return undefined;
}

function olderThanMax(ms: number, now: Date): boolean {
  return (now.getTime() - ms) / 3_600_000 > MAX_JOURNAL_AGE_HOURS;
}

// Whether a process with this pid runs on this host (one of another user counts: it answers EPERM).
function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function busyMessage(output: string, file: string, found: FoundLock): string {
  const { holder } = found;
  if (!holder) {
    return `another collection may be writing ${output}: its lock ${file} names no holder (${found.problem}); if no collection of ${output} runs, delete ${file}, or wait: it is taken over ${MAX_JOURNAL_AGE_HOURS} hours after it was last changed`;
  }
  const held = `another collection is writing ${output}: pid ${holder.pid} on host ${holder.hostname}, started at ${holder.started_at}, holds its lock ${file}`;
  if (holder.hostname === hostname()) return `${held}; wait for it to end (it removes the lock), or stop it, then run again; do not delete the lock while it runs`;
  return `${held}; kiteguard cannot tell whether a run on another host still runs: wait for it to end, or, if it no longer runs, delete ${file} (it is taken over ${MAX_JOURNAL_AGE_HOURS} hours after it started)`;
}

// Removes a lock whose holder is gone, unless another run replaced it meanwhile: it is renamed aside first (one
// rename wins), and put back if what was moved is no longer the lock that was judged. True when it was removed.
function removeIfUnchanged(file: string, judged: string): boolean {
  const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.stale`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError(`cannot take over the collection's lock (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file });
  }
  const moved = readLock(aside);
  if (moved?.text === judged) {
    unlinkSync(aside);
    return true;
  }
  // Another run took the lock over first: its lock goes back where it was (never over one created since).
  try {
    linkSync(aside, file);
  } catch {
    // A third run created one meanwhile; the one moved aside is gone either way.
  }
  unlinkSync(aside);
  return false;
}

// Removes the lock when it is still the one this run wrote (a run that took it over as too old keeps its own).
function releaser(file: string, text: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    try {
      if (readLock(file)?.text === text) unlinkSync(file);
    } catch {
      // Already gone, or no longer readable: nothing of this run's to remove.
    }
  };
}
