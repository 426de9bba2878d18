// Building Buildkite targets from a hand-built snapshot: team access joined per pipeline, sections passed through.
import { describe, expect, it } from 'vitest';
import type { BuildkiteSnapshot, BuildkiteTeamEntry, RestPipeline } from '../src/snapshot/buildkite.js';
import { ok, unavailable } from '../src/snapshot/section.js';
import {
  buildkiteOrganizationInput,
  buildkitePipelineContext,
  buildkitePipelineTargets,
  pipelineTeams,
  samePipeline,
} from '../src/targets/buildkite.js';

const NOW = '2025-12-01T00:00:00Z';
const DENIED = unavailable('403 Forbidden', { http_status: 403, needs: 'read_organization_settings' });

function pipeline(id: string, slug: string): RestPipeline {
  return { id, slug, repository: `git@github.com:acme/${slug}.git`, cluster_id: null, visibility: 'private', pipeline_template_uuid: null, configuration: null, provider: { id: 'github', settings: {} } };
}

const web = pipeline('p-1', 'web');
const docs = pipeline('p-2', 'docs');

function team(slug: string, access: Array<[string, string, 'READ_ONLY' | 'BUILD_AND_READ' | 'MANAGE_BUILD_AND_READ']>, isDefault = false): BuildkiteTeamEntry {
  return {
    team: { id: `t-${slug}`, slug, default: isDefault, privacy: 'visible' },
    pipelines: ok(access.map(([uuid, pipelineSlug, accessLevel]) => ({ accessLevel, pipeline: { uuid, slug: pipelineSlug } }))),
    members: ok([{ role: 'MEMBER', user: { uuid: `u-${slug}`, name: slug, email: `${slug}@acme.example` } }]),
  };
}

function snapshot(overrides: Partial<BuildkiteSnapshot> = {}): BuildkiteSnapshot {
  return {
    org: 'acme',
    organization: ok({ id: 'o-1', slug: 'acme', name: 'Acme' }),
    access_token: ok({ uuid: 'k-1', scopes: ['read_pipelines'], description: 'kiteguard', created_at: NOW, expires_at: null }),
    api_settings: DENIED,
    pipeline_settings: ok({ default_timeout_in_minutes: 60, maximum_timeout_in_minutes: 120, public_pipeline_creation: { enabled: false }, build_exports: { enabled: true } }),
    repository_connections: ok([{ id: 'rc-1', type: 'github_app' }]),
    security: DENIED,
    members: DENIED,
    api_access_tokens: DENIED,
    audit_events: DENIED,
    pipelines: ok([web, docs]),
    pipeline_templates: ok([{ uuid: 'pt-1', name: 'Standard' }]),
    teams: ok([
      team('everyone', [['p-1', 'web', 'BUILD_AND_READ']], true),
      team('platform', [['p-1', 'web', 'MANAGE_BUILD_AND_READ'], ['p-2', 'docs', 'READ_ONLY']]),
      team('empty', []),
    ]),
    clusters: ok([]),
    ...overrides,
  };
}

