// The repository a pipeline file belongs to: its checkout's top folder, and the `origin` remote of the git repository holding it, read from
// the git config (no `git` process), so rules can tell the organization's own plugins from others'.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The `origin` URL of the git repository holding `path` (credentials removed), or undefined outside one. */
export function originUrlOf(path: string): string | undefined {
  const config = gitConfigOf(resolve(path));
  if (config === undefined) return undefined;
  const url = originIn(config);
  return url === undefined ? undefined : withoutCredentials(url);
}

/** The top folder of the git work tree holding `path`, or undefined outside one. */
export function checkoutRoot(path: string): string | undefined {
  let dir = isDirectory(path) ? path : dirname(path);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The git config file of the repository whose work tree holds `path`, following `.git` files of worktrees. */
function gitConfigOf(path: string): string | undefined {
  const root = checkoutRoot(path);
  return root === undefined ? undefined : configBeside(join(root, '.git'), root);
}

/** The config file a `.git` directory or `gitdir:` file leads to. */
function configBeside(dotGit: string, workTree: string): string | undefined {
  try {
    if (isDirectory(dotGit)) return readFileSync(join(dotGit, 'config'), 'utf8');
    const gitDir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (gitDir === undefined) return undefined;
    const dir = resolve(workTree, gitDir);
    const common = join(dir, 'commondir');
    const base = existsSync(common) ? resolve(dir, readFileSync(common, 'utf8').trim()) : dir;
    return readFileSync(join(base, 'config'), 'utf8');
  } catch {
    return undefined;
  }
}

/** The `url` of `[remote "origin"]` in a git config text. */
function originIn(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inOrigin = /^\[remote\s+"origin"\]$/.test(line);
    else if (inOrigin) {
      const m = /^url\s*=\s*(.+)$/.exec(line);
      if (m?.[1] !== undefined) return m[1].trim().replace(/^"|"$/g, '');
    }
  }
  return undefined;
}

/** A URL without `user:password@` (a token in a remote URL never reaches a rule or a report). */
function withoutCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/]*@/, '$1');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
