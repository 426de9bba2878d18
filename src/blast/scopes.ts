// What a Buildkite API access token reaches: its owner's pipelines (through teams, or all of
// them for an admin), and what each scope lets the holder do with them.
import type { Estate } from './estate.js';

/** The pipelines a token's owner can reach, which is the most any of its scopes can touch. */
export interface OwnerReach {
  /** True for an organization admin (every pipeline), null when the owner or the members list is not known. */
  admin: boolean | null;
  /** Teams the owner belongs to (among teams whose members are visible). */
  teams: string[];
  /** Pipelines by slug with the highest access level the owner has through a team. */
  pipelines: Array<{ pipeline: string; access_level: string; via: string }>;
}

const LEVELS = ['READ_ONLY', 'BUILD_AND_READ', 'MANAGE_BUILD_AND_READ'];

/** The owner's reach through organization role and team access levels. */
export function ownerReach(estate: Estate, ownerUuid: string | null): OwnerReach {
  const { buildkite } = estate;
  if (ownerUuid === null) return { admin: null, teams: [], pipelines: [] };
  const member = buildkite.members.status === 'ok' ? buildkite.members.data.find((m) => m.user.uuid === ownerUuid) : undefined;
  const admin = member ? member.role === 'ADMIN' : null;
  const best = new Map<string, { access_level: string; via: string }>();
  const teams: string[] = [];
  const bySlug = new Map(estate.pipelines.map((p) => [p.id, p.slug]));
  for (const entry of buildkite.teams.status === 'ok' ? buildkite.teams.data : []) {
    if (entry.members.status !== 'ok' || !entry.members.data.some((m) => m.user?.uuid === ownerUuid)) continue;
    teams.push(entry.team.slug);
    if (entry.pipelines.status !== 'ok') continue;
    for (const a of entry.pipelines.data) {
      const slug = a.pipeline ? (bySlug.get(a.pipeline.uuid) ?? a.pipeline.slug) : undefined;
      if (slug === undefined) continue;
      const prev = best.get(slug);
      if (!prev || LEVELS.indexOf(a.accessLevel) > LEVELS.indexOf(prev.access_level)) best.set(slug, { access_level: a.accessLevel, via: entry.team.slug });
    }
  }
  const pipelines = [...best].map(([pipeline, v]) => ({ pipeline, ...v })).sort((a, b) => a.pipeline.localeCompare(b.pipeline));
  return { admin, teams: teams.sort(), pipelines };
}

/** One sentence saying what a scope lets the token's holder do, sized by the owner's reach. */
export function scopeReach(scope: string, reach: OwnerReach, estate: Estate): string {
  const count = (levels: string[]): string => {
    if (reach.admin === true) return `every pipeline (${estate.pipelines.length}; the owner is an organization admin)`;
    const n = reach.pipelines.filter((p) => levels.includes(p.access_level)).length;
    const known = reach.admin === null ? "; the owner's organization role is not known, so possibly every pipeline" : '';
    return `${n} pipeline${n === 1 ? '' : 's'} the owner can ${levels.length === 3 ? 'see' : levels.length === 2 ? 'run' : 'manage'} through teams${known}`;
  };
  const see = (): string => count(LEVELS);
  const run = (): string => count(LEVELS.slice(1));
  const manage = (): string => count(LEVELS.slice(2));
  const clusters = estate.clusters.length;
  const table: Record<string, () => string> = {
    read_builds: () => `builds of ${see()}`,
    write_builds: () => `start, rebuild and cancel builds of ${run()}; a build runs with the secrets its pipeline may read`,
    read_build_logs: () => `build logs of ${see()}`,
    write_build_logs: () => `delete build logs of ${see()}`,
    read_job_env: () => `job environment variables of ${see()}`,
    read_artifacts: () => `download artifacts of ${see()}`,
    write_artifacts: () => `upload and delete artifacts of ${see()}`,
    read_pipelines: () => `settings and saved steps of ${see()}`,
    write_pipelines: () => `create pipelines and change the steps of ${manage()}; changed steps read whatever secrets the cluster policies allow`,
    read_pipeline_templates: () => 'pipeline templates',
    write_pipeline_templates: () => 'change pipeline templates, and so the steps of every pipeline using them',
    read_agents: () => 'connected agents: hostnames, versions, metadata',
    write_agents: () => 'stop and pause agents',
    read_clusters: () => `the ${clusters} cluster${clusters === 1 ? '' : 's'}, their queues and agent token metadata`,
    write_clusters: () => `change clusters and create agent tokens: an agent registered with a new token takes jobs, and their secrets, in that cluster (${clusters} cluster${clusters === 1 ? '' : 's'})`,
    read_secrets_details: () => 'secret keys and access policies (never values)',
    write_secrets: () => 'create, change and delete secrets and their access policies',
    read_teams: () => 'teams, members and their pipeline access',
    write_teams: () => 'change team membership and pipeline access levels, and so who can run pipelines',
    read_rules: () => 'cluster rules (cross-cluster triggers and artifact access)',
    write_rules: () => 'change cluster rules, opening cross-cluster triggers and artifact access',
    read_organizations: () => 'organization details',
    read_organization_settings: () => 'organization settings (API and pipeline settings)',
    read_organization_repository_connections: () => 'repository connections',
    read_user: () => "the owner's name and email",
    read_suites: () => 'Test Engine suites and their runs',
    write_suites: () => 'change Test Engine suites',
    graphql: () => `the GraphQL API with everything the owner may do: ${run()}`,
  };
  return table[scope]?.() ?? "not described by kiteguard; see Buildkite's API token scopes";
}
