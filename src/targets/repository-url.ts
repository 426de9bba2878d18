// Joins a Buildkite pipeline to its GitHub repository: the host and `owner/name` of a repository URL.

/** Where a repository URL points: its host and `owner/name` (both lower-case). */
export interface RepositoryRef {
  host: string;
  fullName: string;
}

/** Parses a repository URL (https, ssh, git@host:owner/name), or undefined when it is not one. */
export function parseRepositoryUrl(url: string | null | undefined): RepositoryRef | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim().replace(/\.git$/, '').replace(/\/+$/, '');
  const scp = /^[\w.-]+@([\w.-]+):(?:\/)?([\w.-]+)\/([\w.-]+)$/.exec(trimmed);
  const web = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(?:.*\/)?([\w.-]+)\/([\w.-]+)$/.exec(trimmed);
  const m = scp ?? web;
  return m ? { host: m[1]!.toLowerCase(), fullName: `${m[2]}/${m[3]}`.toLowerCase() } : undefined;
}

/** `owner/name` (lower-case) of a repository URL on any host, or undefined. */
export function repositoryFullName(url: string | null | undefined): string | undefined {
  return parseRepositoryUrl(url)?.fullName;
}

/** The web host of a GitHub API base URL: github.com for api.github.com, the server's host for GitHub Enterprise. */
export function githubWebHost(apiUrl: string | undefined): string {
  if (!apiUrl) return 'github.com';
  try {
    const host = new URL(apiUrl).hostname.toLowerCase();
    return host === 'api.github.com' ? 'github.com' : host;
  } catch {
    return 'github.com';
  }
}
