// Every GitHub rule through the Wasm path: simulator → collector → target builders → compiled policy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GithubSnapshot } from '../src/collect/github/index.js';
import { missingEntry } from '../src/collect/github/repository-entry.js';
import { readAsset } from '../src/engine/assets.js';
import { parseCatalog } from '../src/engine/catalog.js';
import { PolicyEngine, type EngineResult } from '../src/engine/policy.js';
import type { Unavailable } from '../src/snapshot/section.js';
import { organizationGithubInput, repositoryInput, repositoryInputs, repositoryKey, type BuildkitePipelineRef, type PipelinesByRepository } from '../src/targets/github.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';
import { mustCollect, testAppKeys } from './sim/github/harness.js';
import { openProtection, securityAll } from './sim/github/model.js';

const NOW = '2025-03-01T00:00:00Z';
const catalog = parseCatalog(readAsset('catalog.json').toString('utf8'));
const githubRules = (target: 'repository' | 'organization') => catalog.filter((r) => r.id.startsWith('github/') && r.target === target);
const keys = testAppKeys();
const engine = PolicyEngine.load(readAsset('policy.wasm'));
let sim: GithubSim;

/** The fixture org plus `sandbox`: a repository the org baseline ruleset leaves out, so nothing protects it. */
function estate() {
  const org = fixtureOrg();
  org.rulesets[0]!.conditions.repository_name!.exclude.push('sandbox');
  org.repos.push({
    id: 6,
    name: 'sandbox',
    defaultBranch: 'main',
    visibility: 'private',
    archived: false,
    fork: false,
    protections: [],
    rulesets: [],
    security: securityAll('enabled'),
    collaborators: [],
    files: { '.buildkite/pipeline.yml': 'steps:\n  - command: make\n' },
  });
  return org;
}

function pipeline(slug: string, buildPullRequests = true): BuildkitePipelineRef {
  return { org: 'acme-bk', slug, pipeline: { slug, provider: { id: 'github', settings: { build_pull_requests: buildPullRequests } } } };
}

/** The Buildkite side: `docs` is built by nothing, `api` also by a deploy pipeline that skips pull requests. */
const PIPELINES: PipelinesByRepository = new Map(
  Object.entries({ 'acme/api': [pipeline('api'), pipeline('api-deploy', false)], 'acme/web': [pipeline('web')], 'acme/infra': [pipeline('infra')], 'acme/legacy': [pipeline('legacy')], 'acme/sandbox': [pipeline('sandbox')] }).map(
    ([name, list]) => [repositoryKey(name), list] as const,
  ),
);

function evaluateRepositories(snapshot: GithubSnapshot, pipelines?: PipelinesByRepository): Map<string, EngineResult> {
  return new Map(repositoryInputs(snapshot, NOW, pipelines).map((input) => [input.repository.full_name.replace('acme/', ''), engine.evaluate('repository', input)] as const));
}

function messages(result: EngineResult | undefined, rule: string): string[] {
  return (result?.findings ?? []).filter((f) => f.rule === `github/${rule}`).map((f) => f.message).sort();
}

function outcome(result: EngineResult, rule: string): 'fail' | 'unknown' | 'not_applicable' | 'pass' {
  if (result.findings.some((f) => f.rule === `github/${rule}`)) return 'fail';
  if (result.unknown[`github.${rule}`]) return 'unknown';
  return result.notApplicable.includes(`github.${rule}`) ? 'not_applicable' : 'pass';
}

beforeAll(async () => {
  sim = await startGithubSim({ org: estate(), tokens: fixtureTokens(), app: { appId: 4242, publicKeyPem: keys.publicKey, installationId: 61 } });
  engine.setData({ config: { rules: {}, attestations: {} } });
});
afterAll(() => sim.close());

