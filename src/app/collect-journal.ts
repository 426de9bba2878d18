// The checkpoint journal of `collect` and `sweep`: opened beside the snapshot before collecting (resumed with
// `--resume` when it is of the same collection), closed once the snapshot is written: removed when the snapshot
// is complete, kept when parts could not be read so `--resume` asks again only for those.
import { DEFAULT_API_URL as BUILDKITE_API_URL, DEFAULT_GRAPHQL_URL as BUILDKITE_GRAPHQL_URL } from '../collect/buildkite/client.js';
import { restBase } from '../collect/github/index.js';
import { identityHash } from '../collect/identity.js';
import { credentialFingerprint, type JournalHeader } from '../collect/journal/header.js';
import { CollectionJournal, type OpenedJournal } from '../collect/journal/journal.js';
import type { CollectionLock } from '../collect/journal/lock.js';
import type { GithubAuth } from '../collect/github/index.js';
import type { Shard } from '../shard/shard.js';
import type { Snapshot } from '../snapshot/types.js';
import { JOURNAL_FORMAT, journalDirOf } from '../snapshot/unfinished.js';
import { SCHEMA_VERSION } from '../snapshot/validate.js';
import { VERSION } from '../version.js';

/** What of a collection request identifies the collection (a `CollectRequest` is one). */
export interface JournaledRequest {
  github?: { org: string; auth: GithubAuth; apiUrl?: string; repos?: string[] };
  buildkite?: { org: string; token: string; apiUrl?: string; graphqlUrl?: string };
  shard?: Shard;
  resume?: boolean;
}

/** Opens the journal of a collection whose snapshot goes to `snapshotFile` (only under its lock); throws a UsageError when `--resume` finds another collection's. */
export function openCollectJournal(request: JournaledRequest, _lock: CollectionLock, snapshotFile: string, secrets: string[], now = new Date()): OpenedJournal {
  const github = request.github && githubIdentity(request.github);
  const buildkite = request.buildkite && identityHash(['buildkite', request.buildkite.token]);
  const header: JournalHeader = {
    format: JOURNAL_FORMAT,
    kiteguard_version: VERSION,
    schema_version: SCHEMA_VERSION,
    started_at: now.toISOString(),
    github: request.github && github
      ? { org: request.github.org, api_url: restBase(request.github.apiUrl), repos: [...(request.github.repos ?? [])].sort(), credential: credentialFingerprint(github) }
      : null,
    buildkite: request.buildkite && buildkite
      ? {
          org: request.buildkite.org,
          api_url: (request.buildkite.apiUrl ?? BUILDKITE_API_URL).replace(/\/+$/, ''),
          graphql_url: request.buildkite.graphqlUrl ?? BUILDKITE_GRAPHQL_URL,
          credential: credentialFingerprint(buildkite),
        }
      : null,
    shard: request.shard ? { index: request.shard.index, count: request.shard.count } : null,
  };
  const identity = identityHash(['journal', github ?? '-', buildkite ?? '-']);
  return CollectionJournal.open({ dir: journalDirOf(snapshotFile), header, identity, resume: Boolean(request.resume), secrets });
}

/** Closes the journal once the snapshot is written; returns what to tell the user about it, if anything. */
export function closeCollectJournal(opened: OpenedJournal, snapshot: Snapshot): string | undefined {
  const { journal } = opened;
  const complete = snapshot.incomplete.length === 0;
  journal.close(complete);
  const lines: string[] = [];
  const replayed = journal.replayed.github + journal.replayed.buildkite;
  if (opened.resumed) lines.push(`resumed: ${replayed} responses replayed from the journal instead of asked again (GitHub ${journal.replayed.github}, Buildkite ${journal.replayed.buildkite})`);
  if (journal.failure) lines.push(`the journal could not be written (${journal.failure}); this collection could not have been resumed`);
  else if (!complete) lines.push(`journal kept in ${journal.dir}: \`--resume\` with the same options asks again only for what could not be read; without it, the next run starts over`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : undefined;
}

// The same identity the GitHub client keys its ETag cache with; an App not yet resolved to an installation is named by its organization.
function githubIdentity(github: NonNullable<JournaledRequest['github']>): string {
  const auth = github.auth;
  if ('token' in auth) return identityHash(['token', auth.token]);
  return identityHash(['app', auth.appId, String(auth.installationId ?? `installation on ${github.org}`)]);
}
