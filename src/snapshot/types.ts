// The snapshot document: what `collect` writes and `evaluate` reads.
import type { BuildkiteSnapshot } from './buildkite.js';
import type { GithubSnapshot } from './github.js';

/** The two upstream providers a snapshot is collected from. */
export type Provider = 'github' | 'buildkite';

/** One collected snapshot of GitHub and Buildkite settings (schema: src/snapshot/schema/snapshot.schema.json). */
export interface Snapshot {
  schemaVersion: 1;
  collected_at: string;
  kiteguard_version: string;
  /** Present when this snapshot covers one partition (`--shard i/n`). */
  shard?: { index: number; count: number };
  /** Readable paths of the sections that could not be read. */
  incomplete: string[];
  /** Readable paths of sections this kind of credential can never read (their rules are unknown; not "incomplete"). */
  not_collectable?: string[];
  github?: GithubSnapshot;
  buildkite?: BuildkiteSnapshot;
}
