// Target builders for GitHub: the organization part and one input per repository, with the pipelines that build it.
import { describe, expect, test } from 'vitest';
import type { GithubSnapshot, RepositoryEntry } from '../src/collect/github/index.js';
import { ok, unavailable } from '../src/snapshot/section.js';
import { githubOrganizationPart, organizationGithubInput, repositoryInputs, repositoryKey, type PipelinesByRepository } from '../src/targets/github.js';

const NOW = '2026-06-01T12:00:00Z';
const hidden = unavailable('502 Bad Gateway', { http_status: 502 });

function entry(fullName: string): RepositoryEntry {
  return {
    full_name: fullName,
    repository: hidden,
    branch_protection_rules: hidden,
    rulesets: hidden,
    default_branch_rules: hidden,
    security_and_analysis: hidden,
    teams: hidden,
    collaborators: hidden,
    pipeline_files: ok([]),
  };
}

function snapshot(repositories: GithubSnapshot['repositories']): GithubSnapshot {
  return {
    api_url: 'https://api.github.com',
    org: 'acme',
    mode: 'organization',
    token: ok({ kind: 'classic', scopes: ['repo'], expires_at: null }),
    organization: ok({ login: 'acme' }),
    two_factor_requirement: ok({ enabled: true }),
    org_rulesets: ok([]),
    teams: ok([]),
    installations: hidden,
    personal_access_tokens: hidden,
    repositories,
  };
}

describe('github targets', () => {
  const snap = snapshot(ok([entry('acme/API'), entry('acme/web')]));

  test('the organization part is the snapshot without repositories', () => {
    const part = githubOrganizationPart(snap);
    expect(part).not.toHaveProperty('repositories');
    expect(Object.keys(part).sort()).toEqual(Object.keys(snap).filter((k) => k !== 'repositories').sort());
    expect(organizationGithubInput(snap, NOW)).toEqual({ now: NOW, github: part });
  });

  test('one repository input per entry, without buildkite_pipelines when there is no Buildkite part', () => {
    const inputs = repositoryInputs(snap, NOW);
    expect(inputs.map((i) => i.repository.full_name)).toEqual(['acme/API', 'acme/web']);
    for (const input of inputs) {
      expect(input).not.toHaveProperty('buildkite_pipelines');
      expect(input.now).toBe(NOW);
      expect(input.github).not.toHaveProperty('repositories');
    }
  });

  test('pipelines are matched case-insensitively, and repositories no pipeline builds get an empty list', () => {
    const pipeline = { org: 'acme-bk', slug: 'api', pipeline: { slug: 'api', repository: 'git@github.com:acme/api.git' } };
    const pipelines: PipelinesByRepository = new Map([[repositoryKey('acme/api'), [pipeline]]]);
    const [api, web] = repositoryInputs(snap, NOW, pipelines);
    expect(api!.buildkite_pipelines).toEqual([pipeline]);
    expect(web!.buildkite_pipelines).toEqual([]);
  });

  test('an unreadable Buildkite pipeline list is passed on as unavailable, never as an empty list', () => {
    for (const input of repositoryInputs(snap, NOW, hidden)) expect(input.buildkite_pipelines).toEqual(hidden);
  });

  test('an unreadable repository list gives no repository targets', () => {
    expect(repositoryInputs(snapshot(hidden), NOW)).toEqual([]);
  });
});
