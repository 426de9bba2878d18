// Options of the GitHub collector and the URLs they imply.
import { UsageError } from '../../errors.js';
import type { ResponseJournal } from '../journal/journal.js';

/** A token (classic, fine-grained, OAuth) or a GitHub App's credentials. */
export type GithubAuth = { token: string } | { appId: string; privateKey: string; installationId?: number };

/** What to collect from GitHub, and how. */
export interface CollectGithubOptions {
  org: string;
  auth: GithubAuth;
  /** REST base, default https://api.github.com; GraphQL is at `/graphql`, or `/api/graphql` when the base ends in `/api/v3` (GHES). */
  apiUrl?: string;
  /** `owner/name` of the only repositories to read (single-repository mode, for a CI gate). */
  repos?: string[];
  /** Folder for the ETag cache of REST responses; repeated sweeps then cost little. */
  cacheDir?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Keeps only repositories whose `owner/name` passes (for sharding a sweep). */
  repoFilter?: (fullName: string) => boolean;
  /** Milliseconds per second of `retry-after` and retry back-off (default 1000; tests shrink it). */
  retryUnitMs?: number;
  /** Minimum milliseconds between GraphQL requests, against GitHub's secondary limits (default 1000). */
  graphqlIntervalMs?: number;
  /** Completed responses of an interrupted run to replay, and where to keep this run's (`collect --resume`). */
  journal?: ResponseJournal;
}

/** The default REST base of github.com. */
export const DEFAULT_API_URL = 'https://api.github.com';

/** The REST base without a trailing slash, checked to be an http(s) URL. */
export function restBase(apiUrl: string | undefined): string {
  const base = (apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`GitHub API URL "${base}" is not a URL; expected e.g. https://api.github.com or https://ghe.example.com/api/v3`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`GitHub API URL "${base}" must use https (or http for a local server)`);
  return base;
}

/** Where GraphQL lives for a REST base: `/api/graphql` on GHES (`…/api/v3`), `/graphql` otherwise. */
export function graphqlUrl(base: string): string {
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : `${base}/graphql`;
}

/** Splits `owner/name`, or says what was expected. */
export function splitFullName(fullName: string): { owner: string; name: string } {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(fullName);
  if (!m) throw new UsageError(`repository "${fullName}" is not in owner/name form (e.g. acme/api)`);
  return { owner: m[1]!, name: m[2]! };
}