describe('as an organization owner', () => {
  let snapshot: GithubSnapshot;
  let repos: Map<string, EngineResult>;
  beforeAll(async () => {
    snapshot = (await mustCollect(sim, { auth: { token: TOKENS.owner } })).snapshot;
    repos = evaluateRepositories(snapshot, PIPELINES);
  });

  test('the well-protected repository fails only on who may bypass its rulesets', () => {
    const api = repos.get('api')!;
    expect(new Set(api.findings.map((f) => f.rule))).toEqual(new Set(['github/admins_bypass_protection']));
    expect(messages(api, 'admins_bypass_protection')).toEqual([
      '`app:deploy-bot` can bypass ruleset `org-baseline` on default branch `main` of `acme/api`',
      '`team:platform` can bypass ruleset `main-guard` on default branch `main` of `acme/api` (through pull requests)',
      'organization admins can bypass ruleset `main-guard` on default branch `main` of `acme/api`',
    ]);
    expect(api.unknown).toEqual({});
    for (const rule of ['branch_protection_missing', 'signed_commits_not_required', 'reviews_not_required', 'force_push_or_deletion_allowed', 'buildkite_status_not_required', 'dependency_alerts_disabled', 'secret_scanning_disabled']) {
      expect(outcome(api, rule), rule).toBe('pass');
    }
  });

  test('an open repository covered only by the org baseline', () => {
    const web = repos.get('web')!;
    expect(outcome(web, 'branch_protection_missing')).toBe('pass');
    expect(outcome(web, 'reviews_not_required')).toBe('pass');
    expect(messages(web, 'signed_commits_not_required')).toEqual(['default branch `main` of `acme/web` accepts unsigned commits']);
    expect(messages(web, 'force_push_or_deletion_allowed')).toEqual(['default branch `main` of `acme/web` allows force pushes']);
    expect(messages(web, 'buildkite_status_not_required')).toEqual(['required status checks on default branch `main` of `acme/web` do not include `buildkite/web`']);
    expect(messages(web, 'dependency_alerts_disabled')).toEqual(['Dependabot security updates are not enabled for `acme/web`']);
    expect(messages(web, 'secret_scanning_disabled')).toEqual(['secret scanning is not enabled for `acme/web`', 'secret scanning push protection is not enabled for `acme/web`']);
  });

  test('a weak classic rule: force pushes allowed, admins not bound', () => {
    const infra = repos.get('infra')!;
    const force = infra.findings.filter((f) => f.rule === 'github/force_push_or_deletion_allowed');
    expect(force.map((f) => f.path)).toEqual([['repository', 'branch_protection_rules', 'data', 0, 'allowsForcePushes']]);
    expect(messages(infra, 'admins_bypass_protection')).toContain('administrators can bypass the protection of default branch `main` of `acme/infra`');
    expect(messages(infra, 'buildkite_status_not_required')).toEqual(['required status checks on default branch `main` of `acme/infra` do not include `buildkite/infra`']);
  });

  test('an unprotected repository, an archived one, and one no pipeline builds', () => {
    const sandbox = repos.get('sandbox')!;
    expect(messages(sandbox, 'branch_protection_missing')).toEqual(['default branch `main` of `acme/sandbox` has no branch protection rule and no active ruleset']);
    expect(messages(sandbox, 'reviews_not_required')).toEqual(['default branch `main` of `acme/sandbox` requires 0 approving reviews, fewer than 1']);
    expect(outcome(sandbox, 'admins_bypass_protection')).toBe('not_applicable');
    const legacy = repos.get('legacy')!;
    expect(legacy.findings).toEqual([]);
    for (const rule of githubRules('repository')) expect(outcome(legacy, rule.id.slice('github/'.length)), rule.id).toBe('not_applicable');
    const docs = repos.get('docs')!;
    expect(outcome(docs, 'branch_protection_missing')).toBe('not_applicable');
    expect(outcome(docs, 'buildkite_status_not_required')).toBe('not_applicable');
    expect(outcome(docs, 'secret_scanning_disabled')).toBe('pass');
  });

  test('without a Buildkite part, pipeline files decide which repositories are judged', () => {
    const results = evaluateRepositories(snapshot);
    expect(outcome(results.get('docs')!, 'branch_protection_missing')).toBe('pass');
    expect(messages(results.get('docs'), 'buildkite_status_not_required')).toEqual(['required status checks on default branch `main` of `acme/docs` do not include `buildkite/*`']);
    expect(outcome(results.get('api')!, 'buildkite_status_not_required')).toBe('pass');
  });

  test('knobs set in data change the verdict', () => {
    engine.setData({ config: { rules: { 'github/reviews_not_required': { min_approvals: 3 }, 'github/admins_bypass_protection': { allowed_bypass_actors: ['organization_admin', 'app:deploy-bot'], allow_pull_request_bypass: true } }, attestations: {} } });
    try {
      const api = evaluateRepositories(snapshot, PIPELINES).get('api')!;
      expect(messages(api, 'reviews_not_required')).toEqual(['default branch `main` of `acme/api` requires 2 approving reviews, fewer than 3']);
      expect(outcome(api, 'admins_bypass_protection')).toBe('pass');
    } finally {
      engine.setData({ config: { rules: {}, attestations: {} } });
    }
  });

  test('classic patterns and ruleset conditions are matched in Wasm when the default-branch view is missing', () => {
    const sandbox = repositoryInputs(snapshot, NOW, PIPELINES).find((i) => i.repository.full_name === 'acme/sandbox')!;
    const classic = openProtection(1, 'ma*', { requiresApprovingReviews: true, requiredApprovingReviewCount: 1, dismissesStaleReviews: true });
    const ruleset = { databaseId: 7, name: 'wild', enforcement: 'ACTIVE', target: 'BRANCH', source: { __typename: 'Repository', nameWithOwner: 'acme/sandbox' }, conditions: { refName: { include: ['refs/heads/m*'], exclude: ['refs/heads/release/**'] } }, rules: [{ type: 'NON_FAST_FORWARD', parameters: null }], bypassActors: { status: 'ok', data: [] } };
    const input = { ...sandbox, repository: { ...sandbox.repository, default_branch_rules: { status: 'unavailable', reason: '502 Bad Gateway' }, branch_protection_rules: { status: 'ok', data: [openProtection(2, 'release/*'), classic] }, rulesets: { status: 'ok', data: [ruleset] } } };
    const result = engine.evaluate('repository', input);
    expect(outcome(result, 'branch_protection_missing')).toBe('pass');
    expect(outcome(result, 'reviews_not_required')).toBe('pass');
    expect(outcome(result, 'force_push_or_deletion_allowed')).toBe('pass');
    expect(result.findings.filter((f) => f.rule === 'github/signed_commits_not_required').map((f) => f.path)).toEqual([['repository', 'branch_protection_rules', 'data', 1, 'requiresCommitSignatures']]);
  });

  test('organization: 2FA off, audit log unattested, PAT grants need a GitHub App, the owner token is fine', () => {
    const org = engine.evaluate('organization', organizationGithubInput(snapshot, NOW));
    expect(messages(org, 'two_factor_not_required')).toEqual(['GitHub organization `acme` does not require two-factor authentication']);
    expect(messages(org, 'audit_log_not_streamed')).toEqual(['no attestation that the audit log of GitHub organization `acme` is streamed to a SIEM']);
    for (const rule of ['pat_overprivileged', 'token_rotation_overdue']) {
      expect(org.unknown[`github.${rule}`], rule).toEqual([expect.stringContaining('GitHub App')]);
    }
    expect(outcome(org, 'scanner_token_overscoped')).toBe('pass');
  });

  test('audit log attestations: current passes, expired fails naming who and when', () => {
    const input = organizationGithubInput(snapshot, NOW);
    const attest = (expires: string) => ({ 'github/audit_log_not_streamed': [{ evidence: 'https://siem.example/acme', attested_by: 'sam@acme.example', expires, scope: 'github:acme' }] });
    try {
      engine.setData({ config: { rules: {}, attestations: attest('2025-12-31') } });
      expect(outcome(engine.evaluate('organization', input), 'audit_log_not_streamed')).toBe('pass');
      engine.setData({ config: { rules: {}, attestations: attest('2025-01-31') } });
      expect(messages(engine.evaluate('organization', input), 'audit_log_not_streamed')).toEqual(['attestation by sam@acme.example that the audit log of GitHub organization `acme` is streamed to a SIEM expired on 2025-01-31']);
    } finally {
      engine.setData({ config: { rules: {}, attestations: {} } });
    }
  });
});

