// The GitHub collector on the fixture organization: values land where policies look for them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GithubSnapshot, RepositoryEntry } from '../src/collect/github/index.js';
import { graphqlUrl } from '../src/collect/github/index.js';
import type { ReadFile } from '../src/snapshot/github.js';
import type { Section } from '../src/snapshot/section.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';
import { mustCollect, testAppKeys } from './sim/github/harness.js';

const keys = testAppKeys();
let sim: GithubSim;

beforeAll(async () => {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), validate: true, app: { appId: 4242, publicKeyPem: keys.publicKey, installationId: 61 } });
});
afterAll(() => sim.close());

function data<T>(s: Section<T>): T {
  if (s.status !== 'ok') throw new Error(`expected data, got unavailable: ${s.reason}`);
  return s.data;
}

function repo(snapshot: GithubSnapshot, name: string): RepositoryEntry {
  const entry = data(snapshot.repositories).find((r) => r.full_name === `acme/${name}`);
  if (!entry) throw new Error(`no entry for acme/${name}`);
  return entry;
}

describe('as an organization owner (classic token)', () => {
  let snap: GithubSnapshot;
  let incomplete: string[];
  beforeAll(async () => {
    const run = await mustCollect(sim, { auth: { token: TOKENS.owner } });
    snap = run.snapshot;
    incomplete = run.incomplete;
  });

  test('org settings, 2FA, token and installations', () => {
    expect(data(snap.organization).login).toBe('acme');
    expect(data(snap.two_factor_requirement)).toEqual({ enabled: false });
    expect(data(snap.token)).toEqual({ kind: 'classic', scopes: ['read:org', 'repo'], expires_at: '2030-01-01 00:00:00 UTC' });
    expect(data(snap.installations).map((i) => i.app_slug)).toEqual(['buildkite', 'deploy-bot']);
    expect(snap.personal_access_tokens).toMatchObject({ status: 'unavailable', needs: expect.stringContaining('GitHub App') });
    expect(incomplete).toEqual([]);
  });

  test('protection, rulesets with bypass actors, and the default branch rules of a well-protected repository', () => {
    const api = repo(snap, 'api');
    expect(data(api.branch_protection_rules)[0]).toMatchObject({ pattern: 'main', requiredApprovingReviewCount: 2, requiresCommitSignatures: true, isAdminEnforced: true, requiredStatusCheckContexts: ['buildkite/api'] });
    const rulesets = data(api.rulesets);
    expect(rulesets.map((r) => r.name)).toEqual(['main-guard', 'org-baseline']);
    expect(data(rulesets[0]!.bypassActors).map((a) => [a.bypassMode, a.actor?.slug ?? (a.organizationAdmin ? 'org-admin' : null)])).toEqual([
      ['PULL_REQUEST', 'platform'],
      ['ALWAYS', 'org-admin'],
    ]);
    const rules = data(api.default_branch_rules);
    expect(rules.branch).toBe('main');
    expect(rules.refUpdateRule).toMatchObject({ requiresSignatures: true, requiredApprovingReviewCount: 2 });
    expect(rules.rules.map((r) => `${r.type}@${r.ruleset?.source}`)).toEqual(['NON_FAST_FORWARD@acme/api', 'REQUIRED_SIGNATURES@acme/api', 'PULL_REQUEST@acme', 'DELETION@acme']);
    expect(data(api.security_and_analysis).secret_scanning_push_protection).toEqual({ status: 'enabled' });
    expect(data(api.teams)).toEqual([
      { slug: 'platform', permission: 'ADMIN' },
      { slug: 'developers', permission: 'WRITE' },
      { slug: 'security', permission: 'READ' },
    ]);
    expect(data(api.collaborators)).toEqual([{ login: 'alice', permission: 'ADMIN' }]);
    expect(data(api.pipeline_files).map((f) => f.path)).toEqual(['.buildkite/deploy.yml', '.buildkite/pipeline.yml']);
    expect(data(api.pipeline_files)[1]).toMatchObject({ text: expect.stringContaining('make test') });
  });

  test('"not protected" and "off" read as data, not as unavailable', () => {
    const web = repo(snap, 'web');
    expect(web.branch_protection_rules).toEqual({ status: 'ok', data: [] });
    expect(data(web.default_branch_rules).refUpdateRule).toBeNull();
    expect(data(web.security_and_analysis).secret_scanning).toEqual({ status: 'disabled' });
    expect(data(web.pipeline_files)).toEqual([{ path: 'buildkite.yml', text: 'steps:\n  - command: npm test\n', truncated: false, byte_size: 29 }]);
  });

  test('large, nested and archived cases', () => {
    const big = data(repo(snap, 'infra').pipeline_files)[0] as ReadFile;
    expect(big.truncated).toBe(true);
    expect(big.byte_size).toBeGreaterThan(Buffer.byteLength(big.text ?? ''));
    expect(data(repo(snap, 'docs').pipeline_files).map((f) => f.path)).toEqual(['.buildkite.yml', '.buildkite/pipelines/release.yml']);
    const legacy = repo(snap, 'legacy');
    expect(data(legacy.repository)).toMatchObject({ isArchived: true, defaultBranch: 'master', visibility: 'PRIVATE' });
    expect(data(legacy.default_branch_rules).rules).toEqual([]);
    expect(data(snap.org_rulesets).map((r) => r.name)).toEqual(['org-baseline']);
  });

  test('every REST response the simulator served matched GitHub OpenAPI', () => {
    expect(sim.violations).toEqual([]);
  });
});

