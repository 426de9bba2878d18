// The parts of a snapshot every blast-radius query starts from: the Buildkite pipelines and
// clusters, with what could not be read recorded rather than treated as empty.
import type { BuildkiteClusterEntry, BuildkiteSnapshot, RestPipeline } from '../snapshot/buildkite.js';
import { InputError } from '../errors.js';
import { known } from '../snapshot/section.js';
import type { Snapshot } from '../snapshot/types.js';
import { seen, type NotVisible, type PipelineSummary } from './model.js';

/** A snapshot's Buildkite side, ready to query. */
export interface Estate {
  snapshot: Snapshot;
  buildkite: BuildkiteSnapshot;
  /** Every pipeline, or none when the section was not visible (then `notVisible` says so). */
  pipelines: RestPipeline[];
  /** Every cluster, or none when the section was not visible. */
  clusters: BuildkiteClusterEntry[];
  /** What this query could not see; queries append the sections they need. */
  notVisible: NotVisible[];
}

/** Opens a snapshot for a query; one without a Buildkite section cannot answer any (InputError, exit 2). */
export function estateOf(snapshot: Snapshot, file: string): Estate {
  const buildkite = snapshot.buildkite;
  if (buildkite === undefined) throw new InputError('the snapshot has no Buildkite section; collect it with `kiteguard collect --buildkite-org SLUG`', { file });
  const notVisible: NotVisible[] = [];
  const pipelines = seen(buildkite.pipelines, 'pipelines', notVisible) ? buildkite.pipelines.data : [];
  const clusters = buildkite.clusters.status === 'ok' ? buildkite.clusters.data : [];
  return { snapshot, buildkite, pipelines, clusters, notVisible };
}

/** Records that the clusters list was not visible (for the queries that read clusters). */
export function noteClusters(estate: Estate): void {
  seen(estate.buildkite.clusters, 'clusters', estate.notVisible);
}

/** The name of a cluster by id (the id itself when the cluster is not in the snapshot), or null for none. */
export function clusterName(estate: Estate, id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  return estate.clusters.find((c) => c.cluster.id === id)?.cluster.name ?? id;
}

/** A pipeline as reports name it. */
export function summarize(estate: Estate, p: RestPipeline): PipelineSummary {
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    slug: p.slug,
    id: p.id,
    cluster: clusterName(estate, known(p.cluster_id)),
    repository: known(p.repository) ?? '(not visible)',
    visibility: known(p.visibility) ?? '(not visible)',
    branch_configuration: text(p['branch_configuration']),
    default_branch: text(p['default_branch']),
  };
}
