// `blast-radius --secret KEY`: the cluster secrets with that key and their access policies, the
// pipelines that may read them or whose YAML asks for them, and who can see or run those pipelines.
import type { RestPipeline } from '../snapshot/buildkite.js';
import { isUnavailable, known } from '../snapshot/section.js';
import { audienceOf } from './audience.js';
import { loadDefinitions } from './definitions.js';
import { clusterName, noteClusters, summarize, type Estate } from './estate.js';
import { seen, type Audience, type BlastQuery, type NotInspected, type NotVisible, type PipelineSummary, type Reference } from './model.js';
import { describePolicy, grantFor, parseSecretPolicy, type PolicyGrant } from './policy.js';
import { secretReferences } from './references.js';

/** One cluster secret with the key asked for. */
export interface ClusterSecret {
  cluster: { id: string; name: string };
  id: string;
  key: string;
  description: string | null;
  created_at: string;
  last_read_at: string | null;
  /** The access policy as collected (YAML text), null when the secret has none. */
  policy: string | null;
  /** The policy in words. */
  policy_summary: string;
  /** Pipelines of the cluster the policy lets read it. */
  readers: Array<{ pipeline: string } & PolicyGrant>;
}

/** One pipeline that may read the secret, or whose YAML references it. */
export interface SecretPipeline {
  pipeline: PipelineSummary;
  /** `reads`: a secret of its cluster admits it; `cannot read`: none does (see `why`); `unknown`: its cluster's secrets are not visible. */
  access: 'reads' | 'cannot read' | 'unknown';
  grant: PolicyGrant | null;
  why: string | null;
  references: Reference[];
}

/** The answer to a secret query. */
export interface SecretReport {
  query: BlastQuery & { kind: 'secret' };
  matched: boolean;
  secrets: ClusterSecret[];
  pipelines: SecretPipeline[];
  audience: Audience;
  not_inspected: NotInspected[];
  not_visible: NotVisible[];
}

/** Everything the snapshot says about the Buildkite secret `key`. */
export function secretBlastRadius(estate: Estate, key: string): SecretReport {
  noteClusters(estate);
  const notVisible = estate.notVisible;
  const secrets: ClusterSecret[] = [];
  const hidden = new Set<string>();
  for (const entry of estate.clusters) {
    const { cluster } = entry;
    if (!seen(entry.secrets, `secrets of cluster ${cluster.name}`, notVisible)) {
      hidden.add(cluster.id);
      continue;
    }
    for (const secret of entry.secrets.data.filter((s) => s.key === key)) {
      // Without its access policy, who can read the secret is not known: the cluster's pipelines are then unknown.
      if (isUnavailable(secret.policy)) {
        notVisible.push({ what: `access policy of secret ${secret.key} in cluster ${cluster.name}`, reason: secret.policy.reason });
        hidden.add(cluster.id);
        continue;
      }
      const policy = parseSecretPolicy(secret.policy);
      const readers = estate.pipelines
        .filter((p) => p.cluster_id === cluster.id)
        .flatMap((p) => {
          const grant = grantFor(policy, p.slug);
          return grant ? [{ pipeline: p.slug, ...grant }] : [];
        });
      secrets.push({
        cluster: { id: cluster.id, name: cluster.name },
        id: secret.id,
        key: secret.key,
        description: typeof secret['description'] === 'string' ? secret['description'] : null,
        created_at: known(secret.created_at) ?? '(not visible)',
        last_read_at: typeof secret['last_read_at'] === 'string' ? secret['last_read_at'] : null,
        policy: secret.policy,
        policy_summary: describePolicy(policy),
        readers,
      });
    }
  }

  const notInspected: NotInspected[] = [];
  const pipelines: SecretPipeline[] = [];
  for (const definition of loadDefinitions(estate.snapshot, estate.pipelines)) {
    notInspected.push(...definition.notInspected);
    const references = definition.files.flatMap((f) => secretReferences(f, key));
    const entry = access(estate, definition.pipeline, secrets, hidden, key);
    if (entry.access === 'cannot read' && references.length === 0) continue;
    if (entry.access === 'unknown' && references.length === 0) continue;
    pipelines.push({ pipeline: summarize(estate, definition.pipeline), ...entry, references });
  }
  pipelines.sort((a, b) => a.pipeline.slug.localeCompare(b.pipeline.slug));
  const reached = estate.pipelines.filter((p) => pipelines.some((e) => e.pipeline.id === p.id));
  return {
    query: { kind: 'secret', name: key },
    matched: secrets.length > 0 || pipelines.some((p) => p.references.length > 0),
    secrets,
    pipelines,
    audience: audienceOf(estate.buildkite, reached, notVisible),
    not_inspected: notInspected,
    not_visible: notVisible,
  };
}

// Whether one pipeline may read a secret of this key in its own cluster.
function access(estate: Estate, p: RestPipeline, secrets: ClusterSecret[], hidden: Set<string>, key: string): Pick<SecretPipeline, 'access' | 'grant' | 'why'> {
  if (isUnavailable(p.cluster_id)) return { access: 'unknown', grant: null, why: `the pipeline's cluster is not visible: ${p.cluster_id.reason}` };
  if (p.cluster_id === null) return { access: 'cannot read', grant: null, why: 'the pipeline is in no cluster, and Buildkite secrets belong to clusters' };
  if (estate.buildkite.clusters.status !== 'ok') return { access: 'unknown', grant: null, why: 'the clusters are not visible' };
  if (hidden.has(p.cluster_id)) return { access: 'unknown', grant: null, why: `the secrets of cluster ${clusterName(estate, p.cluster_id)} are not visible` };
  const own = secrets.find((s) => s.cluster.id === p.cluster_id);
  if (own === undefined) return { access: 'cannot read', grant: null, why: `cluster ${clusterName(estate, p.cluster_id)} has no secret ${key}` };
  const reader = own.readers.find((r) => r.pipeline === p.slug);
  if (reader === undefined) return { access: 'cannot read', grant: null, why: `the policy of ${key} in cluster ${own.cluster.name} does not admit it` };
  return { access: 'reads', grant: { basis: reader.basis, branches: reader.branches, conditions: reader.conditions }, why: null };
}
