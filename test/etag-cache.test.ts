// The ETag cache replays only what this caller stored: a changed, cut-short or foreign entry is dropped (and fetched
// again by the client), never replayed; entries are owner-only.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EtagCache } from '../src/collect/github/etag-cache.js';
import { identityHash } from '../src/collect/identity.js';

const URL = 'https://api.github.com/orgs/acme';
const ENTRY = { url: URL, etag: 'W/"abc"', link: null, body: { login: 'acme', two_factor_requirement_enabled: true } };

async function stored(): Promise<{ dir: string; file: string; cache: EtagCache }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'kiteguard-etag-')), 'cache');
  const cache = new EtagCache(dir, identityHash(['github', 'token-hash-1']));
  await cache.put(ENTRY);
  const [name] = readdirSync(dir);
  return { dir, file: join(dir, name!), cache };
}

describe('ETag cache', () => {
  it('replays what this caller stored', async () => {
    const { cache } = await stored();
    expect(await cache.get(URL)).toEqual(ENTRY);
  });

  it('drops an entry whose body was changed, even to a plausible value', async () => {
    const { file, cache } = await stored();
    writeFileSync(file, readFileSync(file, 'utf8').replace('"two_factor_requirement_enabled":true', '"two_factor_requirement_enabled":false'));
    expect(await cache.get(URL)).toBeUndefined();
  });

  it('drops a cut-short entry and one without a checksum', async () => {
    const { file, cache } = await stored();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    expect(await cache.get(URL)).toBeUndefined();
    writeFileSync(file, JSON.stringify(ENTRY));
    expect(await cache.get(URL)).toBeUndefined();
  });

  it('is not replayed for another caller, and is readable by its owner only', async () => {
    const { dir, file } = await stored();
    expect(await new EtagCache(dir, identityHash(['github', 'token-hash-2'])).get(URL)).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
