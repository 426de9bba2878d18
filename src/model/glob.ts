// A small path glob for waivers: `**` (any depth), `*` and `?` (within one segment),
// `[abc]` / `[!abc]` classes and `{a,b}` alternatives. Paths use forward slashes. Globs are matched by RE2
// (linear time, no backtracking), so no glob can make matching slow.
import { RE2JS } from 're2js';

/** A glob that cannot be compiled (an inverted range `[z-a]`, say); its message says why. */
export class GlobError extends Error {
  override name = 'GlobError';
}

/** Compiles a glob into a matcher of forward-slash paths (whole path); throws GlobError when the glob is invalid. */
export function compileGlob(glob: string): (path: string) => boolean {
  let re: RE2JS;
  try {
    re = RE2JS.compile(globToPattern(normalizePath(glob)));
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    throw new GlobError(`invalid glob ${JSON.stringify(glob)}: ${why}`);
  }
  return (path) => re.matches(normalizePath(path));
}

// The glob as an RE2 pattern over the whole path.
function globToPattern(glob: string): string {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && glob.indexOf(']', i + 2) > i) {
      const end = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      const chars = (negate ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      re += negate ? `[^/${chars}]` : `[${chars}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$|()[\]{}\\/]/g, '\\$&');
  }
  re += ')'.repeat(braces);
  return re;
}

/** A target path as globs see it: forward slashes, no leading `./`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** True when `path` matches `glob` (both normalized); throws GlobError when the glob is invalid. */
export function matchesGlob(path: string, glob: string): boolean {
  return compileGlob(glob)(path);
}
