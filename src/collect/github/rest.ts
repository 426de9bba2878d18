// REST reads with conditional requests: replay the cached body on 304, follow `Link` pagination.
import type { EtagCache } from './etag-cache.js';
import type { GithubClient } from './client.js';
import { mapLimit } from './limiter.js';

/** A REST body and its pagination link. */
export interface RestResult<T> {
  data: T;
  link: string | null;
}

/** GETs a path (with query), sending `If-None-Match` when the cache has it and replaying the cached body on 304. */
export async function cachedGet<T>(client: GithubClient, cache: EtagCache, path: string): Promise<RestResult<T>> {
  const cached = await cache.get(path);
  try {
    const res = await client.octokit.request({ method: 'GET', url: path, headers: cached ? { 'if-none-match': cached.etag } : {} });
    const link = typeof res.headers.link === 'string' ? res.headers.link : null;
    const etag = res.headers.etag;
    if (typeof etag === 'string') await cache.put({ url: path, etag, link, body: res.data });
    return { data: res.data as T, link };
  } catch (e) {
    if ((e as { status?: number }).status === 304 && cached) return { data: cached.body as T, link: cached.link };
    throw e;
  }
}

function pageFromLink(link: string | null, rel: 'next' | 'last'): number | undefined {
  const m = link && new RegExp(`<([^>]+)>;\\s*rel="${rel}"`).exec(link);
  const page = m ? new URL(m[1]!).searchParams.get('page') : null;
  return page ? Number(page) : undefined;
}

/** Every item of a paginated list (100 a page); pages after the first are fetched in parallel. Failed pages are returned, not thrown. */
export async function getAllPages<T>(client: GithubClient, cache: EtagCache, path: string, concurrency: number, unwrap: (body: unknown) => T[] = (b) => b as T[]): Promise<{ items: T[]; failures: unknown[] }> {
  const sep = path.includes('?') ? '&' : '?';
  const url = (page: number) => `${path}${sep}per_page=100${page > 1 ? `&page=${page}` : ''}`;
  const first = await cachedGet<unknown>(client, cache, url(1));
  const items = [...unwrap(first.data)];
  const failures: unknown[] = [];
  const last = pageFromLink(first.link, 'last');
  if (last !== undefined) {
    const pages = Array.from({ length: last - 1 }, (_, i) => i + 2);
    const results = await mapLimit(pages, concurrency, async (p) => {
      try {
        return unwrap((await cachedGet<unknown>(client, cache, url(p))).data);
      } catch (e) {
        failures.push(e);
        return [];
      }
    });
    for (const r of results) items.push(...r);
    return { items, failures };
  }
  let next = pageFromLink(first.link, 'next');
  while (next !== undefined) {
    const res = await cachedGet<unknown>(client, cache, url(next));
    items.push(...unwrap(res.data));
    next = pageFromLink(res.link, 'next');
  }
  return { items, failures };
}
