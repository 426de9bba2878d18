// An on-disk cache of REST responses keyed by URL and a hash of the caller's identity, for conditional requests.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sealMatches, sealOf } from '../identity.js';

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
      if (entry.url !== url || typeof entry.etag !== 'string' || !sealMatches(this.identityHash, macText(entry), entry.mac)) return undefined;
      return { url: entry.url, etag: entry.etag, link: entry.link, body: entry.body };
    } catch {
      return undefined;
    }
  }

  /** Stores a response that carried an ETag (written atomically). */
  async put(entry: CachedResponse): Promise<void> {
    const file = this.file(entry.url);
    if (!file || !this.dir) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const { url, etag, link, body } = entry;
    await writeFile(tmp, JSON.stringify({ url, etag, link, body, mac: sealOf(this.identityHash, macText(entry)) }), { mode: 0o600 });
    await rename(tmp, file);
  }
}

// What the HMAC covers: the URL, ETag, links and body of an entry.
function macText(entry: CachedResponse): string {
  return JSON.stringify([entry.url, entry.etag, entry.link ?? null, entry.body]);
}
