// The Buildkite client on its own: Link pagination, pacing from RateLimit-* headers, the real 429, errors that name the path only.
import { describe, expect, test } from 'vitest';
import { BuildkiteClient, parseNextLink } from '../src/collect/buildkite/client.js';
import { BuildkiteApiError } from '../src/collect/buildkite/errors.js';
import { TEAM_ACCESS_PAGE } from '../src/collect/buildkite/queries.js';
import { callerToken } from './sim/buildkite/estate.js';
import { generateEstate } from './sim/buildkite/generate.js';
import { fakeClock } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';
import { startBuildkiteSim, type SimOptions } from './sim/buildkite/server.js';

async function withClient<T>(sim: Omit<SimOptions, 'estate' | 'now'>, run: (c: BuildkiteClient, ctx: { clock: ReturnType<typeof fakeClock>; budgets: number[]; warnings: string[] }) => Promise<T>, restReserve?: number) {
  const estate = generateEstate({ pipelines: 250, teams: 2, seed: 11 });
  const clock = fakeClock();
  const server = await startBuildkiteSim({ estate, now: clock.now, ...sim });
  const budgets: number[] = [];
  const warnings: string[] = [];
  const client = new BuildkiteClient({
    token: callerToken(estate).token,
    apiUrl: server.apiUrl,
    graphqlUrl: server.graphqlUrl,
    sleep: clock.sleep,
    now: clock.now,
    timeoutMs: 500,
    concurrency: 1,
    restReserve,
    events: { progress() {}, budget: (_p, remaining) => budgets.push(remaining), warn: (_p, m) => warnings.push(m) },
  });
  try {
    return await run(client, { clock, budgets, warnings });
  } finally {
    await server.close();
  }
}

test('parseNextLink finds rel="next" among other relations', () => {
  expect(parseNextLink('<https://x/v2/a?page=3>; rel="last", <https://x/v2/a?page=2>; rel="next"')).toBe('https://x/v2/a?page=2');
  expect(parseNextLink('<https://x/v2/a?page=1>; rel="first"')).toBeUndefined();
  expect(parseNextLink(null)).toBeUndefined();
});

test('a pagination link to another origin is refused rather than sent the token', async () => {
  const seen: string[] = [];
  const fakeFetch: typeof fetch = async (input) => {
    seen.push(String(input));
    return new Response('[]', { status: 200, headers: { Link: '<https://evil.example/v2/x?page=2>; rel="next"' } });
  };
  const client = new BuildkiteClient({ token: 'bkua_secret', apiUrl: 'https://api.buildkite.com/v2', fetch: fakeFetch });
  await expect(client.list('/organizations/acme/pipelines')).rejects.toThrow(/another origin/);
  expect(seen).toEqual(['https://api.buildkite.com/v2/organizations/acme/pipelines?per_page=100']);
});

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('over HTTP', () => {
  test('list follows Link headers 100 at a time', async () => {
    await withClient({}, async (client) => {
      const items = await client.list<{ slug: string }>('/organizations/scale-org/pipelines');
      expect(items).toHaveLength(250);
      expect(client.stats.rest).toBe(3);
    });
  });

  test('pacing: when RateLimit-Remaining runs low the client waits for the reset instead of getting a 429', async () => {
    await withClient({ restLimit: 4, restWindowMs: 60_000 }, async (client, { clock, budgets, warnings }) => {
      for (let i = 0; i < 10; i++) await client.get('/organizations/scale-org');
      expect(client.stats.rest).toBe(10);
      expect(client.stats.retries).toBe(0);
      expect(clock.sleeps.length).toBeGreaterThanOrEqual(2);
      expect(clock.sleeps.every((ms) => ms > 0 && ms <= 60_000)).toBe(true);
      expect(Math.min(...budgets)).toBeLessThanOrEqual(1);
      expect(warnings.some((w) => /waiting \d+ s for the window to reset/.test(w))).toBe(true);
    });
  });

  test('without pacing headroom the simulator really answers 429 and the client waits RateLimit-Reset', async () => {
    await withClient({ restLimit: 3, restWindowMs: 30_000 }, async (client, { clock }) => {
      for (let i = 0; i < 5; i++) await client.get('/organizations/scale-org');
      expect(client.stats.retries).toBeGreaterThanOrEqual(1);
      expect(clock.sleeps.some((ms) => ms >= 29_000 && ms <= 30_000)).toBe(true);
    }, -1);
  });

  test('errors carry status and path, not the query string, URL or token', async () => {
    await withClient({}, async (client) => {
      const err = await client.get('/organizations/nope/pipelines?per_page=5').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BuildkiteApiError);
      const e = err as BuildkiteApiError;
      expect(e.status).toBe(404);
      expect(e.path).toBe('/organizations/nope/pipelines');
      expect(e.isAccessDenied).toBe(true);
      expect(e.message).not.toMatch(/127\.0\.0\.1|per_page|bkua_/);
    });
  });

  test('GraphQL counts queries and the complexity points the server reports', async () => {
    await withClient({}, async (client) => {
      const { data } = await client.graphql<{ organization: { slug: string } }>('Slug', 'query Slug($slug: ID!) { organization(slug: $slug) { slug } }', { slug: 'scale-org' });
      expect(data.organization.slug).toBe('scale-org');
      expect(client.stats.graphql).toBe(1);
      expect(client.stats.graphqlPoints).toBe(2);
    });
  });

  test('GraphQL pacing reserves points per operation: a large batch does not make a small query wait for the reset', async () => {
    const slug = 'query Slug($slug: ID!) { organization(slug: $slug) { slug } }';
    await withClient({ graphqlLimit: 600, graphqlWindowMs: 300_000 }, async (client, { clock, warnings }) => {
      await client.graphql('TeamAccessPage', TEAM_ACCESS_PAGE, { slug: 'scale-org' });
      const big = client.stats.graphqlPoints;
      // The batch fits the window once, and leaves less than itself but more than a small query's first estimate.
      expect(big).toBeGreaterThan(300);
      expect(big).toBeLessThan(540);
      for (let i = 0; i < 3; i++) await client.graphql('Slug', slug, { slug: 'scale-org' });
      expect(clock.sleeps).toEqual([]);
      expect(warnings).toEqual([]);
      await client.graphql('TeamAccessPage', TEAM_ACCESS_PAGE, { slug: 'scale-org' });
      expect(clock.sleeps).toHaveLength(1);
    });
  });

  test('a query that does not validate against the schema fails', async () => {
    await withClient({}, async (client) => {
      await expect(client.graphql('Bad', 'query Bad { organization(slug: "scale-org") { notAField } }')).rejects.toThrow(/notAField/);
    });
  });
});
