// Splits a snapshot into the targets a sweep evaluates (docs/targets.md): the organization,
// each repository, each Buildkite pipeline with its YAML, and repository pipeline files
// that no Buildkite pipeline loads. Joins Buildkite pipelines to their repositories.
import type { BuildkiteSnapshot, RestPipeline } from '../collect/buildkite/types.js';
import type { GithubSnapshot } from '../collect/github/types.js';
import { InputError } from '../errors.js';
import { loadPipeline } from '../pipeline/load.js';
import { inShard, ownsOrganization, pipelineShardKey, repositoryShardKey, type Shard } from '../shard/shard.js';
import { ok, unavailable, type Section } from '../snapshot/section.js';
import type { Snapshot } from '../snapshot/types.js';
import { pipelineSource } from '../targets/pipeline-source.js';
import { repositoryFullName } from '../targets/repository-url.js';
import { compareTargets } from './order.js';
import type { Target } from './targets.js';

/** A Buildkite pipeline as repository targets see it. */
interface BuiltBy {
  org: string;
  slug: string;
  pipeline: RestPipeline;
}

/** Every target of the snapshot that belongs to the shard, in the sweep's one order. */
export function snapshotTargets(snapshot: Snapshot, shard?: Shard): Target[] {
  const github = snapshot.github;
  const buildkite = snapshot.buildkite;
  const targets: Target[] = [];
  const githubOrg = github ? organizationPart(github) : undefined;
  if (ownsOrganization(shard) && (github || buildkite)) {
    targets.push({ kind: 'organization', name: 'organization', input: { ...(githubOrg ? { github: githubOrg } : {}), ...(buildkite ? { buildkite } : {}) } });
  }
  const repos = github?.repositories.status === 'ok' ? github.repositories.data : [];
  const repoByName = new Map(repos.map((r) => [r.full_name.toLowerCase(), r]));
  const pipelines = buildkite?.pipelines.status === 'ok' ? buildkite.pipelines.data : [];
  const builtBy = new Map<string, BuiltBy[]>();
  for (const p of pipelines) {
    const name = repositoryFullName(p.repository);
    if (name) builtBy.set(name, [...(builtBy.get(name) ?? []), { org: buildkite!.org, slug: p.slug, pipeline: p }]);
  }
  const loadedFiles = new Set<string>();
  for (const p of pipelines) {
    const repoName = repositoryFullName(p.repository);
    const entry = repoName ? repoByName.get(repoName) : undefined;
    const source = pipelineSource(p.slug, p.configuration, entry?.full_name ?? repoName, entry?.pipeline_files);
    if (source.found) loadedFiles.add(source.name);
    if (!inShard(shard, pipelineShardKey(repoName, p.slug))) continue;
    const context = { pipeline: p, ...(buildkite!.pipeline_settings.status === 'ok' ? { pipeline_settings: buildkite!.pipeline_settings.data } : {}) };
    const target: Target = {
      kind: 'pipeline',
      name: `buildkite:${buildkite!.org}/${p.slug}`,
      pipeline: p.slug,
      ...(entry ? { repository: entry.full_name } : {}),
      input: { context, buildkite_pipeline: pipelineSettingsPart(buildkite!, p) },
    };
    targets.push(withYaml(target, source.found ? source : { found: false, reason: source.reason }));
  }
  for (const entry of repos) {
    if (!inShard(shard, repositoryShardKey(entry.full_name))) continue;
    targets.push({
      kind: 'repository',
      name: entry.full_name,
      repository: entry.full_name,
      input: {
        repository: entry,
        github: githubOrg,
        ...(buildkite ? { buildkite_pipelines: builtBy.get(entry.full_name.toLowerCase()) ?? [] } : {}),
      },
    });
    if (entry.pipeline_files.status !== 'ok') continue;
    for (const file of entry.pipeline_files.data) {
      const name = `${entry.full_name}:${file.path}`;
      if (loadedFiles.has(name) || file.text === null || !/\.ya?ml$/.test(file.path)) continue;
      const base: Target = { kind: 'pipeline', name, repository: entry.full_name, input: { context: {} } };
      targets.push(withYaml(base, file.truncated ? { found: false, reason: `${name} is too large; GitHub returned it cut short` } : { found: true, name, text: file.text }));
    }
  }
  return targets.sort(compareTargets);
}

// Adds the pipeline YAML (and how to place findings in it), or why there is none.
function withYaml(target: Target, source: { found: true; name: string; text: string } | { found: false; reason: string }): Target {
  if (!source.found) return { ...target, input: { ...target.input, pipeline_unavailable: { reason: source.reason } } };
  try {
    const loaded = loadPipeline(source.text, source.name);
    return { ...target, file: source.name, locate: (path, evidence) => loaded.locate(path, evidence), input: { ...target.input, pipeline: loaded.pipeline } };
  } catch (err) {
    const reason = err instanceof InputError ? `the pipeline YAML cannot be read: ${err.message}` : String(err);
    return { ...target, input: { ...target.input, pipeline_unavailable: { reason } } };
  }
}

/** The GitHub part an organization or repository target sees: everything but the repository list. */
export function organizationPart(github: GithubSnapshot): Omit<GithubSnapshot, 'repositories'> {
  const { repositories: _repositories, ...rest } = github;
  return rest;
}

/** `input.buildkite_pipeline` of one pipeline: its settings and the organization sections they are judged against. */
export function pipelineSettingsPart(buildkite: BuildkiteSnapshot, pipeline: RestPipeline): Record<string, unknown> {
  return {
    org: buildkite.org,
    pipeline,
    teams: teamsWithAccess(buildkite, pipeline.slug),
    pipeline_settings: buildkite.pipeline_settings,
    pipeline_templates: buildkite.pipeline_templates,
    repository_connections: buildkite.repository_connections,
  };
}

/** The teams with access to a pipeline; unavailable when any team's pipeline list could not be read. */
export function teamsWithAccess(buildkite: BuildkiteSnapshot, slug: string): Section<unknown[]> {
  if (buildkite.teams.status !== 'ok') return buildkite.teams;
  const out: unknown[] = [];
  for (const entry of buildkite.teams.data) {
    if (entry.pipelines.status !== 'ok') return unavailable(`the pipelines of team ${entry.team.slug} are not visible: ${entry.pipelines.reason}`, entry.pipelines.needs ? { needs: entry.pipelines.needs } : {});
    const access = entry.pipelines.data.find((tp) => tp.pipeline?.slug === slug);
    if (access) out.push({ team: entry.team, accessLevel: access.accessLevel, members: entry.members });
  }
  return ok(out);
}
