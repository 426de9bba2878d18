// An API host that cannot be reached, or that rejects the token, ends the collection after a few
// attempts with one error naming the API URL and the cause (exit 2), instead of retrying for half a
// minute and blaming permissions section by section. Attempts are counted where they land.
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBuildkite } from '../src/collect/buildkite/collect.js';
import { collectGithub } from '../src/collect/github/index.js';
import { NETWORK_ATTEMPTS } from '../src/collect/gate.js';
import { runCli } from './helpers.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { startBuildkiteSim, type BuildkiteSim } from './sim/buildkite/server.js';
import { fixtureOrg, fixtureTokens, startGithubSim, type GithubSim } from './sim/github/index.js';

const GITHUB_TOKEN = 'ghp_UNREACHABLEcanary0000000000000000000';
const BUILDKITE_TOKEN = 'bkua_UNREACHABLEcanary000000000000000000';

let closedUrl: string;
let resetting: Server;
let resetUrl: string;
let resets = 0;
let github: GithubSim;
let buildkite: BuildkiteSim;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  const closed = createServer();
  const port = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  closedUrl = `http://127.0.0.1:${port}`;
  resetting = createServer((socket) => {
    resets += 1;
    socket.resetAndDestroy();
  });
  resetUrl = `http://127.0.0.1:${await listen(resetting)}`;
  github = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens() });
  buildkite = await startBuildkiteSim({ estate: fixtureEstate('bkua_theRealTokenOfTheEstate00000000000'), restLimit: 10_000 });
});
afterAll(async () => {
  resetting.close();
  await github.close();
  await buildkite.close();
});

const fast = { concurrency: 1, retryUnitMs: 5, graphqlIntervalMs: 0 };

describe('GitHub', () => {
  it('a closed port: a few attempts, then "cannot reach <url>: connection refused"', async () => {
    const r = await collectGithub({ org: 'acme', auth: { token: GITHUB_TOKEN }, apiUrl: closedUrl, ...fast });
    expect(r.unusable).toBe(`cannot reach ${closedUrl}: connection refused`);
    expect(r.stats.rest + r.stats.graphql).toBe(NETWORK_ATTEMPTS);
    expect(r.snapshot.organization).toMatchObject({ status: 'unavailable', reason: expect.stringContaining(`cannot reach ${closedUrl}: connection refused`) });
    expect(r.snapshot.organization).not.toHaveProperty('needs');
  });

  it('a host that resets every connection is tried a bounded number of times', async () => {
    resets = 0;
    const r = await collectGithub({ org: 'acme', auth: { token: GITHUB_TOKEN }, apiUrl: resetUrl, ...fast });
    expect(r.unusable).toBe(`cannot reach ${resetUrl}: connection reset`);
    expect(resets).toBe(NETWORK_ATTEMPTS);
  });

  it('a TLS handshake that fails (https to a plain-HTTP server) is not retried', async () => {
    const https = github.url.replace(/^http:/, 'https:');
    const r = await collectGithub({ org: 'acme', auth: { token: GITHUB_TOKEN }, apiUrl: https, ...fast });
    expect(r.unusable).toMatch(new RegExp(`^cannot reach ${https}: TLS handshake failed \\(ERR_SSL_[A-Z_]+\\)$`));
    expect(r.stats.rest + r.stats.graphql).toBe(1);
  });

  it('401 Bad credentials is sent once, never retried, and reported as token rejected', async () => {
    github.resetStats();
    const r = await collectGithub({ org: 'acme', auth: { token: GITHUB_TOKEN }, apiUrl: github.url, ...fast });
    expect(github.stats.rest + github.stats.graphql).toBe(1);
    expect(r.unusable).toMatch(new RegExp(`^token rejected by ${github.url} \\(401 Bad credentials\\)`));
    expect(r.snapshot.repositories).toMatchObject({ status: 'unavailable', http_status: 401, reason: expect.stringContaining('token rejected') });
  });
});

describe('Buildkite', () => {
  const options = (url: string) => ({ org: 'acme', token: BUILDKITE_TOKEN, apiUrl: `${url}/v2`, graphqlUrl: `${url}/v1/graphql`, concurrency: 1, sleep: async () => {} });

  it('a closed port: a few attempts, then "cannot reach <url>: connection refused"', async () => {
    const r = await collectBuildkite(options(closedUrl));
    expect(r.unusable).toBe(`cannot reach ${closedUrl}/v2: connection refused; cannot reach ${closedUrl}/v1/graphql: connection refused`);
    expect(r.stats.rest).toBe(NETWORK_ATTEMPTS);
    expect(r.stats.graphql).toBe(NETWORK_ATTEMPTS);
  });

  it('a host that resets every connection is tried a bounded number of times per API', async () => {
    resets = 0;
    const r = await collectBuildkite(options(resetUrl));
    expect(r.unusable).toContain(`cannot reach ${resetUrl}/v2: connection reset`);
    expect(resets).toBe(2 * NETWORK_ATTEMPTS);
  });

  it('401 is sent once per API, never retried, and reported as token rejected', async () => {
    const before = buildkite.counts.rest + buildkite.counts.graphql;
    const r = await collectBuildkite({ ...options(''), apiUrl: buildkite.apiUrl, graphqlUrl: buildkite.graphqlUrl });
    expect(buildkite.counts.rest + buildkite.counts.graphql - before).toBe(2);
    expect(r.unusable).toContain(`token rejected by ${buildkite.apiUrl} (401 Authentication required)`);
  });
});

describe('kiteguard collect', () => {
  it('exits 2 with one error naming the URL and the cause, writes no snapshot, and shows no token', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kiteguard-unreachable-')), 'snapshot.json');
    const r = await runCli(['collect', '--github-org', 'acme', '--github-api-url', closedUrl, '--buildkite-org', 'acme', '--buildkite-api-url', `${resetUrl}/v2`, '--buildkite-graphql-url', `${resetUrl}/v1`, '-o', out], {
      env: { GITHUB_TOKEN, BUILDKITE_API_TOKEN: BUILDKITE_TOKEN },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`GitHub: cannot reach ${closedUrl}: connection refused`);
    expect(r.stderr).toContain(`Buildkite: cannot reach ${resetUrl}/v2: connection reset`);
    expect(r.stderr).not.toMatch(/permission|needs /);
    expect(r.stderr + r.stdout).not.toContain('UNREACHABLEcanary');
    expect(existsSync(out)).toBe(false);
  });
});
