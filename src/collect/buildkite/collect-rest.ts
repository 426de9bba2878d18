// The REST half of the Buildkite collection: organization settings, pipelines, templates, teams, clusters and what hangs off them.
import type { CollectEvents } from '../events.js';
import { MASK } from '../../redact.js';
import type { Section, Unavailable } from '../../snapshot/section.js';
import type { BuildkiteClient } from './client.js';
import { NEEDS, type SectionReader } from './sections.js';
import { identified, objectOf, partitionIdentified, ShapeError } from '../shape.js';
import { narrowFields } from './narrow.js';
import type {
  BuildkiteClusterEntry,
  RestAccessToken,
  RestAgentToken,
  RestApiSettings,
  RestCluster,
  RestMaintainer,
  RestOrganization,
  RestPipeline,
  RestPipelineSettings,
  RestPipelineTemplate,
  RestQueue,
  RestRepositoryConnection,
  RestRule,
  RestSecret,
  RestTeam,
} from '../../snapshot/buildkite.js';

/** Keys that would hold a credential if an API ever served one; dropped from every object that could carry them. */
const CREDENTIAL_KEYS = ['token', 'value', 'secret'];

/** The object without credential-bearing keys. */
export function withoutCredentials<T extends Record<string, unknown>>(obj: T): T {
  const copy: Record<string, unknown> = { ...obj };
  for (const k of CREDENTIAL_KEYS) delete copy[k];
  return copy as T;
}

/** A pipeline with its provider's webhook URL (a build-triggering credential) redacted. */
export function redactPipeline(p: RestPipeline): RestPipeline {
  if (!p.provider || typeof p.provider !== 'object' || !('webhook_url' in p.provider)) return p;
  return { ...p, provider: { ...p.provider, webhook_url: MASK } };
}

/** The organization-level REST sections. */
export interface RestOrgSections {
  organization: Section<RestOrganization>;
  access_token: Section<RestAccessToken>;
  api_settings: Section<RestApiSettings>;
  pipeline_settings: Section<RestPipelineSettings>;
  repository_connections: Section<RestRepositoryConnection[]>;
  pipeline_templates: Section<RestPipelineTemplate[]>;
  rules: Section<RestRule[]>;
}

/** Reads the organization, the caller's token, API and pipeline settings, repository connections, templates and cluster rules. */
export async function readOrgSections(client: BuildkiteClient, org: string, reader: SectionReader): Promise<RestOrgSections> {
  const base = `/organizations/${encodeURIComponent(org)}`;
  const [organization, access_token, api_settings, pipeline_settings, repository_connections, pipeline_templates, rules] = await Promise.all([
    reader.read('buildkite.organization', NEEDS.organizations, async () => objectOf<RestOrganization>(await client.get(base), 'the organization')),
    reader.read('buildkite.access_token', NEEDS.token, async () => withoutCredentials(objectOf<RestAccessToken>(await client.get('/access-token'), 'the access token'))),
    reader.read('buildkite.api_settings', NEEDS.settings, async () => objectOf<RestApiSettings>(await client.get(`${base}/api-settings`), 'the API settings')),
    reader.read('buildkite.pipeline_settings', NEEDS.settings, async () => objectOf<RestPipelineSettings>(await client.get(`${base}/pipeline-settings`), 'the pipeline settings')),
    reader.read('buildkite.repository_connections', NEEDS.repositoryConnections, async () => identified<RestRepositoryConnection>(await client.list(`${base}/repository_connections`), 'repository connection', ['id'])),
    reader.read('buildkite.pipeline_templates', NEEDS.templates, async () => identified<RestPipelineTemplate>(await client.list(`${base}/pipeline-templates`), 'pipeline template', ['uuid'])),
    reader.read('buildkite.rules', NEEDS.rules, async () => identified<RestRule>(await client.list(`${base}/rules`), 'rule', ['uuid'])),
  ]);
  return { organization, access_token, api_settings, pipeline_settings, repository_connections, pipeline_templates, rules };
}

/**
 * Reads every pipeline (100 per page, settings included), keeping those the filter accepts. A pipeline with fields
 * that cannot be read keeps its place with those fields `unavailable` (listed in `incomplete` as
 * `buildkite.pipelines[<slug>].<field>`); entries that cannot be identified are counted in `unread`.
 */
