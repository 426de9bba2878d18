// Who can see or run a set of pipelines: the teams with access to them (and at which level),
// organization admins, and the public for pipelines with public visibility.
import type { BuildkiteSnapshot, RestPipeline } from '../snapshot/buildkite.js';
import { seen, type Audience, type NotVisible, type TeamReach } from './model.js';

const RUN_LEVELS = new Set(['BUILD_AND_READ', 'MANAGE_BUILD_AND_READ']);

/** The audience of the given pipelines; teams whose access lists are not visible are recorded in `notVisible`. */
export function audienceOf(buildkite: BuildkiteSnapshot, pipelines: RestPipeline[], notVisible: NotVisible[]): Audience {
  const byId = new Map(pipelines.map((p) => [p.id, p]));
  const teams: TeamReach[] = [];
  if (pipelines.length > 0 && seen(buildkite.teams, 'teams', notVisible)) {
    for (const entry of buildkite.teams.data) {
      const slug = entry.team.slug;
      if (!seen(entry.pipelines, `pipelines of team ${slug}`, notVisible)) continue;
      const access = entry.pipelines.data.flatMap((a) => {
        const pipeline = a.pipeline ? byId.get(a.pipeline.uuid) : undefined;
        if (!pipeline) return [];
        return [{ pipeline: pipeline.slug, access_level: a.accessLevel, can: RUN_LEVELS.has(a.accessLevel) ? ('run' as const) : ('see' as const) }];
      });
      if (access.length === 0) continue;
      const members = entry.members.status === 'ok' ? entry.members.data.length : null;
      if (members === null) seen(entry.members, `members of team ${slug}`, notVisible);
      teams.push({ team: slug, members, pipelines: access.sort((a, b) => a.pipeline.localeCompare(b.pipeline)) });
    }
  }
  const admins = buildkite.members.status === 'ok' ? buildkite.members.data.filter((m) => m.role === 'ADMIN').length : null;
  if (admins === null && pipelines.length > 0) seen(buildkite.members, 'organization members (who the admins are)', notVisible);
  return {
    teams: teams.sort((a, b) => a.team.localeCompare(b.team)),
    admins,
    public_pipelines: pipelines.filter((p) => p.visibility === 'public').map((p) => p.slug).sort(),
  };
}
