// The Buildkite parts of evaluation targets: the organization target's `input.buildkite`, and one
// `input.buildkite_pipeline` (with `input.context`) per pipeline, as docs/targets.md describes them.
import type {
  BuildkiteSnapshot,
  BuildkiteTeamEntry,
  GraphqlTeamMember,
  GraphqlTeamPipeline,
  RestPipeline,
  RestPipelineSettings,
  RestPipelineTemplate,
  RestRepositoryConnection,
  RestTeam,
} from '../snapshot/buildkite.js';
import { isAvailable, ok, unavailable, type Section } from '../snapshot/section.js';
import { buildkiteOrganizationPart } from './secret-policies.js';

/** One team that can reach a pipeline, at which level, and who is in it. */
export interface PipelineTeamAccess {
  team: RestTeam;
  accessLevel: GraphqlTeamPipeline['accessLevel'];
  members: Section<GraphqlTeamMember[]>;
}

/** `input.buildkite_pipeline`: one pipeline's Buildkite settings and the organization sections its rules read. */
export interface BuildkitePipelineInput {
  org: string;
  pipeline: RestPipeline;
  teams: Section<PipelineTeamAccess[]>;
  pipeline_settings: Section<RestPipelineSettings>;
  pipeline_templates: Section<RestPipelineTemplate[]>;
  repository_connections: Section<RestRepositoryConnection[]>;
}

/** `input.context` of a pipeline target: plain data for the YAML rules (not sections). */
export interface BuildkitePipelineContext {
  pipeline: RestPipeline;
  pipeline_settings?: RestPipelineSettings;
}

/** The Buildkite side of one pipeline target without the time; the snapshot's targets add the YAML (`pipeline` or `pipeline_unavailable`). */
export interface BuildkitePipelineTargetInput {
  context: BuildkitePipelineContext;
  buildkite_pipeline: BuildkitePipelineInput;
}

/** The Buildkite side of one pipeline target as of `now`. */
export interface BuildkitePipelineTarget extends BuildkitePipelineTargetInput {
  now: string;
}

/** The organization target's Buildkite part: the snapshot as collected (secrets' access policies parsed), with the evaluation time. */
export function buildkiteOrganizationInput(snapshot: BuildkiteSnapshot, now: string): { now: string; buildkite: BuildkiteSnapshot } {
  return { now, buildkite: buildkiteOrganizationPart(snapshot) };
}

/** Whether a team's access entry is for this pipeline: by uuid when both sides have one, else by slug. */
export function samePipeline(entry: GraphqlTeamPipeline, pipeline: RestPipeline): boolean {
  const ref = entry.pipeline;
  if (!ref) return false;
  if (ref.uuid && pipeline.id) return ref.uuid === pipeline.id;
  return ref.slug === pipeline.slug;
}

/** The teams with access to one pipeline; unavailable when the team list, or any team's pipeline list, could not be read. */
export function pipelineTeams(teams: Section<BuildkiteTeamEntry[]>, pipeline: RestPipeline): Section<PipelineTeamAccess[]> {
  if (!isAvailable(teams)) return teams;
  const access: PipelineTeamAccess[] = [];
  for (const entry of teams.data) {
    if (!isAvailable(entry.pipelines)) {
      const { reason, http_status, needs } = entry.pipelines;
      const detail = { ...(http_status !== undefined ? { http_status } : {}), ...(needs !== undefined ? { needs } : {}) };
      return unavailable(`the pipelines of team ${entry.team.slug} could not be read: ${reason}`, detail);
    }
    const match = entry.pipelines.data.find((tp) => samePipeline(tp, pipeline));
    if (match) access.push({ team: entry.team, accessLevel: match.accessLevel, members: entry.members });
  }
  return ok(access);
}

/** `input.buildkite_pipeline` for one pipeline of the snapshot. */
export function buildkitePipelineInput(snapshot: BuildkiteSnapshot, pipeline: RestPipeline): BuildkitePipelineInput {
  return {
    org: snapshot.org,
    pipeline,
    teams: pipelineTeams(snapshot.teams, pipeline),
    pipeline_settings: snapshot.pipeline_settings,
    pipeline_templates: snapshot.pipeline_templates,
    repository_connections: snapshot.repository_connections,
  };
}

/** `input.context` for one pipeline: its REST object, and the organization's pipeline settings when readable. */
export function buildkitePipelineContext(snapshot: BuildkiteSnapshot, pipeline: RestPipeline): BuildkitePipelineContext {
  const settings = snapshot.pipeline_settings;
  return isAvailable(settings) ? { pipeline, pipeline_settings: settings.data } : { pipeline };
}

/** The Buildkite side of one pipeline target's input, without the time (the evaluation adds it). */
export function buildkitePipelineTargetInput(snapshot: BuildkiteSnapshot, pipeline: RestPipeline): BuildkitePipelineTargetInput {
  return { context: buildkitePipelineContext(snapshot, pipeline), buildkite_pipeline: buildkitePipelineInput(snapshot, pipeline) };
}

/** One pipeline target per collected pipeline (none when the pipeline list could not be read: that is the organization's unknown). */
export function buildkitePipelineTargets(snapshot: BuildkiteSnapshot, now: string): BuildkitePipelineTarget[] {
  if (!isAvailable(snapshot.pipelines)) return [];
  return snapshot.pipelines.data.map((pipeline) => ({ now, ...buildkitePipelineTargetInput(snapshot, pipeline) }));
}