describe('as a member with write on web only', () => {
  let snap: GithubSnapshot;
  let incomplete: string[];
  beforeAll(async () => {
    const run = await mustCollect(sim, { auth: { token: TOKENS.member } });
    snap = run.snapshot;
    incomplete = run.incomplete;
  });

  test('branch protection is "not visible", apart from the non-admin view of the default branch', () => {
    const api = repo(snap, 'api');
    expect(api.branch_protection_rules).toMatchObject({ status: 'unavailable', needs: 'admin permission on the repository' });
    expect(data(api.default_branch_rules).refUpdateRule).toMatchObject({ requiresSignatures: true });
    expect(data(api.rulesets)[0]!.bypassActors).toMatchObject({ status: 'unavailable' });
  });

  test('security_and_analysis is "not visible" (admin only), never "off"', () => {
    for (const name of ['api', 'web', 'infra']) expect(repo(snap, name).security_and_analysis).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('admins only') });
    expect(snap.two_factor_requirement).toMatchObject({ status: 'unavailable', needs: expect.stringContaining('owner') });
  });

  test('collaborators need push access; installations need an owner', () => {
    expect(repo(snap, 'api').collaborators).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('push access') });
    expect(data(repo(snap, 'web').collaborators)).toEqual([{ login: 'mallory', permission: 'WRITE' }]);
    expect(snap.installations).toMatchObject({ status: 'unavailable', http_status: 403 });
  });

  test('incomplete lists every unavailable part, collapsing the ones missing everywhere', () => {
    expect(incomplete).toEqual(
      expect.arrayContaining([
        'github.two_factor_requirement',
        'github.installations',
        'github.repositories[*].branch_protection_rules',
        'github.repositories[*].security_and_analysis',
        'github.repositories[acme/api].collaborators',
        'github.repositories[acme/api].rulesets["main-guard"].bypassActors',
      ]),
    );
    expect(incomplete).not.toContain('github.repositories[acme/web].collaborators');
  });
});

test('a fine-grained token reports no scopes and its expiry', async () => {
  const { snapshot } = await mustCollect(sim, { auth: { token: TOKENS.fineGrained } });
  expect(data(snapshot.token)).toEqual({ kind: 'fine-grained', scopes: null, expires_at: '2029-06-30 12:00:00 UTC' });
});

test('GitHub App auth mints an installation token and unlocks PAT grants', async () => {
  sim.authorizations.clear();
  const { snapshot, incomplete } = await mustCollect(sim, { auth: { appId: '4242', privateKey: keys.privateKey, installationId: 61 } });
  expect(data(snapshot.token)).toMatchObject({ kind: 'app-installation', scopes: null, app_id: 4242, installation_id: 61 });
  const grants = data(snapshot.personal_access_tokens);
  expect(grants.map((g) => [g.token_name, g.token_expires_at])).toEqual([
    ['release-script', '2030-01-01T00:00:00Z'],
    ['forever-admin', null],
  ]);
  expect(incomplete).toEqual([]);
  const kinds = [...sim.authorizations].map((h) => h.split(' ')[0]!.toLowerCase() + (h.includes(' ghs_') ? ':ghs' : h.includes(' eyJ') ? ':jwt' : ''));
  expect(new Set(kinds)).toEqual(new Set(['bearer:jwt', 'token:ghs']));
});

test('GitHub App auth finds the installation when no id is given', async () => {
  const { snapshot } = await mustCollect(sim, { auth: { appId: '4242', privateKey: keys.privateKey } });
  expect(data(snapshot.token)).toMatchObject({ installation_id: 61 });
});

describe('GitHub Enterprise Server paths', () => {
  test('GraphQL lives at /api/graphql when the REST base ends in /api/v3', () => {
    expect(graphqlUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
  });

  test('a GHES simulator (serving only /api/v3 and /api/graphql) collects the same data', async () => {
    const ghes = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), ghes: true });
    try {
      expect(ghes.url).toMatch(/\/api\/v3$/);
      const { snapshot, incomplete } = await mustCollect(ghes, { auth: { token: TOKENS.owner } });
      expect(incomplete).toEqual([]);
      expect(data(snapshot.repositories)).toHaveLength(5);
      expect(Object.keys(ghes.stats.paths)).toEqual(expect.arrayContaining(['POST /api/graphql', 'GET /orgs/acme']));
    } finally {
      await ghes.close();
    }
  });
});
