// `kiteguard collect`: both providers at once, with the progress the caller shows, then the
// snapshot (validated, written atomically) and the summary. Loaded on first use.
import { collectBuildkite } from '../collect/buildkite/collect.js';
import { collectGithub } from '../collect/github/index.js';
import type { OpenedJournal } from '../collect/journal/journal.js';
import type { CollectionLock } from '../collect/journal/lock.js';
import { redactor } from '../redact.js';
import { ApiUnusableError } from '../errors.js';
import type { CallStats } from '../collect/stats.js';
import { formatCollectSummary } from '../collect/summary.js';
import { inShard, repositoryShardKey, type Shard } from '../shard/shard.js';
import { sealSnapshot, writeSnapshot } from '../snapshot/io.js';
import { writeJson } from '../snapshot/json-writer.js';
import type { Provider, Snapshot } from '../snapshot/types.js';
import { unavailableReasons } from '../snapshot/unavailable.js';
import { SCHEMA_VERSION } from '../snapshot/validate.js';
import { VERSION } from '../version.js';
import { closeCollectJournal, openCollectJournal } from './collect-journal.js';
import { withCollectionLock } from './collect-lock.js';
import type { Output, ProgressFactory } from './output.js';

/** What a collection run needs, with credentials resolved from flags and environment. */
export interface CollectRequest {
  github?: {
    org: string;
    auth: { token: string } | { appId: string; privateKey: string; installationId?: number };
    apiUrl?: string;
    repos?: string[];
    cacheDir?: string;
  };
  buildkite?: { org: string; token: string; apiUrl?: string; graphqlUrl?: string };
  output?: string;
  concurrency: number;
  timeoutMs: number;
  quiet: boolean;
  /** Collect only this part of the repositories and pipelines (`--shard i/n`, or Buildkite's parallel job). */
  shard?: Shard;
  /** Continue the interrupted collection whose journal lies beside the output (`--resume`). */
  resume?: boolean;
}

/** A finished collection: the snapshot and the summary to print. */
export interface Collected {
  snapshot: Snapshot;
  stats: Partial<Record<Provider, CallStats>>;
  scope: Partial<Record<Provider, string>>;
}

/** Collects both providers at once, reporting progress on stderr (tokens masked in everything it prints). */
export async function collectSnapshot(request: CollectRequest, output: Output, progressOn: ProgressFactory, opened?: OpenedJournal): Promise<Collected> {
  const progress = progressOn(maskedStderr(request, output));
  const stats: Partial<Record<Provider, CallStats>> = {};
  const scope: Partial<Record<Provider, string>> = {};
  // A resumed collection holds answers from when it began: the snapshot says so.
  const collectedAt = opened?.resumed?.started_at ?? new Date().toISOString();
  const snapshot: Snapshot = { schemaVersion: SCHEMA_VERSION, collected_at: collectedAt, kiteguard_version: VERSION, incomplete: [] };
  const journal = opened ? { journal: opened.journal } : {};
  if (request.shard) snapshot.shard = request.shard;
  // Only repositories are partitioned: every part reads the whole (small) Buildkite side, so a
  // pipeline and the repository it builds always meet in the same part (src/shard/shard.ts).
  const keep = (fullName: string) => inShard(request.shard, repositoryShardKey(fullName));
  const incomplete: string[] = [];
  const notCollectable: string[] = [];
  const unusable: string[] = [];
  const record = (provider: Provider, result: { stats: CallStats; incomplete: string[]; notCollectable?: string[]; unusable?: string }, what: string) => {
    if (result.unusable) unusable.push(`${provider === 'github' ? 'GitHub' : 'Buildkite'}: ${result.unusable}`);
    stats[provider] = result.stats;
    incomplete.push(...result.incomplete);
    notCollectable.push(...(result.notCollectable ?? []));
    scope[provider] = what;
  };
  try {
    await Promise.all([
      request.github &&
        collectGithub(
          { ...request.github, concurrency: request.concurrency, timeoutMs: request.timeoutMs, ...(request.shard ? { repoFilter: keep } : {}), ...journal },
          progress,
        ).then((r) => {
          snapshot.github = r.snapshot;
          record('github', r, `${request.github!.org}: ${countOf(r.snapshot.repositories, 'repository', 'repositories')}`);
        }),
      request.buildkite &&
        collectBuildkite(
          { ...request.buildkite, concurrency: request.concurrency, timeoutMs: request.timeoutMs, ...journal },
          progress,
        ).then((r) => {
          snapshot.buildkite = r.snapshot;
          record('buildkite', r, `${request.buildkite!.org}: ${countOf(r.snapshot.pipelines, 'pipeline', 'pipelines')}`);
        }),
    ]);
  } finally {
    progress.finish();
  }
  // A host that cannot be reached, or a rejected token, is not a snapshot with gaps: nothing was read at all.
  if (unusable.length > 0) throw new ApiUnusableError('unreachable', `nothing could be collected, no snapshot written:\n  ${unusable.sort().join('\n  ')}`);
  snapshot.incomplete = [...incomplete].sort();
  if (notCollectable.length > 0) snapshot.not_collectable = [...notCollectable].sort();
  return { snapshot, stats, scope };
}

