// API budget over a generated organization: pagination is complete, and calls stay within the per-1,000-repository goals.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GithubCollection } from '../src/collect/github/index.js';
import { fixtureTokens, generateOrg, startGithubSim, TOKENS, type GithubSim, type SimStats } from './sim/github/index.js';
import { mustCollect } from './sim/github/harness.js';

const REPOS = 500;
const TEAMS = 10;
const org = generateOrg({ repos: REPOS, teams: TEAMS, seed: 7 });
let sim: GithubSim;
let cacheDir: string;
let first: GithubCollection;
let firstCalls: SimStats;

beforeAll(async () => {
  sim = await startGithubSim({ org, tokens: fixtureTokens() });
  cacheDir = await mkdtemp(join(tmpdir(), 'kiteguard-etag-'));
  first = await mustCollect(sim, { auth: { token: TOKENS.owner }, cacheDir, concurrency: 8 });
  firstCalls = structuredClone(sim.stats);
});
afterAll(async () => {
  await sim.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe('pagination', () => {
  test('every repository, team permission and collaborator is read', () => {
    const repos = first.snapshot.repositories.status === 'ok' ? first.snapshot.repositories.data : [];
    expect(repos.map((r) => r.full_name)).toEqual(org.repos.map((r) => `acme/${r.name}`));
    const expectedTeams = (name: string) => org.teams.flatMap((t) => t.repos.filter((r) => r.name === name).map((r) => ({ slug: t.slug, permission: r.permission })));
    for (const [i, r] of repos.entries()) {
      const model = org.repos[i]!;
      expect(r.teams).toEqual({ status: 'ok', data: expectedTeams(model.name) });
      expect(r.collaborators).toEqual({ status: 'ok', data: model.collaborators });
    }
    expect(org.repos.some((r) => r.collaborators.length > 20)).toBe(true);
    expect(first.incomplete).toEqual([]);
  });
});

describe('API budget (counted by the simulator)', () => {
  test('full run: at most 15 GraphQL queries per 1,000 repositories; REST is the org list (100 a page) plus org settings and installations', () => {
    expect(firstCalls.graphql).toBeLessThanOrEqual((15 * REPOS) / 1000);
    expect(firstCalls.rest).toBe(Math.ceil(REPOS / 100) + 2);
    expect(firstCalls.rest).toBeLessThanOrEqual(10 * Math.ceil(REPOS / 1000));
    expect(first.stats.graphql).toBe(firstCalls.graphql);
    expect(first.stats.rest).toBe(firstCalls.rest);
    expect(first.stats.graphqlPoints).toBe(firstCalls.graphqlPoints);
  });

  test('second run with the ETag cache: the same snapshot, and REST calls counted against the limit are at most 10 % of the first run', async () => {
    sim.resetStats();
    const second = await mustCollect(sim, { auth: { token: TOKENS.owner }, cacheDir });
    expect(second.snapshot).toEqual(first.snapshot);
    expect(sim.stats.restCounted).toBeLessThanOrEqual(0.1 * firstCalls.restCounted);
    expect(sim.stats.notModified).toBe(firstCalls.rest);
    expect(second.stats.restNotModified).toBe(firstCalls.rest);
  });

  test('another identity does not reuse the cache entries', async () => {
    sim.resetStats();
    await mustCollect(sim, { auth: { token: TOKENS.fineGrained }, cacheDir });
    expect(sim.stats.notModified).toBe(0);
  });

  test('single-repository mode (CI gate): at most 3 API calls', async () => {
    sim.resetStats();
    const run = await mustCollect(sim, { auth: { token: TOKENS.owner }, repos: ['acme/svc-00042'] });
    expect(sim.stats.rest + sim.stats.graphql).toBeLessThanOrEqual(3);
    const fromOrgRun = first.snapshot.repositories.status === 'ok' ? first.snapshot.repositories.data.find((r) => r.full_name === 'acme/svc-00042') : undefined;
    expect(run.snapshot.repositories).toEqual({ status: 'ok', data: [fromOrgRun] });
    expect(run.snapshot.mode).toBe('repositories');
    expect(run.incomplete).toEqual([]);
  });

  test('single-repository mode names a repository that does not exist', async () => {
    const run = await mustCollect(sim, { auth: { token: TOKENS.owner }, repos: ['acme/nope'] });
    const entry = run.snapshot.repositories.status === 'ok' ? run.snapshot.repositories.data[0] : undefined;
    expect(entry?.repository).toMatchObject({ status: 'unavailable', reason: expect.stringContaining("Could not resolve to a Repository with the name 'acme/nope'") });
    expect(run.incomplete).toContain('github.repositories[acme/nope].repository');
  });

  test('repoFilter keeps a shard of the organization', async () => {
    const run = await mustCollect(sim, { auth: { token: TOKENS.owner }, repoFilter: (n) => n.endsWith('7') });
    const names = run.snapshot.repositories.status === 'ok' ? run.snapshot.repositories.data.map((r) => r.full_name) : [];
    expect(names).toHaveLength(REPOS / 10);
    expect(names.every((n) => n.endsWith('7'))).toBe(true);
  });
});
