// Splits a snapshot into the targets a sweep evaluates (docs/targets.md): the organization,
// each repository, each Buildkite pipeline with its YAML, and repository pipeline files
// that no Buildkite pipeline loads. Joins Buildkite pipelines to their repositories.
import { InputError } from '../errors.js';
import type { Target } from '../model/target.js';
import { inShard, ownsOrganization, pipelineShardKey, repositoryShardKey, type Shard } from '../shard/shard.js';
import { isUnavailable, unavailable, type Unavailable } from '../snapshot/section.js';
import type { Snapshot } from '../snapshot/types.js';
import { buildkitePipelineTargetInput } from './buildkite.js';
import { buildkiteOrganizationPart } from './secret-policies.js';
import { githubOrganizationPart, repositoryEntries, repositoryKey, repositoryTargetInput, type PipelinesByRepository } from './github.js';
import { compareTargets } from './order.js';
import { pipelineYaml } from './pipeline-file.js';
import { pipelineSource } from './pipeline-source.js';
import { githubWebHost, parseRepositoryUrl } from './repository-url.js';
import { appendTo } from '../collections.js';

/** Every target of the snapshot that belongs to the shard, in the sweep's one order. */
export function snapshotTargets(snapshot: Snapshot, shard?: Shard): Target[] {
  const github = snapshot.github;
  const buildkite = snapshot.buildkite;
  const targets: Target[] = [];
  const githubOrg = github ? githubOrganizationPart(github) : undefined;
  if (ownsOrganization(shard) && (github || buildkite)) {
    targets.push({ kind: 'organization', name: 'organization', input: { ...(githubOrg ? { github: githubOrg } : {}), ...(buildkite ? { buildkite: buildkiteOrganizationPart(buildkite) } : {}) } });
  }
  // A list that could not be read stands in as one target whose every rule is unknown.
  if (github && github.repositories.status !== 'ok' && ownsOrganization(shard)) {
    const unknownReason = `the repositories of ${github.org} are not visible: ${github.repositories.reason}`;
    targets.push({ kind: 'repository', name: `${github.org}/*`, input: {}, unknownReason });
    targets.push({ kind: 'pipeline', name: `${github.org}/*:*`, input: {}, unknownReason });
  }
  const unlisted = buildkite ? (buildkite.pipelines.status !== 'ok' ? buildkite.pipelines : buildkite.pipelines_unread) : undefined;
  if (buildkite && unlisted && ownsOrganization(shard)) {
    targets.push({ kind: 'pipeline', name: `buildkite:${buildkite.org}/*`, input: {}, unknownReason: `the pipelines of ${buildkite.org} are not visible: ${unlisted.reason}` });
  }
  // Which repositories the pipelines build is not known when a pipeline is not listed or its repository was not read.
  const unreadPipelines: Unavailable | undefined = unlisted ?? unknownRepository(buildkite?.pipelines.status === 'ok' ? buildkite.pipelines.data : []);
  const repos = github ? repositoryEntries(github) : [];
  const repoByName = new Map(repos.map((r) => [repositoryKey(r.full_name), r]));
  const pipelines = buildkite?.pipelines.status === 'ok' ? buildkite.pipelines.data : [];
  const githubHost = githubWebHost(github?.api_url);
  // owner/name of a pipeline's repository when it is on the GitHub the snapshot read.
  const onGithub = (url: string): string | undefined => {
    const ref = parseRepositoryUrl(url);
    return ref && (ref.host === githubHost || ref.host === 'github.com') ? ref.fullName : undefined;
  };
  const builtBy: PipelinesByRepository = new Map();
  for (const p of pipelines) {
    const name = typeof p.repository === 'string' ? onGithub(p.repository) : undefined;
    if (name) appendTo(builtBy, name, { org: buildkite!.org, slug: p.slug, pipeline: p });
  }
  const loadedFiles = new Set<string>();
  for (const p of pipelines) {
    const repoName = typeof p.repository === 'string' ? onGithub(p.repository) : undefined;
    const entry = repoName ? repoByName.get(repoName) : undefined;
    const name = `buildkite:${buildkite!.org}/${p.slug}`;
    const source = pipelineSource(name, p.configuration, entry?.full_name ?? repoName, entry?.pipeline_files, p.repository);
    if (source.found) loadedFiles.add(source.name);
    if (!inShard(shard, pipelineShardKey(repoName, p.slug))) continue;
    const target: Target = {
      kind: 'pipeline',
      name,
      pipeline: p.slug,
      ...(entry ? { repository: entry.full_name } : {}),
      input: { ...buildkitePipelineTargetInput(buildkite!, p) },
    };
    targets.push(withYaml(target, source.found ? source : { found: false, reason: source.reason }));
  }
  for (const entry of repos) {
    if (!inShard(shard, repositoryShardKey(entry.full_name))) continue;
    // A repository no pipeline read builds may be built by one that could not be read: then that is not known.
    const known = !unreadPipelines || builtBy.has(repositoryKey(entry.full_name));
    const input = repositoryTargetInput(entry, githubOrg!, !buildkite ? undefined : known ? builtBy : unreadPipelines);
    targets.push({ kind: 'repository', name: entry.full_name, repository: entry.full_name, input: { ...input } });
    if (entry.pipeline_files.status !== 'ok') {
      // Files that could not be listed stand in as one target whose every pipeline rule is unknown.
      const reason = `the Buildkite pipeline files of ${entry.full_name} are not visible: ${entry.pipeline_files.reason}`;
      targets.push({ kind: 'pipeline', name: `${entry.full_name}:*`, repository: entry.full_name, input: {}, unknownReason: reason });
      continue;
    }
    for (const file of entry.pipeline_files.data) {
      const name = `${entry.full_name}:${file.path}`;
      if (loadedFiles.has(name) || !/\.ya?ml$/.test(file.path)) continue;
      const base: Target = { kind: 'pipeline', name, repository: entry.full_name, input: { context: {} } };
      // A file that could not be read is a target of its own, its pipeline rules unknown with the reason.
      if ('unavailable' in file) targets.push(withYaml(base, { found: false, reason: `${name} is not visible: ${file.unavailable.reason}` }));
      else if (file.text !== null) targets.push(withYaml(base, file.truncated ? { found: false, reason: `${name} is too large; GitHub returned it cut short` } : { found: true, name, text: file.text }));
    }
  }
  return targets.sort(compareTargets);
}

// Adds the pipeline YAML (and how to place findings in it), or why there is none.
function withYaml(target: Target, source: { found: true; name: string; text: string } | { found: false; reason: string }): Target {
  if (!source.found) return { ...target, input: { ...target.input, pipeline_unavailable: { reason: source.reason } } };
  try {
    const yaml = pipelineYaml(source.name, source.text, 'steps');
    return { ...target, file: source.name, locate: yaml.locate, input: { ...target.input, pipeline: yaml.pipeline } };
  } catch (err) {
    const reason = err instanceof InputError ? `the pipeline YAML cannot be read: ${err.message}` : String(err);
    return { ...target, input: { ...target.input, pipeline_unavailable: { reason } } };
  }
}

// Why the repositories some pipelines build are not known: the first pipeline whose repository was not read.
function unknownRepository(pipelines: { slug: string; repository: string | Unavailable }[]): Unavailable | undefined {
  const p = pipelines.find((q) => isUnavailable(q.repository));
  return p && isUnavailable(p.repository) ? unavailable(`the repository of pipeline ${p.slug} was not read: ${p.repository.reason}`) : undefined;
}
