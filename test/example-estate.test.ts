// The bundled example estate (fixtures/estate/snapshot.json) is real collector output: the
// GitHub and Buildkite collectors run against the simulators' fixture organizations, joined
// (two Buildkite pipelines build GitHub repositories). KITEGUARD_UPDATE_FIXTURES=1 rewrites it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { collectBuildkite } from '../src/collect/buildkite/collect.js';
import { snapshotProblems } from '../src/snapshot/validate.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { ROOT } from './helpers.js';
import { fakeClock } from './sim/buildkite/harness.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { startBuildkiteSim } from './sim/buildkite/server.js';
import { mustCollect, testAppKeys } from './sim/github/harness.js';
import { fixtureOrg, fixtureTokens, startGithubSim } from './sim/github/index.js';

const FILE = join(ROOT, 'fixtures/estate/snapshot.json');
const COLLECTED_AT = '2026-11-30T02:00:00.000Z';

async function collectExample(): Promise<Snapshot> {
  const keys = testAppKeys();
  const github = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), blobTextLimit: 2048, app: { appId: 4242, publicKeyPem: keys.publicKey, installationId: 61 } });
  const estate = fixtureEstate();
  const webApp = estate.pipelines.find((p) => p.slug === 'web-app')!;
  webApp.repository = 'git@github.com:acme/api.git';
  const legacy = estate.pipelines.find((p) => p.slug === 'legacy-deploy')!;
  legacy.repository = 'https://github.com/acme/web.git';
  const clock = fakeClock();
  const buildkite = await startBuildkiteSim({ estate, now: clock.now });
  try {
    const gh = await mustCollect(github, { auth: { appId: '4242', privateKey: keys.privateKey, installationId: 61 } });
    const bk = await collectBuildkite({ org: estate.org.slug, token: estate.apiAccessTokens[0]!.token, apiUrl: buildkite.apiUrl, graphqlUrl: buildkite.graphqlUrl, sleep: clock.sleep, now: clock.now });
    const api = (s: string) => s.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'https://api.github.com');
    return JSON.parse(
      api(JSON.stringify({ schemaVersion: 1, collected_at: COLLECTED_AT, kiteguard_version: '0.1.0', incomplete: [...gh.incomplete, ...bk.incomplete].sort(), github: gh.snapshot, buildkite: bk.snapshot })),
    ) as Snapshot;
  } finally {
    await github.close();
    await buildkite.close();
  }
}

test('the bundled example estate is what the collectors write for the fixture organizations', async () => {
  const snapshot = await collectExample();
  expect(snapshotProblems(snapshot)).toEqual([]);
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (process.env.KITEGUARD_UPDATE_FIXTURES === '1' || !existsSync(FILE)) writeFileSync(FILE, text);
  expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(snapshot);
});
