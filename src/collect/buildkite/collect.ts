// `collectBuildkite`: reads one Buildkite organization into the `buildkite` section of a snapshot.
import { UsageError } from '../../errors.js';
import { ok, type Section } from '../../snapshot/section.js';
import { SILENT_EVENTS, type CollectEvents } from '../events.js';
import type { CallStats } from '../stats.js';
import { BuildkiteClient, type BuildkiteClientOptions } from './client.js';
import { readGraphqlOrgSections } from './collect-graphql.js';
import { readClusters, readOrgSections, readPipelines, readTeamList } from './collect-rest.js';
import { readRegistries } from './collect-registries.js';
import { readTeamAccess } from './collect-teams.js';
import { NEEDS, SectionReader } from './sections.js';
import type { BuildkiteSnapshot, BuildkiteTeamEntry } from '../../snapshot/buildkite.js';

/** What to collect and how: the organization, the client's connection settings, and an optional pipeline filter. */
export interface CollectBuildkiteOptions
  extends Pick<BuildkiteClientOptions, 'token' | 'apiUrl' | 'graphqlUrl' | 'concurrency' | 'timeoutMs' | 'maxAttempts' | 'sleep' | 'now' | 'journal'> {
  /** Organization slug. */
  org: string;
  /** Keeps only the pipelines (and team access entries) whose slug it accepts, for sharded sweeps. */
  pipelineFilter?: (slug: string) => boolean;
}

/** A finished collection: the snapshot section, what it cost, and which sections could not be read. */
export interface BuildkiteCollection {
  snapshot: BuildkiteSnapshot;
  stats: CallStats;
  /** Readable paths of unavailable sections, e.g. `buildkite.clusters[prod].secrets`. */
  incomplete: string[];
  /** Why nothing at all could be collected: the API host unreachable or the token rejected (token masked). */
  unusable?: string;
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Collects one organization. Never throws for API failures: what could not be read is an `unavailable` section. */
export async function collectBuildkite(options: CollectBuildkiteOptions, events: CollectEvents = SILENT_EVENTS): Promise<BuildkiteCollection> {
  if (!SLUG.test(options.org)) throw new UsageError(`Buildkite organization slug "${options.org}" is not valid: expected letters, digits, "-" or "_"`);
  if (options.token.trim() === '') throw new UsageError('Buildkite token is empty: pass an API access token with read scopes and GraphQL access');
  const client = new BuildkiteClient({
    token: options.token,
    apiUrl: options.apiUrl,
    graphqlUrl: options.graphqlUrl,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    sleep: options.sleep,
    now: options.now,
    events,
    journal: options.journal,
  });
  const reader = new SectionReader(events);
  const filter = options.pipelineFilter ?? (() => true);
  const org = options.org;

  const graphqlSections = readGraphqlOrgSections(client, org, reader, events);
  const teams = (async (): Promise<Section<BuildkiteTeamEntry[]>> => {
    const list = await readTeamList(client, org, reader);
    if (list.status !== 'ok') return list;
    const { denied } = await graphqlSections;
    return ok(await readTeamAccess(client, org, list.data, reader, events, filter, denied));
  })();
  const registries = (async () => {
    const { denied } = await graphqlSections;
    return denied ? reader.copy('buildkite.registries', denied) : reader.read('buildkite.registries', NEEDS.registries, () => readRegistries(client, org));
  })();
  const [rest, { pipelines, unread }, clusters, gql, teamEntries, registryEntries] = await Promise.all([
    readOrgSections(client, org, reader),
    readPipelines(client, org, reader, events, filter),
    readClusters(client, org, reader, events),
    graphqlSections,
    teams,
    registries,
  ]);
  const snapshot: BuildkiteSnapshot = {
    org,
    organization: rest.organization,
    access_token: rest.access_token,
    api_settings: rest.api_settings,
    pipeline_settings: rest.pipeline_settings,
    repository_connections: rest.repository_connections,
    security: gql.security,
    members: gql.members,
    api_access_tokens: gql.api_access_tokens,
    audit_events: gql.audit_events,
    unclustered_agent_tokens: gql.unclustered_agent_tokens,
    notification_services: gql.notification_services,
    pipelines,
    ...(unread ? { pipelines_unread: unread } : {}),
    pipeline_templates: rest.pipeline_templates,
    teams: teamEntries,
    clusters,
    rules: rest.rules,
    registries: registryEntries,
  };
  const unusable = client.unusable;
  return { snapshot, stats: { ...client.stats }, incomplete: [...reader.incomplete].sort(), ...(unusable ? { unusable } : {}) };
}
