// The YAML behind each Buildkite pipeline of a snapshot: its definition (saved steps or the
// repository file), plus the repository files its steps upload, each loaded and normalized.
import type { RestPipeline } from '../snapshot/buildkite.js';
import type { PipelineFile, ReadFile } from '../snapshot/github.js';
import { KiteguardError } from '../errors.js';
import { loadPipeline, type LoadedPipeline } from '../pipeline/load.js';
import type { NormalizedStep } from '../pipeline/types.js';
import { isUnavailable, known, type Section } from '../snapshot/section.js';
import type { Snapshot } from '../snapshot/types.js';
import { DEFAULT_UPLOAD_PATHS, pipelineSource } from '../targets/pipeline-source.js';
import { repositoryFullName } from '../targets/repository-url.js';
import type { NotInspected } from './model.js';

/** One pipeline file that was loaded, under the name references cite. */
export interface LoadedFile {
  name: string;
  loaded: LoadedPipeline;
}

/** A pipeline with the files that define it and the ones that could not be read. */
export interface PipelineDefinition {
  pipeline: RestPipeline;
  /** `owner/name` of its GitHub repository, when the URL names one. */
  repository: string | undefined;
  files: LoadedFile[];
  notInspected: NotInspected[];
}

/** A step with its normalized path (`['steps', 2, 'steps', 0]`), group steps' children included. */
export interface PathedStep {
  step: NormalizedStep;
  path: Array<string | number>;
}

const UPLOAD = /buildkite-agent\s+pipeline\s+upload\b([^\n;&|]*)/g;

/** Loads the YAML of every pipeline; what cannot be found or parsed is recorded, never skipped silently. */
export function loadDefinitions(snapshot: Snapshot, pipelines: RestPipeline[]): PipelineDefinition[] {
  const repos = repositoryFiles(snapshot);
  return pipelines.map((pipeline) => {
    const repository = onGithub(pipeline) ? repositoryFullName(known(pipeline.repository)) : undefined;
    const files = repository === undefined ? undefined : repos(repository);
    const definition: PipelineDefinition = { pipeline, repository, files: [], notInspected: [] };
    const source = pipelineSource(`buildkite:${snapshot.buildkite?.org ?? ''}/${pipeline.slug}`, pipeline.configuration, repository, files, pipeline.repository);
    if (!source.found) {
      definition.notInspected.push({ pipeline: pipeline.slug, reason: source.reason });
      return definition;
    }
    const queue = [{ name: source.name, text: source.text }];
    const done = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift() as { name: string; text: string };
      if (done.has(next.name)) continue;
      done.add(next.name);
      const loaded = load(next.text, next.name, pipeline.slug, definition.notInspected);
      if (!loaded) continue;
      definition.files.push({ name: next.name, loaded });
      for (const upload of uploadedFiles(loaded)) {
        const found = resolveUpload(upload, repository === undefined ? null : files);
        if (typeof found === 'string') {
          definition.notInspected.push({ pipeline: pipeline.slug, reason: `${next.name} uploads ${upload ?? 'the default pipeline file'}, which ${found}` });
          continue;
        }
        for (const file of found) queue.push({ name: `${repository}:${file.path}`, text: file.text as string });
      }
    }
    return definition;
  });
}

/** Every step of a loaded pipeline, depth first, with group steps' children after the group. */
export function allSteps(steps: NormalizedStep[], prefix: Array<string | number> = []): PathedStep[] {
  return steps.flatMap((step, i) => {
    const path = [...prefix, 'steps', i];
    return [{ step, path }, ...allSteps(step.steps, path)];
  });
}

/** How a step is named in a report: its label or key, else its position. */
export function stepName(p: PathedStep): string {
  const name = p.step.label ?? p.step.key;
  return name === null ? `step ${p.path.filter((s) => typeof s === 'number').join('.')}` : `step "${name}"`;
}

// Pipeline files are collected from GitHub only: a GitLab or Bitbucket pipeline's URL names no repository kiteguard has.
function onGithub(pipeline: RestPipeline): boolean {
  const provider = isUnavailable(pipeline.provider) ? undefined : pipeline.provider?.id;
  return typeof provider !== 'string' || provider.startsWith('github');
}

// Repository files by `owner/name`, as pipelineSource() wants them.
function repositoryFiles(snapshot: Snapshot): (fullName: string) => Section<PipelineFile[]> | undefined {
  const repos = snapshot.github?.repositories;
  if (repos === undefined) return () => undefined;
  if (repos.status !== 'ok') return () => repos;
  const byName = new Map(repos.data.map((r) => [r.full_name.toLowerCase(), r.pipeline_files]));
  return (fullName) => byName.get(fullName.toLowerCase());
}

function load(text: string, name: string, slug: string, notInspected: NotInspected[]): LoadedPipeline | undefined {
  try {
    return loadPipeline(text, name);
  } catch (err) {
    if (!(err instanceof KiteguardError)) throw err;
    notInspected.push({ pipeline: slug, reason: `${err.message}` });
    return undefined;
  }
}

// What the `buildkite-agent pipeline upload` commands of a pipeline read: a path or glob each, null for the default file.
function uploadedFiles(loaded: LoadedPipeline): Array<string | null> {
  const uploads = new Set<string | null>();
  for (const { step } of allSteps(loaded.pipeline.steps)) {
    for (const command of step.commands) {
      for (const m of command.matchAll(UPLOAD)) {
        const args = (m[1] ?? '').trim().split(/\s+/).filter((a) => a !== '' && !a.startsWith('-'));
        if (args.length === 0) uploads.add(null);
        for (const a of args) uploads.add(a.replace(/^["']|["']$/g, '').replace(/^\.\//, ''));
      }
    }
  }
  return [...uploads];
}

// The readable files an upload reads, or why there are none (`files` null: not a GitHub repository).
function resolveUpload(upload: string | null, files: Section<PipelineFile[]> | undefined | null): ReadFile[] | string {
  if (upload !== null && upload.includes('$')) return 'is computed at build time';
  if (files === null) return 'is in a repository kiteguard does not read (only GitHub repositories are collected)';
  if (files === undefined) return 'is in a repository that is not in the snapshot';
  if (files.status !== 'ok') return `is not visible: ${files.reason}`;
  const matches = upload === null ? firstDefault(files.data) : files.data.filter((f) => globMatch(upload, f.path));
  if (matches.length === 0) return 'is not among the collected pipeline files (only .buildkite/ and buildkite.yml files are collected)';
  const unread = matches.find((f) => 'unavailable' in f);
  if (unread && 'unavailable' in unread) return `${unread.path} is not visible: ${unread.unavailable.reason}`;
  const read = matches as ReadFile[];
  const unreadable = read.find((f) => f.text === null || f.truncated);
  if (unreadable) return `${unreadable.path} is ${unreadable.text === null ? 'not a text file' : 'too large; GitHub returned it cut short'}`;
  return read;
}

function firstDefault(files: PipelineFile[]): PipelineFile[] {
  for (const path of DEFAULT_UPLOAD_PATHS) {
    const file = files.find((f) => f.path === path);
    if (file) return [file];
  }
  return [];
}

// `*` matches within one path segment, `**` across segments; everything else literally.
function globMatch(pattern: string, path: string): boolean {
  const source = pattern.split(/(\*\*\/?|\*)/).map((part) => (part.startsWith('**') ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(path);
}
