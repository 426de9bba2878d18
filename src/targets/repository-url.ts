// Joins a Buildkite pipeline to its GitHub repository: the `owner/name` in a repository URL.

/** `owner/name` (lower-case) of a GitHub-style repository URL (https, ssh, git@host:), or undefined. */
export function repositoryFullName(url: string | null | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim().replace(/\.git$/, '').replace(/\/+$/, '');
  const scp = /^[\w.-]+@[\w.-]+:(?:\/)?([\w.-]+)\/([\w.-]+)$/.exec(trimmed);
  const web = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?[^/]+(?::\d+)?\/(?:.*\/)?([\w.-]+)\/([\w.-]+)$/.exec(trimmed);
  const m = scp ?? web;
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}
