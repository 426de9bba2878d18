// An on-disk cache of REST responses keyed by URL and a hash of the caller's identity, for conditional requests.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One cached response: enough to replay it after a 304. */
export interface CachedResponse {
  url: string;
  etag: string;
  link: string | null;
  body: unknown;
}

/** ETag cache in a folder, or a no-op when no folder is given. Tokens never reach it: keys hash the identity. */
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
      const entry = JSON.parse(await readFile(file, 'utf8')) as CachedResponse;
      return entry.url === url && typeof entry.etag === 'string' ? entry : undefined;
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
    await writeFile(tmp, JSON.stringify(entry), { mode: 0o600 });
    await rename(tmp, file);
  }
}

/** A stable, non-reversible name for who is calling, so cache entries of different callers never mix. */
export function identityHash(parts: string[]): string {
  return createHash('sha256').update(`kiteguard-etag-v1\n${parts.join('\n')}`).digest('hex');
}