/** The summary lines of a collection, naming where the snapshot went. */
export function collectSummary(collected: Collected, output: string): string {
  const { snapshot, stats, scope } = collected;
  return formatCollectSummary({ stats, scope, incomplete: snapshot.incomplete, notCollectable: snapshot.not_collectable, reasons: unavailableReasons(snapshot), output });
}

/** stderr with every credential of the request masked. */
export function maskedStderr(request: CollectRequest, output: Output): (text: string) => void {
  const redact = redactor(secretsOf(request));
  return (text) => output.stderr(redact(text));
}

/** Collects, writes the snapshot (to the request's file, else stdout) and prints the summary. */
export async function runCollect(request: CollectRequest, output: Output, progressOn: ProgressFactory): Promise<Collected> {
  if (!request.output) {
    const collected = await collectSnapshot(request, output, progressOn);
    sealSnapshot(collected.snapshot);
    // In pieces of about a MiB, as a file is written: a large estate's snapshot is never one string.
    writeJson(output.stdout, collected.snapshot);
    if (!request.quiet) maskedStderr(request, output)(collectSummary(collected, 'stdout'));
    return collected;
  }
  const file = request.output;
  const say = request.quiet ? undefined : maskedStderr(request, output);
  return withCollectionLock(file, say, (lock) =>
    collectJournaled(request, lock, file, output, progressOn, (collected) => {
      writeSnapshot(file, collected.snapshot);
      say?.(collectSummary(collected, file));
    }),
  );
}

/** Collects with a checkpoint journal beside `snapshotFile` (whose lock this run holds), then `write`s the snapshot and closes the journal. */
export async function collectJournaled(
  request: CollectRequest,
  lock: CollectionLock,
  snapshotFile: string,
  output: Output,
  progressOn: ProgressFactory,
  write: (collected: Collected) => void,
): Promise<Collected> {
  const say = maskedStderr(request, output);
  const opened = openCollectJournal(request, lock, snapshotFile, secretsOf(request));
  if (opened.notice && !request.quiet) say(`${opened.notice}\n`);
  let collected: Collected;
  try {
    collected = await collectSnapshot(request, output, progressOn, opened);
    write(collected);
  } catch (err) {
    opened.journal.close(false);
    throw err;
  }
  const message = closeCollectJournal(opened, collected.snapshot);
  if (message && !request.quiet) say(message);
  return collected;
}

function secretsOf(request: CollectRequest): string[] {
  const out: string[] = [];
  if (request.buildkite) out.push(request.buildkite.token);
  const auth = request.github?.auth;
  if (auth && 'token' in auth) out.push(auth.token);
  if (auth && 'privateKey' in auth) out.push(...auth.privateKey.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')));
  return out;
}

function countOf(section: { status: string; data?: unknown }, one: string, many: string): string {
  if (section.status !== 'ok' || !Array.isArray(section.data)) return `${many} not readable`;
  return `${section.data.length} ${section.data.length === 1 ? one : many}`;
}

