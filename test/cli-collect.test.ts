// `kiteguard collect` through run(): both simulators at once, the snapshot file, the
// summary, exit codes, and no token anywhere in what it prints or writes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../src/snapshot/io.js';
import { runCli } from './helpers.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { startBuildkiteSim, type BuildkiteSim } from './sim/buildkite/server.js';
import { simCollectArgs } from './sim/collect-args.js';
import { fixtureOrg, fixtureTokens, startGithubSim, type GithubSim } from './sim/github/index.js';

const GITHUB_TOKEN = 'ghp_CANARYcollectcli000000000000000000000';
const BUILDKITE_TOKEN = 'bkua_CANARYcollectcli0000000000000000000';

let github: GithubSim;
let buildkite: BuildkiteSim;
const estate = fixtureEstate(BUILDKITE_TOKEN);
const work = mkdtempSync(join(tmpdir(), 'kiteguard-collect-cli-'));

beforeAll(async () => {
  const org = fixtureOrg();
  github = await startGithubSim({ org, tokens: fixtureTokens({ [GITHUB_TOKEN]: { kind: 'classic', login: 'owner', orgRole: 'owner', scopes: ['read:org', 'repo'] } }) });
  // Several collections run against one simulator here: lift the per-user REST limit (50 a minute) so none waits for a window.
  buildkite = await startBuildkiteSim({ estate, restLimit: 10_000 });
});
afterAll(async () => {
  await github.close();
  await buildkite.close();
});

function collectArgs(out: string): string[] {
  return simCollectArgs(github, fixtureOrg().login, buildkite, estate.org.slug, out);
}

const ENV = { GITHUB_TOKEN, BUILDKITE_API_TOKEN: BUILDKITE_TOKEN };

