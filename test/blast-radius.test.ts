// `kiteguard blast-radius` through run(): each query over a snapshot of both simulators, the
// unavailable-section case, token lookups of both kinds, not-found and usage errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { blastSnapshot, IDS, saveSnapshot, saveText } from './blast-radius-estate.js';
import type { EnvReport } from '../src/blast/env.js';
import type { BlastReport } from '../src/blast/report.js';
import type { SecretReport } from '../src/blast/secret.js';
import type { AgentTokenMatch, ApiTokenMatch, TokenReport } from '../src/blast/token.js';
import { runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'kiteguard-blast-'));
let snapshot: string;
let hidden: string;

beforeAll(async () => {
  snapshot = saveSnapshot(work, 'snapshot.json', await blastSnapshot());
  hidden = saveSnapshot(work, 'hidden.json', await blastSnapshot([{ kind: 'status', status: 403, path: `/v2/organizations/acme-inc/clusters/${IDS.oss}/secrets` }]));
});

async function json<T extends BlastReport>(args: string[], file = snapshot): Promise<{ code: number; report: T }> {
  const r = await runCli(['blast-radius', '--snapshot', file, '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as T };
}

function pipeline<T extends { pipeline: { slug: string } }>(list: T[], slug: string): T {
  const found = list.find((p) => p.pipeline.slug === slug);
  if (!found) throw new Error(`no pipeline ${slug} in the report`);
  return found;
}

const slugs = (list: Array<{ pipeline: { slug: string } }>) => list.map((p) => p.pipeline.slug);

describe('--secret', () => {
  it('finds a secret limited to one pipeline on main, and a pipeline that asks for it without being allowed', async () => {
    const { code, report } = await json<SecretReport>(['--secret', 'DEPLOY_KEY']);
    expect(code).toBe(0);
    expect(report.query).toEqual({ kind: 'secret', name: 'DEPLOY_KEY' });
    expect(report.secrets).toHaveLength(1);
    expect(report.secrets[0]).toMatchObject({ cluster: { id: IDS.prod, name: 'prod' }, policy: '- pipeline_slug: web-app\n  build_branch: main', policy_summary: 'pipeline web-app, branch main' });
    expect(report.secrets[0]?.readers).toEqual([{ pipeline: 'web-app', basis: 'policy', branches: ['main'], conditions: [] }]);
    expect(slugs(report.pipelines)).toEqual(['api-release', 'web-app']);
    const release = pipeline(report.pipelines, 'api-release');
    const webApp = pipeline(report.pipelines, 'web-app');
    expect(webApp).toMatchObject({ access: 'reads', grant: { branches: ['main'] } });
    expect(webApp.references).toEqual([{ file: 'acme/api:.buildkite/deploy.yml', line: 6, kind: 'secrets', detail: 'step "deploy": secrets DEPLOY_KEY' }]);
    expect(release).toMatchObject({ access: 'cannot read', why: 'the policy of DEPLOY_KEY in cluster prod does not admit it' });
    expect(release.pipeline.branch_configuration).toBe('main release/*');
    expect(release.references).toEqual([expect.objectContaining({ file: 'buildkite:acme-inc/api-release', line: 6, kind: 'secret get' })]);
    expect(report.audience.teams).toEqual([
      { team: 'docs', members: 1, pipelines: [{ pipeline: 'web-app', access_level: 'READ_ONLY', can: 'see' }] },
      { team: 'everyone', members: 2, pipelines: [{ pipeline: 'api-release', access_level: 'BUILD_AND_READ', can: 'run' }] },
      { team: 'platform', members: 1, pipelines: [{ pipeline: 'web-app', access_level: 'MANAGE_BUILD_AND_READ', can: 'run' }] },
    ]);
    expect(report.audience.admins).toBe(1);
    expect(report.not_inspected).toEqual([{ pipeline: 'docs-site', reason: "the pipeline's repository (git@gitlab.com:acme-inc/docs-site.git) is not on the GitHub this snapshot read, so its YAML was not collected" }]);
    expect(report.not_visible).toEqual([]);
  });

  it('finds an unrestricted secret in both clusters, readable by every pipeline of each on any branch', async () => {
    const { code, report } = await json<SecretReport>(['--secret', 'NPM_TOKEN']);
    expect(code).toBe(0);
    expect(report.secrets.map((s) => s.cluster.name)).toEqual(['prod', 'oss']);
    expect(report.secrets.map((s) => s.readers.map((r) => r.pipeline))).toEqual([['web-app', 'api-release'], ['docs-site', 'web']]);
    expect(report.secrets[1]?.policy_summary).toBe('no policy: any pipeline on any branch of the cluster');
    expect(slugs(report.pipelines)).toEqual(['api-release', 'docs-site', 'web', 'web-app']);
    const web = pipeline(report.pipelines, 'web');
    expect(web).toMatchObject({ access: 'reads', grant: { basis: 'no policy', branches: null }, pipeline: { cluster: 'oss', visibility: 'public' } });
    expect(web.references).toEqual([expect.objectContaining({ file: 'acme/web:buildkite.yml', kind: 'plugin' })]);
    expect(report.audience.public_pipelines).toEqual(['web']);
    expect(report.audience.teams.map((t) => t.team)).toEqual(['docs', 'everyone', 'platform']);
  });

  it('prints grouped sections for a person', async () => {
    const r = await runCli(['blast-radius', '--snapshot', snapshot, '--secret', 'DEPLOY_KEY']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kiteguard blast-radius: secret DEPLOY_KEY\n');
    expect(r.stdout).toContain('Cluster secrets: 1\n  DEPLOY_KEY in cluster prod');
    expect(r.stdout).toContain('    readable by: web-app (branches main)\n');
    expect(r.stdout).toContain('    can read DEPLOY_KEY on branches main (policy); builds every branch\n    acme/api:.buildkite/deploy.yml:6  step "deploy": secrets DEPLOY_KEY\n');
    expect(r.stdout).toContain('  team everyone (2 members): run api-release (BUILD_AND_READ)\n');
    expect(r.stdout).toContain('Pipeline YAML not inspected: 1\n  docs-site: ');
  });

  it('reports secrets it could not see as not visible, and pipelines of that cluster as unknown', async () => {
    const { code, report } = await json<SecretReport>(['--secret', 'NPM_TOKEN'], hidden);
    expect(code).toBe(0);
    expect(report.secrets.map((s) => s.cluster.name)).toEqual(['prod']);
    expect(report.not_visible).toEqual([expect.objectContaining({ what: 'secrets of cluster oss', reason: expect.stringMatching(/^403 /), needs: 'read_secrets_details' })]);
    expect(pipeline(report.pipelines, 'web')).toMatchObject({ access: 'unknown', why: 'the secrets of cluster oss are not visible' });
    const text = await runCli(['blast-radius', '--snapshot', hidden, '--secret', 'NPM_TOKEN']);
    expect(text.stdout).toMatch(/\n {2}secrets of cluster oss not visible: 403 .*\(needs read_secrets_details\)\n/);
  });

  it('exits 1 when no cluster has the secret and no YAML references it, and says what it could not look at', async () => {
    const r = await runCli(['blast-radius', '--snapshot', hidden, '--secret', 'NOPE']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Nothing found: no visible cluster has a secret NOPE, and no inspected pipeline YAML references it.');
    expect(r.stdout).toContain('secrets of cluster oss not visible');
    expect(r.stdout).toContain('docs-site: ');
  });
});

describe('--env', () => {
  it('finds the pipelines that read a variable in commands and pass it through plugins', async () => {
    const { code, report } = await json<EnvReport>(['--env', 'NPM_TOKEN']);
    expect(code).toBe(0);
    expect(slugs(report.pipelines)).toEqual(['web', 'web-app']);
    expect(report.pipelines[0]?.references).toEqual([{ file: 'acme/web:buildkite.yml', line: 5, kind: 'plugin', detail: 'step "test": plugin docker passes NPM_TOKEN (environment)' }]);
    expect(report.pipelines[1]?.references).toEqual([expect.objectContaining({ file: 'acme/api:.buildkite/pipeline.yml', line: 5, kind: 'command' })]);
    expect(report.audience.teams.map((t) => [t.team, t.pipelines.map((p) => `${p.can} ${p.pipeline}`)])).toEqual([
      ['docs', ['see web-app']],
      ['everyone', ['run web']],
      ['platform', ['run web-app']],
    ]);
  });

  it('finds a variable set in the build env of saved steps and read as ${VAR}', async () => {
    const { report } = await json<EnvReport>(['--env', 'RELEASE_CHANNEL']);
    expect(slugs(report.pipelines)).toEqual(['api-release']);
    expect(report.pipelines[0]?.references.map((r) => [r.kind, r.line])).toEqual([['env', 2], ['command', 7]]);
  });

  it("finds a variable set in a pipeline's Buildkite env setting", async () => {
    const { report } = await json<EnvReport>(['--env', 'DEPLOY_ENV']);
    expect(slugs(report.pipelines)).toEqual(['legacy-deploy']);
    expect(report.pipelines[0]?.references).toEqual([{ file: 'buildkite:legacy-deploy (pipeline settings)', line: null, kind: 'pipeline env', detail: "the pipeline's Buildkite env setting sets DEPLOY_ENV" }]);
    expect(report.audience.public_pipelines).toEqual(['legacy-deploy']);
  });

  it('exits 1 when no pipeline uses the variable', async () => {
    const r = await runCli(['blast-radius', '--snapshot', snapshot, '--env', 'NOT_USED_ANYWHERE']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Nothing found: no inspected pipeline sets or reads NOT_USED_ANYWHERE.');
  });
});

describe('--token', () => {
  it('finds an API access token: owner, scopes and what they reach', async () => {
    const { code, report } = await json<TokenReport>(['--token', IDS.adminToken]);
    expect(code).toBe(0);
    expect(report.matches).toHaveLength(1);
    const m = report.matches[0] as ApiTokenMatch;
    expect(m).toMatchObject({ type: 'api_access_token', source: 'buildkite.api_access_tokens', description: 'ci admin', expires_at: null, owner: { name: 'Ada Admin' } });
    expect(m.scopes).toEqual(['read_pipelines', 'write_pipelines', 'write_builds', 'graphql']);
    expect(m.owner_reach).toMatchObject({ admin: true, teams: ['everyone', 'platform'] });
    expect(m.reach.find((r) => r.scope === 'write_builds')?.reaches).toMatch(/^start, rebuild and cancel builds of every pipeline \(5; the owner is an organization admin\)/);
    const text = await runCli(['blast-radius', '--snapshot', snapshot, '--token', IDS.adminToken]);
    expect(text.stdout).toContain(`API access token ${IDS.adminToken} (ci admin), from buildkite.api_access_tokens\n  owner: Ada Admin <ada@acme.example>, organization admin`);
  });

  it('finds a cluster agent token: its cluster, queues, pipelines, secrets and the teams that run them', async () => {
    const { code, report } = await json<TokenReport>(['--token', IDS.prodAgentToken]);
    expect(code).toBe(0);
    const m = report.matches[0] as AgentTokenMatch;
    expect(m).toMatchObject({ type: 'agent_token', cluster: { id: IDS.prod, name: 'prod' }, description: 'prod agents', queues: ['default', 'deploy'] });
    expect(m.pipelines.map((p) => p.slug)).toEqual(['web-app', 'api-release']);
    expect(m.secrets?.map((s) => s.key)).toEqual(['DEPLOY_KEY', 'NPM_TOKEN', 'SENTRY_TOKEN']);
    expect(m.audience.teams.filter((t) => t.pipelines.some((p) => p.can === 'run')).map((t) => t.team)).toEqual(['everyone', 'platform']);
  });

  it('exits 1 with what it searched when the id is nowhere in the snapshot', async () => {
    const r = await runCli(['blast-radius', '--snapshot', snapshot, '--token', 'ffffffff-0000-4000-8000-000000000000']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Not found in the snapshot: no token has the id ffffffff-0000-4000-8000-000000000000.');
    expect(r.stdout).toContain("searched: 2 API access tokens (buildkite.api_access_tokens); the collector's own token (buildkite.access_token); 3 agent tokens of 2 clusters (prod, oss)");
  });
});

describe('output and usage', () => {
  it('writes the report to -o', async () => {
    const out = join(work, 'report.json');
    const r = await runCli(['blast-radius', '--snapshot', snapshot, '--env', 'NPM_TOKEN', '-f', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as EnvReport).query).toEqual({ kind: 'env', name: 'NPM_TOKEN' });
  });

  it.each([
    ['no --snapshot', ['--secret', 'X'], /required option '--snapshot <file>' not specified/],
    ['no query', ['--snapshot', 'S'], /name exactly one thing to look up: --secret NAME, --env VAR or --token ID \(none was given\)/],
    ['two queries', ['--snapshot', 'S', '--secret', 'X', '--env', 'Y'], /name exactly one thing .*\(got --secret and --env\)/],
    ['an empty name', ['--snapshot', 'S', '--env', ' '], /--env needs a non-empty value/],
    ['an unknown format', ['--snapshot', 'S', '--env', 'X', '--format', 'sarif'], /argument 'sarif' is invalid/],
  ])('exits 2 for %s', async (_name, args, message) => {
    const r = await runCli(['blast-radius', ...args.map((a) => (a === 'S' ? snapshot : a))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a file that is not a snapshot, naming file:line', async () => {
    const bad = saveText(work, 'bad.json', '{\n  "schemaVersion": 1,\n  oops\n}\n');
    const r = await runCli(['blast-radius', '--snapshot', bad, '--secret', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:3:3: not valid JSON/);
  });

  it('exits 2 for a missing file and for a snapshot without Buildkite', async () => {
    const missing = await runCli(['blast-radius', '--snapshot', join(work, 'nope.json'), '--secret', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read snapshot: ENOENT/);
    const githubOnly = JSON.parse(readFileSync(snapshot, 'utf8'));
    delete githubOnly.buildkite;
    const file = saveText(work, 'github-only.json', JSON.stringify(githubOnly));
    const r = await runCli(['blast-radius', '--snapshot', file, '--env', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the snapshot has no Buildkite section; collect it with `kiteguard collect --buildkite-org SLUG`');
  });
});