describe('as a member with write on web only', () => {
  let snapshot: GithubSnapshot;
  beforeAll(async () => {
    snapshot = (await mustCollect(sim, { auth: { token: TOKENS.member } })).snapshot;
  });

  test('admin-only rules are unknown with the reason, the rest still decide from what non-admins see', () => {
    const api = evaluateRepositories(snapshot, PIPELINES).get('api')!;
    for (const rule of ['dependency_alerts_disabled', 'secret_scanning_disabled']) {
      expect(api.unknown[`github.${rule}`], rule).toEqual([expect.stringContaining('admins only')]);
      expect(outcome(api, rule)).toBe('unknown');
    }
    expect(api.unknown['github.admins_bypass_protection']).toEqual(
      expect.arrayContaining([expect.stringContaining('the full branch protection rule of `acme/api` not visible'), expect.stringContaining('the bypass actors of ruleset `main-guard`')]),
    );
    expect(outcome(api, 'admins_bypass_protection')).toBe('unknown');
    for (const rule of ['branch_protection_missing', 'signed_commits_not_required', 'reviews_not_required', 'force_push_or_deletion_allowed', 'buildkite_status_not_required']) {
      expect(outcome(api, rule), rule).toBe('pass');
    }
  });

  test('organization: 2FA is unknown to members, and a token without expiry fails', () => {
    const org = engine.evaluate('organization', organizationGithubInput(snapshot, NOW));
    expect(org.unknown['github.two_factor_not_required']).toEqual([expect.stringContaining('owners only')]);
    expect(messages(org, 'scanner_token_overscoped')).toEqual(["kiteguard's GitHub token (classic) never expires"]);
  });
});

