// The journal's header: what a collection was started with (never a credential, only a hash of who it was), and
// the differences that keep `--resume` from mixing another invocation's answers into this one.
import { createHash } from 'node:crypto';
import { JOURNAL_FORMAT } from '../../snapshot/unfinished.js';

/** What identifies a collection: a journal is resumed only by an invocation with the same header (bar `started_at`). */
export interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  kiteguard_version: string;
  schema_version: number;
  /** When the collection began: the oldest answer in the journal, and the snapshot's `collected_at` when resumed. */
  started_at: string;
  github: { org: string; api_url: string; repos: string[]; credential: string } | null;
  buildkite: { org: string; api_url: string; graphql_url: string; credential: string } | null;
  shard: { index: number; count: number } | null;
}

/** A hash of a credential's identity hash, safe to store: it tells credentials apart, and is not the key that seals records. */
export function credentialFingerprint(identity: string): string {
  return createHash('sha256').update(`kiteguard-journal-credential\n${identity}`).digest('hex').slice(0, 32);
}

/** Whether a parsed value is a journal header. */
export function isJournalHeader(value: unknown): value is JournalHeader {
  const v = value as Partial<JournalHeader> | null;
  return typeof v === 'object' && v !== null && v.format === JOURNAL_FORMAT && typeof v.started_at === 'string' && typeof v.kiteguard_version === 'string';
}

/** How old a journal `--resume` still continues (its answers end up in one snapshot with new ones): less than a nightly sweep's interval. */
export const MAX_JOURNAL_AGE_HOURS = 12;

/** Whether a journal was started too long before this invocation (or at a time that cannot be read) to be continued. */
export function journalTooOld(saved: JournalHeader, now: JournalHeader): boolean {
  const age = (Date.parse(now.started_at) - Date.parse(saved.started_at)) / 3_600_000;
  return !(age <= MAX_JOURNAL_AGE_HOURS);
}

/** What differs between the journal's header and this invocation, one readable line each (empty: the same collection). */
export function headerDifferences(saved: JournalHeader, now: JournalHeader): string[] {
  const out: string[] = [];
  const differ = (what: string, a: unknown, b: unknown, show = true) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(show ? `${what}: ${text(a)} in the journal, ${text(b)} now` : `${what}: another one than the journal's`);
  };
  differ('kiteguard version', saved.kiteguard_version, now.kiteguard_version);
  differ('snapshot schema version', saved.schema_version, now.schema_version);
  differ('GitHub organization', saved.github?.org, now.github?.org);
  differ('GitHub API URL', saved.github?.api_url, now.github?.api_url);
  differ('--repo', saved.github?.repos, now.github?.repos);
  if (saved.github && now.github) differ('GitHub credential', saved.github.credential, now.github.credential, false);
  differ('Buildkite organization', saved.buildkite?.org, now.buildkite?.org);
  differ('Buildkite REST URL', saved.buildkite?.api_url, now.buildkite?.api_url);
  differ('Buildkite GraphQL URL', saved.buildkite?.graphql_url, now.buildkite?.graphql_url);
  if (saved.buildkite && now.buildkite) differ('Buildkite credential', saved.buildkite.credential, now.buildkite.credential, false);
  differ('--shard', saved.shard && `${saved.shard.index}/${saved.shard.count}`, now.shard && `${now.shard.index}/${now.shard.count}`);
  return out;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return String(value);
}
