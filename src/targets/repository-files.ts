// The other pipeline files of the repository a checked file belongs to, for rules that any of them can
// satisfy (a dependency scan in `.buildkite/security.yml` covers `.buildkite/pipeline.yml`).
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { discoverPipelineFiles } from './discover.js';
import { checkoutRoot } from './git-remote.js';

/** At most this many files are read from one repository. */
const MAX_FILES = 200;

/** The pipeline files of the repository holding `path` (itself included): those `check` discovers at its checkout's top; outside a checkout, the YAML files beside it. */
export function repositoryPipelineFiles(path: string): string[] {
  const root = checkoutRoot(path);
  if (root !== undefined) return discoverPipelineFiles([], root).map((f) => f.path).slice(0, MAX_FILES);
  const dir = dirname(resolve(path));
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
      .map((e) => join(dir, e.name))
      .sort()
      .slice(0, MAX_FILES);
  } catch {
    return [resolve(path)];
  }
}
