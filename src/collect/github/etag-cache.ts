// An on-disk cache of REST responses keyed by URL and a hash of the caller's identity, for conditional requests.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One cached response: enough to replay it after a 304. */
export interface CachedResponse {
  url: string;
  etag: string;
  link: string | null;
  body: unknown;
}

/**
 * ETag cache in a folder, or a no-op when no folder is given. Tokens never reach it: keys hash the identity.
 * Each entry carries an HMAC of its URL, ETag, links and body keyed by the caller's identity hash (never stored),
 * so an entry that was changed, cut short or written by someone else is dropped and fetched again, never replayed.
 */
export class EtagCache {
  constructor(
    private readonly dir: string | undefined,
    private readonly identityHash: string,
  ) {}

  private file(url: string): string | undefined {
    if (!this.dir) return undefined;
    const key = createHash('sha256').update(this.identityHash).update('\n').update(url).digest('hex');
    return join(this.dir, `${key}.json`);
  }

  /** The cached response for a URL, if any and readable. */
  async get(url: string): Promise<CachedResponse | undefined> {
    const file = this.file(url);
    if (!file) return undefined;
    try {
      const entry = JSON.parse(await readFile(file, 'utf8')) as CachedResponse & { mac?: unknown };
      if (entry.url !== url || typeof entry.etag !== 'string' || typeof entry.mac !== 'string') return undefined;
      const expected = Buffer.from(this.mac(entry), 'hex');
      const given = Buffer.from(entry.mac, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return { url: entry.url, etag: entry.etag, link: entry.link, body: entry.body };
    } catch {
      return undefined;
    }
  }

  // What proves an entry is the one this caller stored: an HMAC keyed by the identity hash.
  private mac(entry: CachedResponse): string {
    return createHmac('sha256', this.identityHash)
      .update(JSON.stringify([entry.url, entry.etag, entry.link ?? null, entry.body]))
      .digest('hex');
  }

  /** Stores a response that carried an ETag (written atomically). */
  async put(entry: CachedResponse): Promise<void> {
    const file = this.file(entry.url);
    if (!file || !this.dir) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const { url, etag, link, body } = entry;
    await writeFile(tmp, JSON.stringify({ url, etag, link, body, mac: this.mac(entry) }), { mode: 0o600 });
    await rename(tmp, file);
  }
}

/** A stable, non-reversible name for who is calling, so cache entries of different callers never mix. */
export function identityHash(parts: string[]): string {
  return createHash('sha256').update(`kiteguard-etag-v1\n${parts.join('\n')}`).digest('hex');
}