describe('Buildkite targets', () => {
  it('gives the organization target the snapshot as collected, with the time', () => {
    const s = snapshot();
    const input = buildkiteOrganizationInput(s, NOW);
    expect(input.now).toBe(NOW);
    expect(input.buildkite).toEqual(s);
  });

  it("parses each secret's access policy beside its text, and says why one cannot be parsed", () => {
    const secrets = [
      { id: 's-1', key: 'DEPLOY', policy: '- pipeline_slug: web\n  build_branch: [main, "release/*"]', created_at: NOW },
      { id: 's-2', key: 'BROKEN', policy: '- build_branch: [main', created_at: NOW },
      { id: 's-3', key: 'OPEN', policy: null, created_at: NOW },
      { id: 's-4', key: 'BLANK', policy: '  \n', created_at: NOW },
    ];
    const s = snapshot({ clusters: ok([{ cluster: { id: 'c-1', name: 'prod' }, queues: ok([]), agent_tokens: ok([]), secrets: ok(secrets), maintainers: ok([]) }, { cluster: { id: 'c-2', name: 'oss' }, queues: ok([]), agent_tokens: ok([]), secrets: DENIED, maintainers: ok([]) }]) });
    const { buildkite } = buildkiteOrganizationInput(s, NOW);
    const clusters = buildkite.clusters.status === 'ok' ? buildkite.clusters.data : [];
    const parsed = clusters[0]!.secrets.status === 'ok' ? clusters[0]!.secrets.data : [];
    expect(parsed[0]).toEqual({ ...secrets[0], policy_rules: ok([{ pipeline_slug: 'web', build_branch: ['main', 'release/*'] }]) });
    expect(parsed[1]!.policy_rules).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^the access policy of secret `BROKEN` is not valid YAML \(.*unclosed flow sequence/) });
    expect(parsed[2]).toEqual(secrets[2]);
    expect(parsed[3]).toEqual(secrets[3]);
    expect(clusters[1]!.secrets).toBe(DENIED);
    // The snapshot itself is left as collected.
    expect(s.clusters.status === 'ok' && s.clusters.data[0]!.secrets.status === 'ok' && 'policy_rules' in s.clusters.data[0]!.secrets.data[0]!).toBe(false);
  });

  it('builds one pipeline target per pipeline with the organization sections beside it', () => {
    const s = snapshot();
    const targets = buildkitePipelineTargets(s, NOW);
    expect(targets.map((t) => t.buildkite_pipeline.pipeline.slug)).toEqual(['web', 'docs']);
    const [first] = targets;
    expect(first!.now).toBe(NOW);
    expect(first!.buildkite_pipeline.org).toBe('acme');
    expect(first!.buildkite_pipeline.pipeline_settings).toBe(s.pipeline_settings);
    expect(first!.buildkite_pipeline.pipeline_templates).toBe(s.pipeline_templates);
    expect(first!.buildkite_pipeline.repository_connections).toBe(s.repository_connections);
    expect(first!.context.pipeline).toBe(web);
  });

  it('joins each team that can reach the pipeline, with its level and members', () => {
    const teams = pipelineTeams(snapshot().teams, web);
    expect(teams.status).toBe('ok');
    if (teams.status !== 'ok') return;
    expect(teams.data.map((t) => [t.team.slug, t.team.default, t.accessLevel])).toEqual([
      ['everyone', true, 'BUILD_AND_READ'],
      ['platform', false, 'MANAGE_BUILD_AND_READ'],
    ]);
    expect(teams.data[0]!.members).toEqual(ok([{ role: 'MEMBER', user: { uuid: 'u-everyone', name: 'everyone', email: 'everyone@acme.example' } }]));
    expect(pipelineTeams(snapshot().teams, docs)).toEqual(ok([{ team: expect.objectContaining({ slug: 'platform' }), accessLevel: 'READ_ONLY', members: expect.anything() }]));
  });

  it('gives a pipeline no team can reach an empty list, not an unavailable one', () => {
    expect(pipelineTeams(snapshot().teams, pipeline('p-3', 'orphan'))).toEqual(ok([]));
  });

  it('matches by uuid when both sides have one, by slug otherwise, and never a deleted pipeline', () => {
    expect(samePipeline({ accessLevel: 'READ_ONLY', pipeline: { uuid: 'p-1', slug: 'renamed' } }, web)).toBe(true);
    expect(samePipeline({ accessLevel: 'READ_ONLY', pipeline: { uuid: 'p-9', slug: 'web' } }, web)).toBe(false);
    expect(samePipeline({ accessLevel: 'READ_ONLY', pipeline: { uuid: '', slug: 'web' } }, web)).toBe(true);
    expect(samePipeline({ accessLevel: 'READ_ONLY', pipeline: null }, web)).toBe(false);
  });

  it('passes an unavailable team list through with its reason', () => {
    const denied = unavailable('403 Forbidden', { http_status: 403, needs: 'read_teams' });
    const [target] = buildkitePipelineTargets(snapshot({ teams: denied }), NOW);
    expect(target!.buildkite_pipeline.teams).toEqual(denied);
  });

  it('makes the teams unavailable when any team\'s pipelines could not be read, naming the team', () => {
    const broken: BuildkiteTeamEntry = { ...team('secret', []), pipelines: unavailable('GraphQL access denied', { needs: 'graphql' }) };
    const teams = pipelineTeams(ok([team('everyone', [['p-1', 'web', 'BUILD_AND_READ']], true), broken]), web);
    expect(teams).toEqual({ status: 'unavailable', reason: 'the pipelines of team secret could not be read: GraphQL access denied', needs: 'graphql' });
  });

  it('puts the pipeline settings into the context only when they were read', () => {
    const s = snapshot();
    expect(buildkitePipelineContext(s, web)).toEqual({ pipeline: web, pipeline_settings: (s.pipeline_settings as { data: unknown }).data });
    expect(buildkitePipelineContext(snapshot({ pipeline_settings: DENIED }), web)).toEqual({ pipeline: web });
  });

  it('builds no pipeline targets when the pipeline list could not be read', () => {
    expect(buildkitePipelineTargets(snapshot({ pipelines: unavailable('403 Forbidden', { needs: 'read_pipelines' }) }), NOW)).toEqual([]);
  });
});
