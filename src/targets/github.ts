// Splits a GitHub snapshot into evaluation targets: the organization's GitHub part, and one input per repository.
import type { GithubSnapshot, RepositoryEntry } from '../snapshot/github.js';
import type { Unavailable } from '../snapshot/section.js';

/** A Buildkite pipeline whose provider repository is a given GitHub repository. */
export interface BuildkitePipelineRef {
  /** The Buildkite organization slug. */
  org: string;
  slug: string;
  /** The REST pipeline object as collected. */
  pipeline: object;
}

/** Buildkite pipelines per GitHub repository, keyed by `repositoryKey(owner/name)`. */
export type PipelinesByRepository = Map<string, BuildkitePipelineRef[]>;

/** The organization-level GitHub sections a policy sees as `input.github`: the snapshot without `repositories`. */
export type GithubOrganizationPart = Omit<GithubSnapshot, 'repositories'>;

/** The `input` of one `repository` target without the evaluation time. */
export interface RepositoryTargetInput {
  repository: RepositoryEntry;
  github: GithubOrganizationPart;
  /** Absent when the snapshot has no Buildkite part, unavailable when its pipeline list could not be read, so rules tell "none" from "not known". */
  buildkite_pipelines?: BuildkitePipelineRef[] | Unavailable;
}

/** The `input` of one `repository` target (see docs/targets.md). */
export interface RepositoryInput extends RepositoryTargetInput {
  now: string;
}

/** The GitHub half of the `organization` target's input. */
export interface OrganizationGithubInput {
  now: string;
  github: GithubOrganizationPart;
}

/** The map key for a repository: `owner/name` in lower case, as GitHub compares names case-insensitively. */
export function repositoryKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** The snapshot's organization-level part: every section but `repositories`. */
export function githubOrganizationPart(snapshot: GithubSnapshot): GithubOrganizationPart {
  const { repositories: _repositories, ...part } = snapshot;
  return part;
}

/** The repository entries of a snapshot; none when the repository list itself could not be read. */
export function repositoryEntries(snapshot: GithubSnapshot): RepositoryEntry[] {
  return snapshot.repositories.status === 'ok' ? snapshot.repositories.data : [];
}

/** One repository target's input without the time (the evaluation adds it); `pipelines` is undefined without a Buildkite part, unavailable when its list was not read. */
export function repositoryTargetInput(entry: RepositoryEntry, github: GithubOrganizationPart, pipelines?: PipelinesByRepository | Unavailable): RepositoryTargetInput {
  const input: RepositoryTargetInput = { repository: entry, github };
  if (pipelines instanceof Map) input.buildkite_pipelines = pipelines.get(repositoryKey(entry.full_name)) ?? [];
  else if (pipelines) input.buildkite_pipelines = pipelines;
  return input;
}

/** One repository target's input as of `now`. */
export function repositoryInput(entry: RepositoryEntry, github: GithubOrganizationPart, now: string, pipelines?: PipelinesByRepository | Unavailable): RepositoryInput {
  return { now, ...repositoryTargetInput(entry, github, pipelines) };
}

/** One input per repository entry of the snapshot, all sharing the same organization part. */
export function repositoryInputs(snapshot: GithubSnapshot, now: string, pipelines?: PipelinesByRepository | Unavailable): RepositoryInput[] {
  const github = githubOrganizationPart(snapshot);
  return repositoryEntries(snapshot).map((entry) => repositoryInput(entry, github, now, pipelines));
}

/** The GitHub part of the organization target's input. */
export function organizationGithubInput(snapshot: GithubSnapshot, now: string): OrganizationGithubInput {
  return { now, github: githubOrganizationPart(snapshot) };
}
