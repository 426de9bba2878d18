// The one order of targets in a sweep, so sharded runs merge into exactly the unsharded result.
import type { TargetKind } from '../model/report.js';

const KIND_RANK: Record<TargetKind, number> = { organization: 0, repository: 1, pipeline: 2, agent: 3 };

/** The kind of a sweep target from its name: `organization`; `owner/name` is a repository; names with `:` are pipelines. */
export function kindOfTarget(name: string): TargetKind {
  if (name === 'organization') return 'organization';
  return name.includes(':') ? 'pipeline' : 'repository';
}

/** Organization first, then repositories, then pipelines; by name within a kind (code-point order). */
export function compareTargets(a: { kind: TargetKind; name: string }, b: { kind: TargetKind; name: string }): number {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
