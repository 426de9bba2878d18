// Finds the YAML that defines a Buildkite pipeline in a sweep: the steps saved in Buildkite
// when they do more than upload, else the file they upload from the repository at HEAD.
import { isUnavailable, type Unavailable } from '../snapshot/section.js';

/** A pipeline file as collected from its repository, or known by its path only (`unavailable`: why it could not be read). */
export type RepoFile = { path: string; text: string | null; truncated: boolean } | { path: string; unavailable: { reason: string } };

/** The definition to evaluate, or why there is none. */
export type PipelineSource =
  | { found: true; name: string; text: string }
  | { found: false; reason: string };

/** The files `buildkite-agent pipeline upload` reads when given no path, in its order (the agent's documented list). */
export const DEFAULT_UPLOAD_PATHS = [
  'buildkite.yml',
  'buildkite.yaml',
  'buildkite.json',
  '.buildkite/pipeline.yml',
  '.buildkite/pipeline.yaml',
  '.buildkite/pipeline.json',
  'buildkite/pipeline.yml',
  'buildkite/pipeline.yaml',
  'buildkite/pipeline.json',
];

const UPLOAD = /buildkite-agent\s+pipeline\s+upload\b([^\n;&|]*)/;

/** The file paths a saved configuration uploads (the default path when none is given), or undefined when it defines steps itself. */
export function uploadedPaths(configuration: string | null | undefined): string[] | undefined {
  if (typeof configuration !== 'string' || configuration.trim() === '') return DEFAULT_UPLOAD_PATHS;
  if (!onlyUploads(configuration)) return undefined;
  const m = UPLOAD.exec(configuration);
  const args = (m?.[1] ?? '').trim().split(/\s+/).filter((a) => a !== '' && !a.startsWith('-'));
  return args.length > 0 ? args.map((a) => a.replace(/^["']|["']$/g, '').replace(/^\.\//, '')) : DEFAULT_UPLOAD_PATHS;
}

// A saved configuration that only uploads: a steps list whose only command is the upload.
function onlyUploads(configuration: string): boolean {
  const meaningful = configuration
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const commands = meaningful.filter((l) => /^-?\s*(command|commands):/.test(l) || /^-\s+["']?buildkite-agent/.test(l));
  return UPLOAD.test(configuration) && commands.every((l) => UPLOAD.test(l) || /^-?\s*commands:\s*$/.test(l));
}

/** Resolves the definition of one pipeline from its saved configuration (named after the pipeline) or its repository's files. */
export function pipelineSource(
  pipelineName: string,
  configuration: string | null | undefined | Unavailable,
  repoName: string | undefined,
  files: { status: 'ok'; data: RepoFile[] } | { status: 'unavailable'; reason: string } | undefined,
  repositoryUrl?: string | Unavailable,
): PipelineSource {
  // Saved steps that could not be read may define the steps themselves: the repository's files would not be the definition.
  if (isUnavailable(configuration)) return { found: false, reason: `the saved steps of ${pipelineName} are not visible: ${configuration.reason}` };
  const paths = uploadedPaths(configuration);
  if (paths === undefined) return { found: true, name: pipelineName, text: configuration as string };
  if (isUnavailable(repositoryUrl)) return { found: false, reason: `the repository of ${pipelineName} is not visible: ${repositoryUrl.reason}` };
  if (repoName === undefined) {
    const where = repositoryUrl ? ` (${repositoryUrl})` : '';
    return { found: false, reason: `the pipeline's repository${where} is not on the GitHub this snapshot read, so its YAML was not collected` };
  }
  if (files === undefined) return { found: false, reason: `repository ${repoName} is not in the snapshot (collect its GitHub organization too)` };
  if (files.status !== 'ok') return { found: false, reason: `the pipeline files of ${repoName} are not visible: ${files.reason}` };
  for (const path of paths) {
    const file = files.data.find((f) => f.path === path);
    if (!file) continue;
    // A file that could not be read (whose existence, for the top-level ones, is not known) may be the definition.
    if ('unavailable' in file) return { found: false, reason: `${repoName}:${path} is not visible: ${file.unavailable.reason}` };
    if (file.text === null) return { found: false, reason: `${repoName}:${path} is not a text file` };
    if (file.truncated) return { found: false, reason: `${repoName}:${path} is too large; GitHub returned it cut short` };
    return { found: true, name: `${repoName}:${path}`, text: file.text };
  }
  return { found: false, reason: `${repoName} has none of ${paths.join(', ')} at HEAD (a pipeline uploaded from another path or generated at build time is not seen)` };
}
