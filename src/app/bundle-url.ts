// A policy bundle given as an https URL: fetched once into a per-user cache (folder 0700, files 0600) and kept by
// its SHA-256; later runs revalidate it with If-None-Match, and run from the cache when the server cannot be
// reached. The cached file is only ever a candidate: it is verified on every use like a local bundle.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileSafely } from '../files.js';
import { checkUrl } from '../url.js';

/** Largest bundle kiteguard downloads. */
const MAX_BYTES = 64 << 20;
/** How long a fetch may take before the server counts as unreachable. */
const TIMEOUT_MS = 30_000;

/** Whether a `--bundle` / `bundle:` value is a URL rather than a path. */
export const isBundleUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** The per-user cache folder: KITEGUARD_CACHE_DIR, else $XDG_CACHE_HOME/kiteguard, else ~/.cache/kiteguard. */
export function cacheRoot(env: Record<string, string | undefined>): string {
  return env['KITEGUARD_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache'), 'kiteguard');
}

interface IndexEntry {
  url: string;
  etag?: string;
  digest: string;
  fetched: string;
}

/**
 * The local file of the bundle at `url`: fetched (or revalidated) into the cache; when the server cannot be
 * reached, the cached copy with a notice through `warn`. Any other failure is an InputError naming the URL.
 */
export async function fetchBundle(value: string, env: Record<string, string | undefined>, warn: (line: string) => void): Promise<string> {
  const url = checkUrl(value, '--bundle', 'https://policy.example.com/org.bundle.tar.gz');
  const { hostname, protocol } = new URL(url);
  if (protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) throw new UsageError(`--bundle ${url}: fetch bundles over https`);
  const dir = privateDir(join(cacheRoot(env), 'bundles'));
  const key = createHash('sha256').update(url).digest('hex');
  const indexFile = join(dir, `${key}.json`);
  const cached = readIndex(indexFile, url, dir);
  const blob = (digest: string) => join(dir, `sha256-${digest}.tar.gz`);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    if (!cached) throw new InputError(`cannot fetch the policy bundle (${reason}) and no copy of it is cached`, { file: url });
    warn(`kiteguard: ${url} is unreachable (${reason}); using the copy cached ${cached.fetched}, verified as usual\n`);
    return blob(cached.digest);
  }
  if (response.status === 304 && cached) return blob(cached.digest);
  if (response.status >= 500 && cached) {
    warn(`kiteguard: ${url} answered HTTP ${response.status}; using the copy cached ${cached.fetched}, verified as usual\n`);
    return blob(cached.digest);
  }
  if (response.status !== 200) throw new InputError(`cannot fetch the policy bundle: HTTP ${response.status}`, { file: url });
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new InputError(`the policy bundle is larger than ${MAX_BYTES >> 20} MiB`, { file: url });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new InputError(`the policy bundle is larger than ${MAX_BYTES >> 20} MiB`, { file: url });
  const digest = createHash('sha256').update(bytes).digest('hex');
  writeFileSafely(blob(digest), bytes, PRIVATE_FILE_MODE);
  const etag = response.headers.get('etag');
  const entry: IndexEntry = { url, digest, fetched: new Date().toISOString(), ...(etag ? { etag } : {}) };
  writeFileSafely(indexFile, JSON.stringify(entry) + '\n', PRIVATE_FILE_MODE);
  if (cached && cached.digest !== digest) removeQuietly(blob(cached.digest));
  return blob(digest);
}

/** The cache folder, made owner-only; a symbolic link in its place is refused. */
function privateDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (lstatSync(dir).isSymbolicLink()) throw new InputError('the bundle cache folder is a symbolic link; remove it', { file: dir });
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot use the bundle cache folder (${(err as NodeJS.ErrnoException).code ?? 'error'}); set KITEGUARD_CACHE_DIR`, { file: dir });
  }
  return dir;
}

/** The cache entry of `url` when it and its file are whole; anything else counts as not cached. */
function readIndex(file: string, url: string, dir: string): IndexEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as IndexEntry;
    if (entry.url !== url || !/^[0-9a-f]{64}$/.test(entry.digest) || !existsSync(join(dir, `sha256-${entry.digest}.tar.gz`))) return undefined;
    const bytes = readFileSync(join(dir, `sha256-${entry.digest}.tar.gz`));
    if (createHash('sha256').update(bytes).digest('hex') !== entry.digest) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
