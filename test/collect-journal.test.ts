// The collection journal on its own: what it replays after a resume, and what it never replays or keeps: a record
// cut short by a killed writer, one sealed under another credential, a response holding a token.
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerDifferences, type JournalHeader } from '../src/collect/journal/header.js';
import { CollectionJournal } from '../src/collect/journal/journal.js';
import { refuseUnfinished } from '../src/snapshot/unfinished.js';

const HEADER: JournalHeader = {
  format: 'kiteguard-collect-journal',
  kiteguard_version: '1.2.3',
  schema_version: 1,
  started_at: '2026-12-01T00:00:00.000Z',
  github: { org: 'acme', api_url: 'https://api.github.com', repos: [], credential: 'c1' },
  buildkite: null,
  shard: null,
};
const TOKEN = 'ghp_CANARYjournal00000000000000000000000';
const ok = (body: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, body });

function open(dir: string, resume: boolean, identity = 'identity-1') {
  return CollectionJournal.open({ dir, header: HEADER, identity, resume, secrets: [TOKEN] });
}

function journalWith(pages: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kiteguard-journal-')), 'out.json.partial');
  const { journal } = open(dir, false);
  for (let page = 1; page <= pages; page++) journal.record('github', 'GET', `https://api.github.com/orgs/acme/repos?page=${page}`, '', ok(`[${page}]`));
  journal.close(false);
  return dir;
}

const replayPage = (journal: CollectionJournal, page: number) => journal.replay('github', 'GET', `https://api.github.com/orgs/acme/repos?page=${page}`, '')?.body;

describe('the collection journal', () => {
  it('replays every completed response after a resume, by request identity', () => {
    const { journal, resumed } = open(journalWith(3), true);
    expect(resumed?.started_at).toBe(HEADER.started_at);
    expect([1, 2, 3, 4].map((p) => replayPage(journal, p))).toEqual(['[1]', '[2]', '[3]', undefined]);
    expect(journal.replay('buildkite', 'GET', 'https://api.github.com/orgs/acme/repos?page=1', '')).toBeUndefined();
    expect(journal.replayed).toEqual({ github: 3, buildkite: 0 });
  });

  it('drops a last record cut short by a kill, and starts the next record on a line of its own', () => {
    const dir = journalWith(2);
    const file = join(dir, 'responses.jsonl');
    const whole = readFileSync(file, 'utf8');
    const lines = whole.split('\n');
    // The second record's line, cut in the middle of its body.
    writeFileSync(file, `${lines[0]}\n${lines[1]!.slice(0, 40)}`);
    const { journal: first, notice } = open(dir, true);
    expect(notice).toContain('1 completed response in');
    expect(notice).toContain('1 damaged or cut-short record dropped (asked again)');
    expect([1, 2].map((p) => replayPage(first, p))).toEqual(['[1]', undefined]);
    first.record('github', 'GET', 'https://api.github.com/orgs/acme/repos?page=2', '', ok('[2]'));
    first.close(false);
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(2);
    const second = open(dir, true).journal;
    expect([1, 2].map((p) => replayPage(second, p))).toEqual(['[1]', '[2]']);
  });

  it('replays nothing sealed under another identity, nor a changed record', () => {
    const dir = journalWith(1);
    expect(replayPage(open(dir, true, 'identity-2').journal, 1)).toBeUndefined();
    const file = join(dir, 'responses.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('[1]', '[9]'));
    expect(replayPage(open(dir, true).journal, 1)).toBeUndefined();
  });

  it('never keeps a response that holds a credential, and is owner-only', () => {
    const dir = journalWith(0);
    const { journal } = open(dir, true);
    journal.record('github', 'GET', 'https://api.github.com/x', '', ok(`{"token":"${TOKEN}"}`));
    journal.record('github', 'GET', 'https://api.github.com/y', '', { status: 200, headers: { link: `<https://x/?t=${TOKEN}>` }, body: '{}' });
    journal.close(false);
    expect(readFileSync(join(dir, 'responses.jsonl'), 'utf8')).toBe('');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'journal.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'responses.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('is not continued when older than 12 hours: discarded, said so, collected from the start', () => {
    const dir = journalWith(1);
    const later = (hours: number) => CollectionJournal.open({ dir, header: { ...HEADER, started_at: new Date(Date.parse(HEADER.started_at) + hours * 3_600_000).toISOString() }, identity: 'identity-1', resume: true, secrets: [] });
    const recent = later(11.9);
    expect(replayPage(recent.journal, 1)).toBe('[1]');
    recent.journal.close(false);
    const old = later(12.1);
    expect(old.resumed).toBeUndefined();
    expect(old.notice).toContain('more than 12 hours ago');
    expect(replayPage(old.journal, 1)).toBeUndefined();
  });

  it('removes itself when the collection it served is complete', () => {
    const dir = journalWith(1);
    open(dir, true).journal.close(true);
    expect(() => statSync(dir)).toThrow();
  });

  it('names what differs from the invocation that resumes it', () => {
    const now: JournalHeader = { ...HEADER, started_at: '2026-12-01T01:00:00.000Z', kiteguard_version: '1.3.0', github: { ...HEADER.github!, org: 'other', credential: 'c2' }, shard: { index: 1, count: 2 } };
    expect(headerDifferences(HEADER, now)).toEqual([
      'kiteguard version: 1.2.3 in the journal, 1.3.0 now',
      'GitHub organization: acme in the journal, other now',
      "GitHub credential: another one than the journal's",
      '--shard: none in the journal, 1/2 now',
    ]);
    expect(headerDifferences(HEADER, { ...HEADER, started_at: '2026-12-02T00:00:00.000Z' })).toEqual([]);
  });
});

describe('what an unfinished collection leaves on disk', () => {
  it('is never read as a snapshot: the journal folder, a file in it, a cut-short temporary file', () => {
    const dir = journalWith(1);
    expect(() => refuseUnfinished(dir)).toThrow(/journal of an unfinished collection, not a snapshot; finish the collection with `kiteguard collect --resume -o .*out\.json`/);
    expect(() => refuseUnfinished(join(dir, 'responses.jsonl'))).toThrow(/journal of an unfinished collection/);
    const temp = join(dir, '..', '.snapshot.json.4242.k3j5h2.tmp');
    appendFileSync(temp, '{"schemaVersion": 1, "collec');
    expect(() => refuseUnfinished(temp)).toThrow(/temporary file of a write that was cut short/);
    expect(() => refuseUnfinished(join(dir, '..', 'snapshot.json'))).not.toThrow();
  });
});
