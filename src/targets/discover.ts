// Finds the pipeline files `kiteguard check` looks at.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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

/** With no paths: `.buildkite/**` YAML and root `buildkite.yml` variants; else the named files and directories. */
export function discoverPipelineFiles(paths: string[], cwd: string): PipelineFile[] {
  if (paths.length === 0) {
    const found = ROOT_FILES.map((f) => join(cwd, f)).filter(isFile);
    const dir = join(cwd, '.buildkite');
    if (isDir(dir)) found.push(...walkYaml(dir));
    return found.map((path) => ({ path, name: displayName(path, cwd), discovered: true }));
  }
  const files: PipelineFile[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (isDir(abs)) {
      for (const f of walkYaml(abs)) files.push({ path: f, name: displayName(f, cwd), discovered: true });
    } else if (isFile(abs)) {
      files.push({ path: abs, name: displayName(abs, cwd), discovered: false });
    } else {
      throw new InputError('no such file or directory', { file: p });
    }
  }
  return files;
}

function walkYaml(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) out.push(...walkYaml(full));
    else if (entry.isFile() && YAML.test(entry.name)) out.push(full);
  }
  return out;
}

/** How a file is named in reports: relative to cwd with forward slashes, or absolute when outside it. */
export function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
