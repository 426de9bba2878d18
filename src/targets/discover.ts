// Finds the pipeline files `kiteguard check` looks at. Symbolic links are followed while they stay inside the
// repository (a loop or a second path to a file seen already is skipped); whatever is skipped is returned with why.
import { existsSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

const YAML = /\.ya?ml$/i;
const ROOT_FILES = ['buildkite.yml', 'buildkite.yaml', '.buildkite.yml', '.buildkite.yaml'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A file to check, with the name it is reported under (relative, forward slashes). */
export interface PipelineFile {
  path: string;
  name: string;
  /** True when found by discovery rather than named by the user. */
  discovered: boolean;
}

/** A file or folder discovery passed over, and why (a link leaving the repository, a loop, a duplicate). */
export interface SkippedFile {
  name: string;
  reason: string;
  /** True when what it holds stayed unseen (a link leaving the repository): the run is incomplete, not just noted. */
  unseen?: boolean;
}

/**
 * With no paths: `.buildkite/**` YAML and root `buildkite.yml` variants; else the named files and directories.
 * A named path may be any readable non-directory (a FIFO, `<(…)`, `/dev/stdin`); passed-over files go to `skipped`.
 */
export function discoverPipelineFiles(paths: string[], cwd: string, skipped: SkippedFile[] = []): PipelineFile[] {
  const walk = new Walk(cwd, skipped);
  if (paths.length === 0) {
    const root = repositoryRoot(cwd);
    for (const f of ROOT_FILES) walk.file(join(cwd, f), root);
    const dir = join(cwd, '.buildkite');
    if (existsSync(dir)) walk.dir(dir, [], root);
    return walk.files;
  }
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const st = statOf(abs);
    if (st === undefined) throw new InputError('no such file or directory', { file: p });
    if (st.isDirectory()) walk.dir(abs, [], repositoryRoot(abs));
    else walk.named(abs);
  }
  return walk.files;
}

class Walk {
  readonly files: PipelineFile[] = [];
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly cwd: string,
    private readonly skipped: SkippedFile[],
  ) {}

  /** A file the user named: anything readable that is not a folder (a FIFO, `<(…)`, `/dev/stdin` too). */
  named(path: string): void {
    this.files.push({ path, name: displayName(path, this.cwd), discovered: false });
  }

  /** A discovered file: a regular file inside `root` (after links), once by its real path. */
  file(path: string, root: string): void {
    if (!statOf(path)?.isFile()) return;
    const name = displayName(path, this.cwd);
    const real = realOf(path);
    if (!inside(root, real)) return this.skip(name, `a symbolic link to ${real}, outside the repository`, true);
    const first = this.seen.get(real);
    if (first !== undefined) return this.skip(name, `the same file as ${first}`);
    this.seen.set(real, name);
    this.files.push({ path, name, discovered: true });
  }

  /** Walks a folder; `chain` holds the real paths of the folders above it, to notice a link back up. */
  dir(path: string, chain: string[], root: string): void {
    const real = realOf(path);
    const name = displayName(path, this.cwd);
    if (chain.includes(real)) return this.skip(name, 'a symbolic link loop');
    if (chain.length > 0 && !inside(root, real)) return this.skip(name, `a symbolic link to ${real}, outside the repository`, true);
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw new InputError(`cannot read the folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: name });
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      const st = entry.isSymbolicLink() ? statOf(full) : undefined;
      if (entry.isSymbolicLink() && st === undefined) {
        if (YAML.test(entry.name)) this.skip(displayName(full, this.cwd), 'a symbolic link to nothing');
      } else if (entry.isDirectory() || st?.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) this.dir(full, [...chain, real], root);
      } else if (YAML.test(entry.name)) {
        if (entry.isFile() || st?.isFile()) this.file(full, root);
        else this.skip(displayName(full, this.cwd), 'not a regular file');
      }
    }
  }

  private skip(name: string, reason: string, unseen = false): void {
    this.skipped.push({ name, reason, ...(unseen ? { unseen } : {}) });
  }
}

/** How a file is named in reports: relative to cwd with forward slashes, or absolute when outside it. */
export function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

// The repository a discovery runs in: the nearest folder upward holding `.git`, else the working directory.
function repositoryRoot(cwd: string): string {
  for (let dir = realOf(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return realOf(cwd);
  }
}

function inside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
