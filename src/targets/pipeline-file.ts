// Pipeline YAML as `pipeline` targets: the files `check` is given (or finds), and the YAML
// inside a snapshot, each with a locator that maps a finding's JSON path to file:line:col.
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readTextBounded } from '../files.js';
import { DEFAULT_LIMITS } from '../yaml/load.js';
import type { Locator, Target } from '../model/target.js';
import { loadPipeline } from '../pipeline/load.js';
import { inlineSuppressions } from '../pipeline/suppressions.js';
import { discoverPipelineFiles, type SkippedFile } from './discover.js';
import { originUrlOf } from './git-remote.js';

/** `input.context` of a pipeline file: the repository it belongs to, when known. */
export interface PipelineFileContext {
  repository?: { url: string };
}

/** Which findings the YAML locator places: every path (a file of its own), or only paths into `steps` (a pipeline target that also carries Buildkite settings). */
export type YamlPaths = 'all' | 'steps';

/** The normalized pipeline of some YAML and a locator into it; throws InputError when the YAML cannot be read. */
export function pipelineYaml(name: string, text: string, paths: YamlPaths): { pipeline: unknown; locate: Locator } {
  const loaded = loadPipeline(text, name);
  const locate: Locator = (path, evidence) => (paths === 'all' || path[0] === 'steps' ? { file: name, ...loaded.locate(path, evidence) } : undefined);
  return { pipeline: loaded.pipeline, locate };
}

/** One pipeline file as its `pipeline` target (`path`: where it is on disk, when it is a file); throws InputError when the YAML cannot be read. */
export function pipelineFileTarget(name: string, text: string, context: PipelineFileContext = {}, path?: string): Target {
  const yaml = pipelineYaml(name, text, 'all');
  const suppressions = inlineSuppressions(text);
  return {
    kind: 'pipeline',
    name,
    input: { pipeline: yaml.pipeline, context },
    file: name,
    locate: yaml.locate,
    ...(path === undefined ? {} : { path }),
    ...(suppressions.length > 0 ? { suppressions } : {}),
  };
}

/** The targets of the named files, directories and `-` (stdin), or of the discovered files; unreadable inputs and skipped files are collected, not thrown. */
export async function pipelineFileTargets(
  paths: string[],
  cwd: string,
  readStdin: () => Promise<string>,
  stdinName = '<stdin>',
): Promise<{ targets: Target[]; errors: InputError[]; skipped: SkippedFile[] }> {
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  const targets: Target[] = [];
  const remotes = new Map<string, string | undefined>();
  for (const source of await readSources(paths, cwd, readStdin, errors, stdinName, skipped)) {
    try {
      targets.push(pipelineFileTarget(source.name, source.text, contextOf(source.path, remotes), source.stdin ? undefined : source.path));
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
  }
  return { targets, errors, skipped };
}

/** The repository a pipeline file belongs to, when it is in a git checkout with an origin (looked up once per directory). */
export function contextOf(path: string, remotes: Map<string, string | undefined>): PipelineFileContext {
  const dir = dirname(path);
  if (!remotes.has(dir)) remotes.set(dir, originUrlOf(dir));
  const url = remotes.get(dir);
  return url === undefined ? {} : { repository: { url } };
}

interface Source {
  name: string;
  path: string;
  text: string;
  stdin?: boolean;
}

async function readSources(paths: string[], cwd: string, readStdin: () => Promise<string>, errors: InputError[], stdinName: string, skipped: SkippedFile[]): Promise<Source[]> {
  const sources: Source[] = [];
  const named = paths.filter((p) => p !== '-');
  if (paths.includes('-')) sources.push({ name: stdinName, path: resolve(cwd, stdinName), text: await readStdin(), stdin: true });
  if (named.length === 0 && paths.length > 0) return sources;
  for (const file of discoverPipelineFiles(named, cwd, skipped)) {
    try {
      sources.push({ name: file.name, path: file.path, text: readTextBounded(file.path, DEFAULT_LIMITS.maxBytes, file.name) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      errors.push(err);
    }
  }
  return sources;
}
