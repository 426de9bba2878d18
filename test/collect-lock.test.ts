// The lock of a collection writing a snapshot (`<out>.lock`): what it holds, which holders block a second run and
// with what message, which ones are taken over as gone, that a run only ever removes its own lock, and that no
// reader takes it for a snapshot. The CLI around it (two real runs, signals, a SIGKILL) is in collect-resume.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireCollectionLock } from '../src/collect/journal/lock.js';
import { processStartedAt } from '../src/collect/journal/process-start.js';
import { BusyError } from '../src/errors.js';
import { refuseUnfinished } from '../src/snapshot/unfinished.js';

const HOUR = 3_600_000;

function output(): string {
  return join(mkdtempSync(join(tmpdir(), 'kiteguard-lock-')), 'snapshot.json');
}

/** A lock file as another run writes it. */
function plantLock(out: string, holder: { pid: number; hostname: string; started_at: string }): string {
  const text = `${JSON.stringify({ format: 'kiteguard-collect-lock', ...holder })}\n`;
  writeFileSync(`${out}.lock`, text, { mode: 0o600 });
  return text;
}

/** The pid of a process that has ended (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(child.status).toBe(0);
  return child.pid!;
}

function busy(out: string): BusyError {
  try {
    acquireCollectionLock(out).release();
  } catch (err) {
    expect(err).toBeInstanceOf(BusyError);
    return err as BusyError;
  }
  throw new Error('the lock was taken');
}

describe('the lock of a collection', () => {
  it('is an owner-only file beside the output naming its holder, removed on release', () => {
    const out = output();
    const now = new Date('2026-12-06T01:02:03.000Z');
    const lock = acquireCollectionLock(out, now);
    expect(lock.file).toBe(`${out}.lock`);
    expect(lock.notice).toBeUndefined();
    expect(lstatSync(lock.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({ format: 'kiteguard-collect-lock', pid: process.pid, hostname: hostname(), started_at: now.toISOString() });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lock.release();
  });

  it('stops a second run while the first holds it, naming the output, the holder and what to do', () => {
    const out = output();
    const first = acquireCollectionLock(out, new Date('2026-12-06T01:00:00.000Z'));
    const err = busy(out);
    expect(err.message).toBe(
      `another collection is writing ${out}: pid ${process.pid} on host ${hostname()}, started at 2026-12-06T01:00:00.000Z, holds its lock ${out}.lock; wait for it to end (it removes the lock), or stop it, then run again; do not delete the lock while it runs`,
    );
    expect(existsSync(first.file)).toBe(true);
    first.release();
    acquireCollectionLock(out).release();
  });

  it('blocks while its holder runs on this host', () => {
    const out = output();
    const text = plantLock(out, { pid: process.ppid, hostname: hostname(), started_at: new Date().toISOString() });
    expect(busy(out).message).toContain(`pid ${process.ppid} on host ${hostname()}`);
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(text);
  });

  it('is taken over when its holder no longer runs on this host, and says so', () => {
    const out = output();
    const pid = deadPid();
    plantLock(out, { pid, hostname: hostname(), started_at: '2026-12-06T01:00:00.000Z' });
    const lock = acquireCollectionLock(out, new Date('2026-12-06T02:00:00.000Z'));
    expect(lock.notice).toBe(`took over the lock ${out}.lock: its holder (pid ${pid} on host ${hostname()}, started at 2026-12-06T01:00:00.000Z) no longer runs`);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('is taken over when its pid now belongs to a process that started after the lock was taken (Linux)', () => {
    const out = output();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const startedAt = processStartedAt(child.pid!);
      expect(startedAt).toBeGreaterThan(Date.now() - 60_000);
      plantLock(out, { pid: child.pid!, hostname: hostname(), started_at: new Date(Date.now() - HOUR).toISOString() });
      const lock = acquireCollectionLock(out);
      expect(lock.notice).toContain(`no longer runs (pid ${child.pid} is now a process started later)`);
      lock.release();
      // The same live process holding a lock it took after it started still blocks.
      plantLock(out, { pid: child.pid!, hostname: hostname(), started_at: new Date().toISOString() });
      expect(busy(out).message).toContain(`pid ${child.pid} on host ${hostname()}`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is taken over when it names this very process but no run in it holds the lock (the pid of a run that is gone)', () => {
    const out = output();
    plantLock(out, { pid: process.pid, hostname: hostname(), started_at: new Date().toISOString() });
    const lock = acquireCollectionLock(out);
    expect(lock.notice).toContain('no longer runs');
    lock.release();
  });

  it('blocks when held on another host, saying how to remove it, until it is older than a journal may be', () => {
    const out = output();
    const now = new Date('2026-12-06T12:00:00.000Z');
    plantLock(out, { pid: 4242, hostname: 'agent-elsewhere', started_at: new Date(now.getTime() - 11 * HOUR).toISOString() });
    let err: BusyError | undefined;
    try {
      acquireCollectionLock(out, now);
    } catch (e) {
      err = e as BusyError;
    }
    expect(err?.message).toContain(`another collection is writing ${out}: pid 4242 on host agent-elsewhere, started at 2026-12-06T01:00:00.000Z`);
    expect(err?.message).toContain(`kiteguard cannot tell whether a run on another host still runs: wait for it to end, or, if it no longer runs, delete ${out}.lock (it is taken over 12 hours after it started)`);
    plantLock(out, { pid: 4242, hostname: 'agent-elsewhere', started_at: new Date(now.getTime() - 13 * HOUR).toISOString() });
    const lock = acquireCollectionLock(out, now);
    expect(lock.notice).toBe(`took over the lock ${out}.lock: its holder (pid 4242 on host agent-elsewhere, started at 2026-12-05T23:00:00.000Z) started more than 12 hours ago`);
    lock.release();
  });

  it('blocks when it names no holder (a run creating it right now) until it is old, then is taken over', () => {
    const out = output();
    writeFileSync(`${out}.lock`, '');
    expect(busy(out).message).toContain(`its lock ${out}.lock names no holder (it is empty: a run may be creating it right now); if no collection of ${out} runs, delete ${out}.lock`);
    const old = new Date(Date.now() - 13 * HOUR);
    utimesSync(`${out}.lock`, old, old);
    const lock = acquireCollectionLock(out);
    expect(lock.notice).toContain('an unreadable lock (it is empty');
    lock.release();
  });

  it('never follows a symbolic link at its path', () => {
    const out = output();
    const target = `${out}.target`;
    writeFileSync(target, 'not yours');
    symlinkSync(target, `${out}.lock`);
    expect(busy(out).message).toBe(`${out}.lock is a symbolic link, not a kiteguard lock; remove it (kiteguard does not follow it)`);
    expect(readFileSync(target, 'utf8')).toBe('not yours');
    expect(lstatSync(`${out}.lock`).isSymbolicLink()).toBe(true);
  });

  it('is removed on release only while it is still the run\'s own (not after another run took it over)', () => {
    const out = output();
    const lock = acquireCollectionLock(out);
    const other = plantLock(out, { pid: 4242, hostname: 'agent-elsewhere', started_at: new Date().toISOString() });
    lock.release();
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(other);
  });

  it('is not taken for a snapshot by the readers', () => {
    const out = output();
    const lock = acquireCollectionLock(out);
    expect(() => refuseUnfinished(lock.file)).toThrow(`this is the lock of a collection writing ${out}, not a snapshot; read ${out} once that collection has ended`);
    lock.release();
  });
});
