// Deterministic partitioning of a sweep across machines: `--shard i/n`, or Buildkite's
// parallel-job variables by default, picks the repositories and pipelines of one part.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/** One part of a sweep: part `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n`; else, inside a Buildkite parallel job, uses BUILDKITE_PARALLEL_JOB (0-based) and _COUNT. */
export function resolveShard(flag: string | undefined, env: Record<string, string | undefined>): Shard | undefined {
  if (flag !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flag.trim());
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${flag}: expected i/n with 1 <= i <= n, e.g. 2/4`);
    return count === 1 ? undefined : { index, count };
  }
  const job = env.BUILDKITE_PARALLEL_JOB;
  const jobs = env.BUILDKITE_PARALLEL_JOB_COUNT;
  if (job === undefined || jobs === undefined || job === '' || jobs === '') return undefined;
  const index = Number(job) + 1;
  const count = Number(jobs);
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`BUILDKITE_PARALLEL_JOB=${job} and BUILDKITE_PARALLEL_JOB_COUNT=${jobs} do not name a part of the sweep`);
  }
  return count === 1 ? undefined : { index, count };
}

/** Whether the named repository or pipeline belongs to the shard (stable across runs and machines). */
export function inShard(shard: Shard | undefined, name: string): boolean {
  if (!shard) return true;
  const digest = createHash('sha256').update(name).digest();
  return (digest.readUInt32BE(0) % shard.count) + 1 === shard.index;
}

/** The shard key of a repository (its `owner/name`, case-insensitive). */
export function repositoryShardKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** The shard key of a Buildkite pipeline: its repository's, so both land in one part; else its slug. */
export function pipelineShardKey(repositoryFullName: string | undefined, slug: string): string {
  return repositoryFullName ? repositoryShardKey(repositoryFullName) : `buildkite:${slug}`;
}

/** Whether the shard evaluates the organization-wide target (the first part does). */
export function ownsOrganization(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/** `i/n` for messages and file names. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
