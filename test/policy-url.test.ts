// `--bundle https://…`: fetched from a loopback HTTP server into a per-user cache (0700 folder, 0600 files) named
// by digest, revalidated with If-None-Match, used from the cache with a notice when the server cannot be reached,
// and verified on every use; URLs with credentials are refused without echoing them.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecKeyFiles, OPA, ROOT, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-url-'));
const cache = join(work, 'cache');
const { key: KEY, pub: PUB } = ecKeyFiles(work);
const BUNDLE = join(work, 'org.tar.gz');
const PIPELINE = join(ROOT, 'examples/org-policy/example-pipeline.yml');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let mode: 'serve' | 'drop' | 'fail' | 'missing' = 'serve';
const seen: { ifNoneMatch: string | undefined; status: number }[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  const r = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', BUNDLE, '--signing-key', KEY, '--opa', OPA]);
  expect(r.code, r.stderr).toBe(0);
  const body = readFileSync(BUNDLE);
  const etag = `"${sha(body).slice(0, 16)}"`;
  server = createServer((req, res) => {
    if (mode === 'drop') return req.socket.destroy();
    const status = mode === 'fail' ? 503 : mode === 'missing' || req.url !== '/org.tar.gz' ? 404 : req.headers['if-none-match'] === etag ? 304 : 200;
    seen.push({ ifNoneMatch: req.headers['if-none-match'], status });
    res.writeHead(status, status === 200 || status === 304 ? { etag } : {});
    res.end(status === 200 ? body : undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  server.close();
  rmSync(work, { recursive: true, force: true });
});

const check = (url: string) => runCli(['check', PIPELINE, '--format', 'json', '--bundle', url, '--verification-key', PUB], { cwd: work, env: { KITEGUARD_CACHE_DIR: cache } });
const rulesOf = (stdout: string) => new Set((JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId));
const blobs = () => readdirSync(join(cache, 'bundles')).filter((n) => n.endsWith('.tar.gz'));

describe('a bundle given as a URL', () => {
  it('is fetched once into an owner-only cache, named by its digest, and used', async () => {
    const r = await check(`${base}/org.tar.gz`);
    expect(r.code, r.stderr).toBe(1);
    expect(rulesOf(r.stdout).has('acme/deploy_queue')).toBe(true);
    expect(seen).toEqual([{ ifNoneMatch: undefined, status: 200 }]);
    expect(blobs()).toEqual([`sha256-${sha(readFileSync(BUNDLE))}.tar.gz`]);
    expect(statSync(join(cache, 'bundles')).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(join(cache, 'bundles'))) expect(statSync(join(cache, 'bundles', name)).mode & 0o777).toBe(0o600);
  });

  it('is revalidated with If-None-Match on the next run (304, not downloaded again)', async () => {
    const r = await check(`${base}/org.tar.gz`);
    expect(r.code, r.stderr).toBe(1);
    expect(seen.at(-1)).toEqual({ ifNoneMatch: expect.stringMatching(/^"[0-9a-f]{16}"$/), status: 304 });
    expect(r.stderr).toBe('');
  });

  it.each([
    ['drop', 'is unreachable'],
    ['fail', 'answered HTTP 503'],
  ] as const)('runs from the cache, saying so on stderr, when the server cannot serve it (%s)', async (how, notice) => {
    mode = how;
    try {
      const r = await check(`${base}/org.tar.gz`);
      expect(r.code, r.stderr).toBe(1);
      expect(rulesOf(r.stdout).has('acme/deploy_queue')).toBe(true);
      expect(r.stderr).toContain(`${base}/org.tar.gz ${notice}`);
      expect(r.stderr).toContain('using the copy cached');
    } finally {
      mode = 'serve';
    }
  });

  it('verifies the cached copy on every use: a changed one is refused, naming the URL', async () => {
    const [name] = blobs();
    const dir = join(cache, 'bundles');
    const tar = gunzipSync(readFileSync(join(dir, name!)));
    const at = tar.indexOf(Buffer.from('"severity":"high"'));
    expect(at).toBeGreaterThan(0);
    tar.write('"severity":"low" ', at);
    const changed = gzipSync(tar);
    const index = readdirSync(dir).find((n) => n.endsWith('.json'))!;
    const entry = JSON.parse(readFileSync(join(dir, index), 'utf8')) as { digest: string };
    renameSync(join(dir, name!), join(dir, `sha256-${sha(changed)}.tar.gz`));
    writeFileSync(join(dir, `sha256-${sha(changed)}.tar.gz`), changed);
    writeFileSync(join(dir, index), JSON.stringify({ ...entry, digest: sha(changed) }));
    mode = 'drop';
    try {
      const r = await check(`${base}/org.tar.gz`);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${base}/org.tar.gz: policy bundle rejected: "data.json" does not match its signed digest`);
    } finally {
      mode = 'serve';
    }
  });

  it('refuses a missing bundle, and an unreachable one never cached, with exit 2', async () => {
    mode = 'missing';
    const missing = await check(`${base}/org.tar.gz`);
    mode = 'drop';
    const never = await check(`${base}/other.tar.gz`);
    mode = 'serve';
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${base}/org.tar.gz: cannot fetch the policy bundle: HTTP 404`);
    expect(never.code).toBe(2);
    expect(never.stderr).toContain('no copy of it is cached');
  });

  it('refuses credentials in the URL without printing them, and plain http off the loopback', async () => {
    const withToken = await check('https://ci:s3cr3t-token@policy.example.com/org.tar.gz');
    expect(withToken.code).toBe(2);
    expect(withToken.stderr).toContain('the URL carries credentials');
    expect(withToken.stderr).not.toContain('s3cr3t');
    const plain = await check('http://policy.example.com/org.tar.gz');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('fetch bundles over https');
  });
});