export async function readPipelines(
  client: BuildkiteClient,
  org: string,
  reader: SectionReader,
  events: CollectEvents,
  filter: (slug: string) => boolean,
): Promise<{ pipelines: Section<RestPipeline[]>; unread?: Unavailable }> {
  let unidentified: string | undefined;
  const narrowedFields: string[] = [];
  const pipelines = await reader.read('buildkite.pipelines', NEEDS.pipelines, async () => {
    const narrowed = new Map<unknown, RestPipeline>();
    const all = partitionIdentified<RestPipeline>(await client.list(`/organizations/${encodeURIComponent(org)}/pipelines`, (n) => events.progress('buildkite', 'pipelines', n)), 'pipeline', ['id', 'slug'], (p) => {
      const read = narrowFields<RestPipeline>(redactPipeline(p as RestPipeline), 'pipeline', ['id', 'slug']);
      if ('problem' in read) return read.problem;
      narrowed.set(p, read.value);
      if (filter(read.value.slug)) narrowedFields.push(...read.unavailable.map((f) => `buildkite.pipelines[${read.value.slug}].${f}`));
      return undefined;
    });
    unidentified = all.unidentified;
    return all.items.map((p) => narrowed.get(p) ?? p).filter((p) => filter(p.slug));
  });
  for (const field of narrowedFields) reader.record(field, `${field} left unavailable: the field was missing, null or not as Buildkite documents it`);
  if (!unidentified) return { pipelines };
  return { pipelines, unread: reader.fail('buildkite.pipelines[?]', NEEDS.pipelines, new ShapeError(`the pipeline list is incomplete: ${unidentified}`)) };
}

/** Reads the team list (access levels and members come from GraphQL); a team field that cannot be read is `unavailable` in its place. */
export async function readTeamList(client: BuildkiteClient, org: string, reader: SectionReader): Promise<Section<RestTeam[]>> {
  const narrowed: string[] = [];
  const list = await reader.read('buildkite.teams', NEEDS.teams, async () =>
    identified<RestTeam>(await client.list(`/organizations/${encodeURIComponent(org)}/teams`), 'team', ['id', 'slug']).map((team) => {
      const read = narrowFields<RestTeam>(team, 'teamEntry/properties/team', ['id', 'slug']);
      if ('problem' in read) throw new ShapeError(`team ${team.slug}: ${read.problem}`);
      narrowed.push(...read.unavailable.map((f) => `buildkite.teams[${team.slug}].team.${f}`));
      return read.value;
    }),
  );
  for (const field of narrowed) reader.record(field, `${field} left unavailable: the field was missing, null or not as Buildkite documents it`);
  return list;
}

/**
 * The items of one cluster list with each field that fails the schema `unavailable` in its place (an agent token's
 * `expires_at`, a secret's `policy`, …), recording each such field's path under `name`.
 */
function narrowItems<T extends { id: string }>(items: T[], part: 'agent_tokens' | 'secrets', name: string, narrowed: string[]): T[] {
  const fields: string[] = [];
  const out = items.map((item) => {
    const read = narrowFields<T>(item, `clusterEntry/properties/${part}/oneOf/0/properties/data/items`, part === 'secrets' ? ['id', 'key'] : ['id']);
    if ('problem' in read) throw new ShapeError(`${part.replace('_', ' ')} ${item.id}: ${read.problem}`);
    fields.push(...read.unavailable.map((f) => `${name}.${part}[${item.id}].${f}`));
    return read.value;
  });
  narrowed.push(...fields);
  return out;
}

/** Reads the clusters, then each cluster's queues, agent tokens, secrets and maintainers as sections of their own. */
export async function readClusters(client: BuildkiteClient, org: string, reader: SectionReader, events: CollectEvents): Promise<Section<BuildkiteClusterEntry[]>> {
  const base = `/organizations/${encodeURIComponent(org)}/clusters`;
  const list = await reader.read('buildkite.clusters', NEEDS.clusters, async () => identified<RestCluster>(await client.list(base), 'cluster', ['id', 'name']));
  if (list.status !== 'ok') return list;
  let done = 0;
  const narrowed: string[] = [];
  const entries = await Promise.all(
    list.data.map(async (cluster): Promise<BuildkiteClusterEntry> => {
      const at = `${base}/${encodeURIComponent(cluster.id)}`;
      const name = `buildkite.clusters[${cluster.name}]`;
      const [queues, agent_tokens, secrets, maintainers] = await Promise.all([
        reader.read(`${name}.queues`, NEEDS.clusters, async () => identified<RestQueue>(await client.list(`${at}/queues`), 'queue', ['id'])),
        reader.read(`${name}.agent_tokens`, NEEDS.clusters, async () => narrowItems(identified<RestAgentToken>(await client.list(`${at}/tokens`), 'agent token', ['id']).map(withoutCredentials), 'agent_tokens', name, narrowed)),
        reader.read(`${name}.secrets`, NEEDS.secrets, async () => narrowItems(identified<RestSecret>(await client.list(`${at}/secrets`), 'secret', ['id', 'key']).map(withoutCredentials), 'secrets', name, narrowed)),
        reader.read(`${name}.maintainers`, NEEDS.clusters, async () => identified<RestMaintainer>(await client.list(`${at}/maintainers`), 'maintainer', ['id'])),
      ]);
      events.progress('buildkite', 'clusters', ++done, list.data.length);
      return { cluster, queues, agent_tokens, secrets, maintainers };
    }),
  );
  for (const field of narrowed) reader.record(field, `${field} left unavailable: the field was missing, null or not as Buildkite documents it`);
  return { status: 'ok', data: entries };
}