test('as a GitHub App: PAT grants are judged, and so is the app installation kiteguard runs as', async () => {
  const { snapshot } = await mustCollect(sim, { auth: { appId: '4242', privateKey: keys.privateKey, installationId: 61 } });
  const org = engine.evaluate('organization', organizationGithubInput(snapshot, NOW));
  expect(messages(org, 'pat_overprivileged')).toEqual([
    'fine-grained token `forever-admin` of `mallory` has write access beyond the allow-list: organization.administration:write, repository.administration:write, repository.contents:write',
    'fine-grained token `forever-admin` of `mallory` never expires',
  ]);
  expect(messages(org, 'token_rotation_overdue')).toEqual(['fine-grained token `forever-admin` of `mallory` has had access to `acme` for 1520 days (rotate every 90 days); last used never']);
  expect(messages(org, 'scanner_token_overscoped')).toEqual(["kiteguard's GitHub App installation `buildkite` has write access it does not need: checks:write, statuses:write"]);
});

describe('when every section is unavailable (bad credentials)', () => {
  let snapshot: GithubSnapshot;
  beforeAll(async () => {
    snapshot = (await mustCollect(sim, { auth: { token: 'ghp_notARealToken000000000000000000000000' } })).snapshot;
  });

  test('every organization rule fails or is unknown, none passes or drops out', () => {
    const org = engine.evaluate('organization', organizationGithubInput(snapshot, NOW));
    for (const rule of githubRules('organization')) expect(['fail', 'unknown'], rule.id).toContain(outcome(org, rule.id.slice('github/'.length)));
    expect(org.unknown['github.two_factor_not_required']).toEqual([expect.stringContaining('not visible')]);
  });

  test('every repository rule is unknown for an entry whose parts are all unavailable, with or without a Buildkite part', () => {
    const why = snapshot.organization as Unavailable;
    const entry = missingEntry('acme/api', why);
    const github = organizationGithubInput(snapshot, NOW).github;
    for (const pipelines of [undefined, PIPELINES]) {
      const result = engine.evaluate('repository', repositoryInput(entry, github, NOW, pipelines));
      for (const rule of githubRules('repository')) {
        expect(outcome(result, rule.id.slice('github/'.length)), `${rule.id} (${pipelines ? 'with' : 'without'} Buildkite)`).toBe('unknown');
        expect(result.unknown[rule.package]!.join(' ')).toContain(why.reason);
      }
    }
  });
});

test('the compiled catalog has every GitHub rule of the control catalog', () => {
  expect(catalog.filter((r) => r.id.startsWith('github/')).map((r) => `${r.id}:${r.target}`).sort()).toEqual(
    [
      'admins_bypass_protection:repository', 'audit_log_not_streamed:organization', 'branch_protection_missing:repository', 'buildkite_status_not_required:repository',
      'dependency_alerts_disabled:repository', 'force_push_or_deletion_allowed:repository', 'pat_overprivileged:organization', 'reviews_not_required:repository',
      'scanner_token_overscoped:organization', 'secret_scanning_disabled:repository', 'signed_commits_not_required:repository', 'token_rotation_overdue:organization',
      'two_factor_not_required:organization',
    ].map((r) => `github/${r}`),
  );
});

describe('GitHub App, fine-grained and classic tokens', () => {
  const outcomes = (snapshot: GithubSnapshot) => {
    const out: Record<string, string> = {};
    for (const [name, result] of evaluateRepositories(snapshot, PIPELINES)) for (const rule of githubRules('repository')) out[`${name} ${rule.id}`] = outcome(result, rule.id.slice('github/'.length));
    return out;
  };

  test('an App (viewerPermission null) sees what an owner token sees: the same outcomes on every repository', async () => {
    const classic = await mustCollect(sim, { auth: { token: TOKENS.owner } });
    const app = await mustCollect(sim, { auth: { appId: '4242', privateKey: keys.privateKey, installationId: 61 } });
    const fine = await mustCollect(sim, { auth: { token: TOKENS.fineGrained } });
    const api = (s: GithubSnapshot) => (s.repositories.status === 'ok' ? s.repositories.data.find((r) => r.full_name === 'acme/api') : undefined);
    expect(api(app.snapshot)?.repository).toMatchObject({ status: 'ok', data: { viewerPermission: null } });
    expect(api(app.snapshot)?.branch_protection_rules.status).toBe('ok');
    expect(api(app.snapshot)?.security_and_analysis.status).toBe('ok');
    expect(outcomes(app.snapshot)).toEqual(outcomes(classic.snapshot));
    expect(outcomes(fine.snapshot)).toEqual(outcomes(classic.snapshot));
    expect(app.incomplete).toEqual([]);
    expect(app.notCollectable).toEqual([]);
    expect(classic.notCollectable).toEqual(['github.personal_access_tokens']);
    expect(Object.values(outcomes(classic.snapshot)).filter((o) => o === 'unknown')).toEqual([]);
  });
});
