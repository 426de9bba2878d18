// The simulator itself stays honest: REST shapes match GitHub's OpenAPI, GraphQL obeys the real schema and GitHub's limits.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, validateResponse, type GithubSim } from './sim/github/index.js';
import { testAppKeys } from './sim/github/harness.js';
import { createSign } from 'node:crypto';

const keys = testAppKeys();
let sim: GithubSim;

beforeAll(async () => {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), app: { appId: 9, publicKeyPem: keys.publicKey, installationId: 61 } });
});
afterAll(() => sim.close());

async function get(path: string, token: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `token ${token}`, ...headers } });
  return { status: res.status, headers: res.headers, body: res.status === 304 ? undefined : ((await res.json()) as unknown) };
}

function jwt(appId: number): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iat: now - 30, exp: now + 300, iss: appId })}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(keys.privateKey, 'base64url')}`;
}

const ENDPOINTS = ['/orgs/acme', '/orgs/acme/repos?per_page=2&page=2', '/repos/acme/api', '/repos/acme/web', '/orgs/acme/installations', '/repos/acme/api/branches/main/protection', '/repos/acme/api/rules/branches/main', '/rate_limit'];

describe('every REST endpoint validates against @octokit/openapi', () => {
  test.each(ENDPOINTS.flatMap((p) => [[p, 'owner'] as const, [p, 'member'] as const]))('%s as %s', async (path, who) => {
    const res = await get(path, who === 'owner' ? TOKENS.owner : TOKENS.member);
    expect(res.status === 200 || res.status === 403 || res.status === 404).toBe(true);
    if (res.status === 200) expect(validateResponse('GET', path.split('?')[0]!, 200, res.body)).toEqual([]);
  });

  test('PAT grants and token minting (GitHub App only)', async () => {
    const minted = await fetch(`${sim.url}/app/installations/61/access_tokens`, { method: 'POST', headers: { authorization: `bearer ${jwt(9)}` } });
    const body = (await minted.json()) as { token: string };
    expect(minted.status).toBe(201);
    expect(validateResponse('POST', '/app/installations/61/access_tokens', 201, body)).toEqual([]);
    const grants = await get('/orgs/acme/personal-access-tokens', body.token);
    expect(grants.status).toBe(200);
    expect(validateResponse('GET', '/orgs/acme/personal-access-tokens', 200, grants.body)).toEqual([]);
    expect((await get('/orgs/acme/personal-access-tokens', TOKENS.owner)).status).toBe(403);
  });

  test('the validator rejects a body that drifted from GitHub’s shape', async () => {
    const res = await get('/orgs/acme', TOKENS.owner);
    const drifted = { ...(res.body as object), login: 42 };
    expect(validateResponse('GET', '/orgs/acme', 200, drifted).join('\n')).toContain('/login must be string');
  });
});

describe('REST semantics', () => {
  test('branch protection: "not protected" and "not an admin" are both 404', async () => {
    expect((await get('/repos/acme/web/branches/main/protection', TOKENS.owner)).status).toBe(404);
    expect((await get('/repos/acme/api/branches/main/protection', TOKENS.member)).status).toBe(404);
    expect((await get('/repos/acme/api/branches/main/protection', TOKENS.owner)).status).toBe(200);
  });

  test('security_and_analysis only for admins; X-OAuth-Scopes for classic tokens only', async () => {
    const owner = await get('/repos/acme/api', TOKENS.owner);
    expect(owner.body).toHaveProperty('security_and_analysis');
    expect(owner.headers.get('x-oauth-scopes')).toBe('read:org, repo');
    expect(await get('/repos/acme/api', TOKENS.member).then((r) => r.body)).not.toHaveProperty('security_and_analysis');
    expect((await get('/repos/acme/api', TOKENS.fineGrained)).headers.get('x-oauth-scopes')).toBeNull();
  });

  test('ETag + If-None-Match gives a 304 that does not count against the rate limit', async () => {
    const first = await get('/orgs/acme', TOKENS.fineGrained);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await get('/orgs/acme', TOKENS.fineGrained, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
  });

  test('a per-token rate limit answers 403 with x-ratelimit-remaining 0 once spent', async () => {
    const tight = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), restLimit: 2 });
    try {
      const call = () => fetch(`${tight.url}/orgs/acme`, { headers: { authorization: `token ${TOKENS.owner}` } });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const spent = await call();
      expect(spent.status).toBe(403);
      expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await tight.close();
    }
  });
});

describe('GraphQL against the real schema', () => {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${sim.url}/graphql`, { method: 'POST', headers: { authorization: `bearer ${TOKENS.owner}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: unknown; errors?: { message: string; type?: string }[] };
  };

  test('a field GitHub does not have fails validation', async () => {
    const res = await gql('query { organization(login: "acme") { branchProtectionPolicies { pattern } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "branchProtectionPolicies" on type "Organization"/);
  });

  test('connections need first or last, at most 100', async () => {
    expect((await gql('query { organization(login: "acme") { teams { totalCount } } }')).errors?.[0]?.type).toBe('MISSING_PAGINATION_BOUNDARIES');
    expect((await gql('query { organization(login: "acme") { teams(first: 101) { totalCount } } }')).errors?.[0]?.type).toBe('EXCESSIVE_PAGINATION');
  });

  test('more than 500,000 nodes is refused; cost follows the page sizes', async () => {
    const huge = await gql('query { organization(login: "acme") { repositories(first: 100) { nodes { rulesets(first: 100) { nodes { rules(first: 100) { totalCount } } } } } } }');
    expect(huge.errors?.[0]?.type).toBe('MAX_NODE_LIMIT_EXCEEDED');
    const priced = (await gql('query { rateLimit { cost nodeCount } organization(login: "acme") { repositories(first: 100) { nodes { rulesets(first: 10) { nodes { rules(first: 30) { totalCount } } } } } } }')) as { data: { rateLimit: { cost: number; nodeCount: number } } };
    expect(priced.data.rateLimit).toEqual({ cost: 11, nodeCount: 100 + 1000 + 30000 });
  });

  test('cursor pagination walks every repository once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = (await gql('query($after: String) { organization(login: "acme") { repositories(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } } }', { after })) as { data: { organization: { repositories: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] } } } };
      const conn = res.data.organization.repositories;
      seen.push(...conn.nodes.map((n) => n.name));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['api', 'web', 'infra', 'legacy', 'docs']);
  });
});
