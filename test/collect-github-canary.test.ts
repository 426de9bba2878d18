// Canary: the collector's credentials never reach the snapshot, warnings, errors or the ETag cache, faults or not.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fixtureOrg, fixtureTokens, startGithubSim, type GithubSim } from './sim/github/index.js';
import { collectFrom, testAppKeys, type CollectRun } from './sim/github/harness.js';

const CANARY = `ghp_CANARY${randomBytes(12).toString('hex')}`;
const keys = testAppKeys();
const KEY_BODY = keys.privateKey.split('\n')[1]!;
let sim: GithubSim;
let cacheDir: string;

beforeAll(async () => {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens({ [CANARY]: { kind: 'classic', login: 'canary', orgRole: 'owner', scopes: ['repo'] } }), app: { appId: 77, publicKeyPem: keys.publicKey, installationId: 61 } });
  cacheDir = await mkdtemp(join(tmpdir(), 'kiteguard-canary-'));
});
afterAll(async () => {
  await sim.close();
  await rm(cacheDir, { recursive: true, force: true });
});

async function everythingWritten(run: CollectRun): Promise<string> {
  const files = await readdir(cacheDir);
  const cached = await Promise.all(files.map((f) => readFile(join(cacheDir, f), 'utf8')));
  const err = run.error instanceof Error ? `${run.error.name} ${run.error.message} ${run.error.stack ?? ''}` : String(run.error ?? '');
  return [JSON.stringify(run.result ?? null), run.warnings.join('\n'), err, files.join('\n'), ...cached].join('\n');
}

test('the token is nowhere after a clean run, a faulty run and a failing run', async () => {
  const clean = await collectFrom(sim, { auth: { token: CANARY }, cacheDir });
  expect(clean.result?.incomplete).toEqual([]);
  expect(clean.result?.notCollectable).toEqual(['github.personal_access_tokens']);
  sim.faults.add({ path: '/orgs/acme', times: 1, fault: { kind: 'status', status: 502 } });
  sim.faults.add({ path: '/graphql', times: 1, fault: { kind: 'truncate' } });
  sim.faults.add({ path: '/orgs/acme/installations', fault: { kind: 'forbidden' } });
  sim.faults.add({ path: '/orgs/acme/repos', fault: { kind: 'secondary-rate-limit', retryAfter: 1 } });
  const faulty = await collectFrom(sim, { auth: { token: CANARY }, cacheDir });
  sim.faults.clear();
  sim.faults.add({ path: /.*/, fault: { kind: 'status', status: 500 } });
  const failing = await collectFrom(sim, { auth: { token: CANARY }, cacheDir });
  sim.faults.clear();
  expect(faulty.warnings.length).toBeGreaterThan(0);
  expect(failing.result?.snapshot.repositories.status).toBe('unavailable');
  expect((await readdir(cacheDir)).length).toBeGreaterThan(0);
  for (const run of [clean, faulty, failing]) expect(await everythingWritten(run)).not.toContain(CANARY);
  expect(sim.authorizations).toContain(`token ${CANARY}`);
});

test('a rejected token is not echoed either', async () => {
  const bad = `${CANARY}x`;
  const run = await collectFrom(sim, { auth: { token: bad }, cacheDir });
  expect(run.result?.snapshot.organization).toMatchObject({ http_status: 401 });
  expect(await everythingWritten(run)).not.toContain(CANARY);
});

test('a GitHub App private key and its minted tokens are nowhere', async () => {
  sim.authorizations.clear();
  const run = await collectFrom(sim, { auth: { appId: '77', privateKey: keys.privateKey, installationId: 61 }, cacheDir });
  const minted = [...sim.authorizations].filter((h) => h.includes('ghs_')).map((h) => h.split(' ')[1]!);
  expect(minted.length).toBeGreaterThan(0);
  const written = await everythingWritten(run);
  expect(written).not.toContain(KEY_BODY);
  for (const t of minted) expect(written).not.toContain(t);
});