describe('kiteguard collect', () => {
  it('writes one snapshot of both providers, a summary of the API calls, and why a section is missing', async () => {
    const out = join(work, 'snapshot.json');
    const r = await runCli(collectArgs(out), { env: ENV });
    expect(r.stderr).toMatch(/^github: acme: \d+ repositories; \d+ REST calls?.*GraphQL quer/m);
    expect(r.stderr).toMatch(/^buildkite: [\w-]+: \d+ pipelines; \d+ REST calls?/m);
    const snapshot = readSnapshot(out);
    expect(snapshot.schemaVersion).toBe(1);
    expect(snapshot.github?.org).toBe(fixtureOrg().login);
    expect(snapshot.buildkite?.org).toBe(estate.org.slug);
    // A plain token can never list fine-grained PAT grants (only a GitHub App can): reported, but the collection is complete.
    expect(r.code).toBe(0);
    expect(snapshot.incomplete).toEqual([]);
    expect(snapshot.not_collectable).toEqual(['github.personal_access_tokens']);
    expect(r.stderr).toContain('not collectable with this credential (their rules are unknown): github.personal_access_tokens');
    expect(snapshot.github?.personal_access_tokens).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('only be listed by a GitHub App') });
    for (const text of [r.stdout, r.stderr, readFileSync(out, 'utf8')]) {
      expect(text).not.toContain(GITHUB_TOKEN);
      expect(text).not.toContain(BUILDKITE_TOKEN);
    }
  });

  it('exits 3 with a readable reason when a section is refused, and keeps the rest', async () => {
    const out = join(work, 'partial.json');
    buildkite.faults.push({ kind: 'status', status: 403, path: `/v2/organizations/${estate.org.slug}/api-settings` });
    try {
      const r = await runCli(collectArgs(out), { env: ENV });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('snapshot incomplete');
      expect(r.stderr).toContain('buildkite.api_settings');
      expect(r.stderr).toMatch(/why:\n(.*\n)*\s+\d+ sections?: .*403/);
      const snapshot = readSnapshot(out);
      expect(snapshot.buildkite?.api_settings.status).toBe('unavailable');
      expect(snapshot.buildkite?.pipelines.status).toBe('ok');
      expect(snapshot.incomplete).toContain('buildkite.api_settings');
    } finally {
      buildkite.faults.length = 0;
    }
  });

  it.each([
    [['collect'], {}, 'name what to collect: --github-org ORG and/or --buildkite-org SLUG'],
    [['collect', '--github-org', 'acme'], {}, '--github-org needs a GitHub token in GITHUB_TOKEN or GH_TOKEN'],
    [['collect', '--buildkite-org', 'acme'], {}, '--buildkite-org needs a Buildkite API token in BUILDKITE_API_TOKEN'],
    [['collect', '--repo', 'not-a-repo'], ENV, '--repo not-a-repo: expected owner/name'],
    [['collect', '--github-org', 'acme', '--github-api-url', 'ftp://x'], ENV, '--github-api-url ftp://x: expected an http(s) URL'],
    [['collect', '--buildkite-org', 'acme', '--timeout', '0'], ENV, '--timeout 0: expected a positive whole number'],
  ])('usage error %j exits 2', async (args, env, message) => {
    const r = await runCli(args, { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('reading a snapshot', () => {
  const write = (name: string, text: string) => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['invalid JSON', '{\n  "schemaVersion": 1,\n  oops\n}\n', /bad\.json:3:3: not valid JSON .*expected a snapshot written by `kiteguard collect`/],
    ['another schema version', '{\n  "schemaVersion": 2,\n  "collected_at": "2026-01-01T00:00:00Z"\n}\n', /bad\.json:2:20: not a kiteguard snapshot at \/schemaVersion: schemaVersion 2; this kiteguard reads snapshots with schemaVersion 1/],
    ['a missing field', '{"schemaVersion": 1, "collected_at": "2026-01-01T00:00:00Z", "incomplete": []}', /bad\.json:1:1: not a kiteguard snapshot: missing required property `kiteguard_version`/],
    ['not an object', '[1, 2]', /bad\.json: not a kiteguard snapshot: expected a JSON object|bad\.json:1:1: not a kiteguard snapshot: expected a JSON object/],
  ])('rejects %s with file, line and what was expected', (_name, text, message) => {
    const file = write('bad.json', text);
    expect(() => readSnapshot(file)).toThrow(message);
  });

  it('points at the wrong field deep inside a section', () => {
    const good = JSON.parse(readFileSync(join(work, 'snapshot.json'), 'utf8'));
    good.buildkite.api_settings = { status: 'maybe' };
    const file = write('deep.json', `${JSON.stringify(good, null, 2)}\n`);
    let message = '';
    try {
      readSnapshot(file);
    } catch (err) {
      message = (err as Error).message;
    }
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"maybe"')) + 1;
    expect(message).toMatch(new RegExp(`^.*deep\\.json:${line - 1}:\\d+: not a kiteguard snapshot at /buildkite/api_settings|^.*deep\\.json:${line}:\\d+: not a kiteguard snapshot at /buildkite/api_settings`));
  });
});

describe('kiteguard sweep', () => {
  it('collects, evaluates and writes snapshot, results, HTML report and summary into --out', { timeout: 120_000 }, async () => {
    const out = join(work, 'sweep');
    const args = collectArgs('unused').slice(1, -2);
    const r = await runCli(['sweep', ...args, '--out', out, '--now', '2026-12-01T00:00:00Z'], { env: ENV });
    expect(r.stderr).toMatch(/evaluated \d+ targets: \d+ failing findings/);
    expect(r.code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { format: { name: string }; targets: string[] };
    expect(results.format.name).toBe('kiteguard-report');
    expect(results.targets).toContain('organization');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('kiteguard');
    expect(readSnapshot(join(out, 'snapshot.json')).buildkite?.org).toBe(estate.org.slug);
    for (const name of ['snapshot.json', 'results.json', 'report.html', 'summary.md']) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text, name).not.toContain(GITHUB_TOKEN);
      expect(text, name).not.toContain(BUILDKITE_TOKEN);
    }
    const again = await runCli(['sweep', ...args, '--out', join(work, 'sweep2'), '--baseline', join(out, 'results.json'), '--now', '2026-12-01T00:00:00Z', '--quiet'], { env: ENV });
    expect(again.stderr).toBe('');
    const drift = (JSON.parse(readFileSync(join(work, 'sweep2', 'results.json'), 'utf8')) as { drift?: { newFailures: unknown[] } }).drift;
    expect(drift?.newFailures).toEqual([]);
  });
});
