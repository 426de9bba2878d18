// What SARIF for GitHub code scanning needs from the files a report points at: their paths from the repository
// root, and GitHub's line hash of the line a finding is on (read once per file; a file that cannot be read gets none).
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { lineHashes } from '../report/line-hash.js';
import { checkoutRoot } from '../targets/git-remote.js';

/** The folder SARIF URIs are relative to: the one given, else the git checkout holding cwd, else cwd. */
export function sarifRoot(cwd: string, given?: string): string {
  return given !== undefined ? resolve(cwd, given) : (checkoutRoot(cwd) ?? cwd);
}

/** A report file (relative to cwd, or absolute) as a path from `root`; undefined outside it or for a name that is no file. */
export function relativeTo(root: string, cwd: string): (file: string) => string | undefined {
  return (file) => {
    if (file.startsWith('<') || /^[a-z]+:/i.test(file)) return undefined;
    const rel = relative(root, resolve(cwd, file));
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };
}

/** GitHub's line hash of `file:line`, reading each file once; undefined when the file cannot be read. */
export function lineHashReader(cwd: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, Map<number, string> | undefined>();
  return (file, line) => {
    if (!cache.has(file)) {
      let hashes: Map<number, string> | undefined;
      try {
        hashes = lineHashes(readFileSync(resolve(cwd, file), 'utf8'));
      } catch {
        hashes = undefined;
      }
      cache.set(file, hashes);
    }
    return cache.get(file)?.get(line);
  };
}
