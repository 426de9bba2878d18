// The blast-radius query functions called directly: policy reading, YAML references, pipeline
// definitions, team audiences, and what each query says when a section was not visible.
import { beforeAll, describe, expect, it } from 'vitest';
import { audienceOf } from '../src/blast/audience.js';
import { loadDefinitions } from '../src/blast/definitions.js';
import { envBlastRadius } from '../src/blast/env.js';
import { estateOf } from '../src/blast/estate.js';
import type { NotVisible } from '../src/blast/model.js';
import { describePolicy, grantFor, parseSecretPolicy } from '../src/blast/policy.js';
import { envReferences, secretGetKeys, secretReferences } from '../src/blast/references.js';
import { secretBlastRadius } from '../src/blast/secret.js';
import { tokenBlastRadius } from '../src/blast/token.js';
import type { RestPipeline } from '../src/snapshot/buildkite.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { unavailable } from '../src/snapshot/section.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { blastSnapshot, IDS } from './blast-radius-estate.js';

let base: Snapshot;
beforeAll(async () => {
  base = await blastSnapshot();
});

/** A fresh copy of the test snapshot, with its Buildkite side changed by `edit`. */
function snapshotWith(edit: (s: Snapshot) => void = () => {}): Snapshot {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

function pipelinesOf(s: Snapshot): RestPipeline[] {
  const section = s.buildkite?.pipelines;
  if (section?.status !== 'ok') throw new Error('the test snapshot has no pipelines');
  return section.data;
}

function file(text: string, name = 'test.yml') {
  return { name, loaded: loadPipeline(text, name) };
}

describe('secret access policies', () => {
  it.each([
    ['no policy', null, 'web-app', { basis: 'no policy', branches: null, conditions: [] }],
    ['a blank policy', '  \n', 'web-app', { basis: 'no policy', branches: null, conditions: [] }],
    ['one pipeline on main, that pipeline', '- pipeline_slug: web-app\n  build_branch: main', 'web-app', { basis: 'policy', branches: ['main'], conditions: [] }],
    ['one pipeline on main, another pipeline', '- pipeline_slug: web-app\n  build_branch: main', 'api', undefined],
    ['lists of conditions', '- pipeline_slug: [a, web-app]\n  build_branch: [main, develop]', 'web-app', { basis: 'policy', branches: ['main', 'develop'], conditions: [] }],
    ['two rules, one without a branch', '- pipeline_slug: web-app\n  build_branch: main\n- pipeline_slug: web-app', 'web-app', { basis: 'policy', branches: null, conditions: [] }],
    ['a rule with no pipeline claim', '- build_branch: main\n  build_creator_team: t1', 'anything', { basis: 'policy', branches: ['main'], conditions: ['build_creator_team: t1'] }],
    ['a wildcard pipeline', '- pipeline_slug: "web-*"', 'web-app', { basis: 'policy', branches: null, conditions: [] }],
    ['a policy that is not a list', 'pipeline_slug: web-app', 'web-app', { basis: 'unreadable policy', branches: null, conditions: [] }],
  ])('%s', (_name, text, slug, grant) => {
    expect(grantFor(parseSecretPolicy(text), slug)).toEqual(grant);
  });

  it('describes policies in words', () => {
    expect(describePolicy(parseSecretPolicy(null))).toBe('no policy: any pipeline on any branch of the cluster');
    expect(describePolicy(parseSecretPolicy('- pipeline_slug: [a, b]\n  build_branch: main\n- build_source: schedule'))).toBe('pipeline a | b, branch main; or pipeline any, branch any, build_source schedule');
    expect(describePolicy(parseSecretPolicy('- [not, a, rule]'))).toMatch(/^policy not understood \(expected each rule to be a mapping of claims\); assumed: any pipeline of the cluster$/);
  });
});

describe('references in pipeline YAML', () => {
  const yaml = `secrets:
  - NPM_TOKEN
env:
  STAGE: ci
steps:
  - label: build
    secrets:
      TOKEN_FOR_NPM: NPM_TOKEN
    command: make build
  - group: deploys
    steps:
      - label: deploy
        if: build.env("STAGE") == "prod"
        commands:
          - buildkite-agent secret get --job "$BUILDKITE_JOB_ID" DEPLOY_KEY > key
          - ./deploy "\${STAGE:-dev}" "$STAGES"
        plugins:
          - ecr#v2.9.0:
              login: true
              account-ids: DEPLOY_KEY_ACCOUNT
          - vault#v1.0.0:
              secrets:
                deploy: DEPLOY_KEY
              env:
                STAGE: prod
`;

  it('finds secrets: entries at build and step level, secret get in nested steps, and plugin configuration', () => {
    expect(secretReferences(file(yaml), 'NPM_TOKEN').map((r) => [r.kind, r.line, r.detail])).toEqual([
      ['secrets', 2, 'build secrets: NPM_TOKEN (every step)'],
      ['secrets', 8, 'step "build": secrets NPM_TOKEN as $TOKEN_FOR_NPM'],
    ]);
    expect(secretReferences(file(yaml), 'DEPLOY_KEY').map((r) => [r.kind, r.line, r.detail])).toEqual([
      ['secret get', 15, 'step "deploy": buildkite-agent secret get --job "$BUILDKITE_JOB_ID" DEPLOY_KEY > key'],
      ['plugin', 21, 'step "deploy": plugin vault mentions it in secrets.deploy'],
    ]);
  });

  it('reads the key of `buildkite-agent secret get` past its flags', () => {
    expect(secretGetKeys('A=$(buildkite-agent secret get --skip-redaction MY_KEY); echo')).toEqual(['MY_KEY']);
    expect(secretGetKeys('buildkite-agent secret list')).toEqual([]);
  });

  it('finds env settings, $VAR and ${VAR:-x} in commands, build.env() in conditions, and plugin env maps, but not a longer name', () => {
    expect(envReferences(file(yaml), 'STAGE').map((r) => [r.kind, r.line])).toEqual([
      ['env', 4],
      ['if', 13],
      ['command', 16],
      ['plugin', 21],
    ]);
    expect(envReferences(file(yaml), 'TOKEN_FOR_NPM').map((r) => r.detail)).toEqual(['step "build": secrets set TOKEN_FOR_NPM from secret NPM_TOKEN']);
    expect(envReferences(file('steps:\n  - command: echo $STAGES\n'), 'STAGE')).toEqual([]);
  });
});

describe('pipeline definitions', () => {
  it('lists saved steps that do not parse as not inspected, with file and line', () => {
    const s = snapshotWith((x) => {
      const release = pipelinesOf(x).find((p) => p.slug === 'api-release') as RestPipeline;
      release.configuration = 'steps:\n  - command: [unclosed\n';
    });
    const definitions = loadDefinitions(s, pipelinesOf(s));
    const release = definitions.find((d) => d.pipeline.slug === 'api-release');
    expect(release?.files).toEqual([]);
    expect(release?.notInspected).toEqual([{ pipeline: 'api-release', reason: expect.stringMatching(/^buildkite:acme-inc\/api-release:\d+:\d+: /) }]);
  });

  it('follows uploads to repository files, and says when an uploaded file was not collected', () => {
    const definitions = loadDefinitions(base, pipelinesOf(base));
    expect(definitions.find((d) => d.pipeline.slug === 'web-app')?.files.map((f) => f.name)).toEqual(['acme/api:.buildkite/pipeline.yml', 'acme/api:.buildkite/deploy.yml']);
    const s = snapshotWith((x) => {
      const release = pipelinesOf(x).find((p) => p.slug === 'api-release') as RestPipeline;
      release.configuration = 'steps:\n  - command: make\n  - command: buildkite-agent pipeline upload ci/generated.yml\n';
    });
    expect(loadDefinitions(s, pipelinesOf(s)).find((d) => d.pipeline.slug === 'api-release')?.notInspected).toEqual([
      { pipeline: 'api-release', reason: 'buildkite:acme-inc/api-release uploads ci/generated.yml, which is not among the collected pipeline files (only .buildkite/ and buildkite.yml files are collected)' },
    ]);
  });

  it('says an upload from a repository that is not on GitHub cannot be followed', () => {
    const s = snapshotWith((x) => {
      const docs = pipelinesOf(x).find((p) => p.slug === 'docs-site') as RestPipeline;
      docs.configuration = 'steps:\n  - command: make lint\n  - command: buildkite-agent pipeline upload\n';
    });
    const docs = loadDefinitions(s, pipelinesOf(s)).find((d) => d.pipeline.slug === 'docs-site');
    expect(docs?.files.map((f) => f.name)).toEqual(['buildkite:acme-inc/docs-site']);
    expect(docs?.notInspected.map((n) => n.reason)).toEqual(['buildkite:acme-inc/docs-site uploads the default pipeline file, which is in a repository kiteguard does not read (only GitHub repositories are collected)']);
  });

  it('says why when the repository files are not visible', () => {
    const s = snapshotWith((x) => {
      if (x.github) x.github.repositories = unavailable('Resource not accessible by integration', { http_status: 403 });
    });
    const web = loadDefinitions(s, pipelinesOf(s)).find((d) => d.pipeline.slug === 'web');
    expect(web?.notInspected).toEqual([{ pipeline: 'web', reason: 'the pipeline files of acme/web are not visible: Resource not accessible by integration' }]);
  });
});

describe('who can see or run pipelines', () => {
  it('records teams whose access or members are not visible instead of leaving them out silently', () => {
    const s = snapshotWith((x) => {
      const teams = x.buildkite?.teams;
      if (teams?.status !== 'ok') throw new Error('no teams');
      const [everyone, platform] = teams.data;
      if (everyone) everyone.pipelines = unavailable('GraphQL permission error', { needs: 'read_teams' });
      if (platform) platform.members = unavailable('GraphQL permission error');
    });
    const notVisible: NotVisible[] = [];
    const audience = audienceOf(s.buildkite!, pipelinesOf(s), notVisible);
    expect(notVisible).toEqual([
      { what: 'pipelines of team everyone', reason: 'GraphQL permission error', needs: 'read_teams' },
      { what: 'members of team platform', reason: 'GraphQL permission error' },
    ]);
    expect(audience.teams.map((t) => [t.team, t.members])).toEqual([['docs', 1], ['platform', null]]);
  });
});

describe('queries over sections that were not visible', () => {
  it('treats every clustered pipeline as unknown when the clusters are not visible', () => {
    const s = snapshotWith((x) => {
      x.buildkite!.clusters = unavailable('forbidden', { http_status: 403, needs: 'read_clusters' });
    });
    const report = secretBlastRadius(estateOf(s, 's.json'), 'DEPLOY_KEY');
    expect(report.not_visible).toEqual([{ what: 'clusters', reason: '403 forbidden', needs: 'read_clusters' }]);
    expect(report.secrets).toEqual([]);
    expect(report.pipelines.map((p) => [p.pipeline.slug, p.access])).toEqual([['api-release', 'unknown'], ['web-app', 'unknown']]);
    expect(report.matched).toBe(true);
  });

  it('says the pipelines were not visible rather than that nothing uses the variable', () => {
    const s = snapshotWith((x) => {
      x.buildkite!.pipelines = unavailable('forbidden', { http_status: 403, needs: 'read_pipelines' });
    });
    const report = envBlastRadius(estateOf(s, 's.json'), 'NPM_TOKEN');
    expect(report.matched).toBe(false);
    expect(report.not_visible).toEqual([{ what: 'pipelines', reason: '403 forbidden', needs: 'read_pipelines' }]);
  });

  it('searches what is visible for a token and names what is not', () => {
    const s = snapshotWith((x) => {
      x.buildkite!.api_access_tokens = unavailable('not an admin', { needs: 'organization admin' });
      const clusters = x.buildkite!.clusters;
      if (clusters.status === 'ok' && clusters.data[1]) clusters.data[1].agent_tokens = unavailable('forbidden', { http_status: 403 });
    });
    const report = tokenBlastRadius(estateOf(s, 's.json'), IDS.adminToken);
    expect(report.matched).toBe(false);
    expect(report.searched).toEqual(["the collector's own token (buildkite.access_token)", '2 agent tokens of 1 cluster (prod)']);
    expect(report.not_visible.map((n) => n.what)).toEqual(['API access tokens', 'agent tokens of cluster oss']);
  });

  it("finds the collector's own token when the organization's token list is not visible", () => {
    const s = snapshotWith((x) => {
      x.buildkite!.api_access_tokens = unavailable('not an admin');
    });
    const own = s.buildkite!.access_token;
    if (own.status !== 'ok') throw new Error('no access token');
    const report = tokenBlastRadius(estateOf(s, 's.json'), own.data.uuid.toUpperCase());
    expect(report.matches.map((m) => [m.type, m.type === 'api_access_token' ? m.source : ''])).toEqual([['api_access_token', 'buildkite.access_token']]);
  });
});
