// The blast-radius report: what one query (a secret, an env var or a token) reaches, in a shape
// both formatters read and tooling can rely on (docs: README "kiteguard blast-radius").
import type { Section } from '../snapshot/section.js';

/** What was asked: one secret key, environment variable or token id. */
export interface BlastQuery {
  kind: 'secret' | 'env' | 'token';
  name: string;
}

/** A part of the snapshot that could not be read, so nothing can be said about it. */
export interface NotVisible {
  /** What is missing, e.g. `secrets of cluster prod`. */
  what: string;
  /** Why, as the collector recorded it (`403 Forbidden …`). */
  reason: string;
  needs?: string;
}

/** A pipeline whose YAML could not be looked at, and why. */
export interface NotInspected {
  pipeline: string;
  reason: string;
}

/** One place in a pipeline's YAML (or settings) that uses the secret or variable. */
export interface Reference {
  /** The file, `owner/repo:path` or `buildkite:slug (…)`, or `buildkite:slug (pipeline settings)`. */
  file: string;
  line: number | null;
  /** How it is used: `secrets`, `secret get`, `plugin`, `env`, `command`, `if`, `pipeline env`. */
  kind: string;
  /** Where in the pipeline and what it says, e.g. `step "deploy": secrets DEPLOY_KEY as $DEPLOY_KEY`. */
  detail: string;
}

/** A Buildkite pipeline as the report names it. */
export interface PipelineSummary {
  slug: string;
  id: string;
  cluster: string | null;
  repository: string;
  visibility: string;
  /** The pipeline's branch filter (`branch_configuration`); null builds every branch. */
  branch_configuration: string | null;
  default_branch: string | null;
}

/** One pipeline a team can reach, at which level. */
export interface TeamPipelineAccess {
  pipeline: string;
  access_level: string;
  /** `run` for BUILD_AND_READ and MANAGE_BUILD_AND_READ, `see` for READ_ONLY. */
  can: 'see' | 'run';
}

/** A team that can see or run some of the pipelines in a report. */
export interface TeamReach {
  team: string;
  /** Member count, or null when the team's members are not visible. */
  members: number | null;
  pipelines: TeamPipelineAccess[];
}

/** Who can see or run a set of pipelines: teams, organization admins, and the public. */
export interface Audience {
  teams: TeamReach[];
  /** Organization admins (they see and run every pipeline), or null when members are not visible. */
  admins: number | null;
  /** Pipelines with public visibility: anyone can read their builds and logs. */
  public_pipelines: string[];
}

/** Records a section that was not read into `notVisible`; true when the section was read. */
export function seen<T>(section: Section<T> | undefined, what: string, notVisible: NotVisible[]): section is { status: 'ok'; data: T } {
  if (section === undefined) {
    notVisible.push({ what, reason: 'not in the snapshot' });
    return false;
  }
  if (section.status === 'ok') return true;
  const status = section.http_status === undefined ? '' : `${section.http_status} `;
  notVisible.push({ what, reason: `${status}${section.reason}`, ...(section.needs ? { needs: section.needs } : {}) });
  return false;
}
