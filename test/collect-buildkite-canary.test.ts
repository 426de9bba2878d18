// The token never appears in the snapshot, a warning or an error, even when the server echoes it back and faults fire.
import { describe, expect, test } from 'vitest';
import { BuildkiteClient } from '../src/collect/buildkite/client.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';
import { startBuildkiteSim } from './sim/buildkite/server.js';
import type { Fault } from './sim/buildkite/faults.js';

const CANARY = 'bkua_CANARY_7f3d9c2b1a0e4f5d8c6b7a9e0d1c2b3a4f5e6d7c';
const ORG = '/v2/organizations/acme-inc';

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('token canary', () => {
  const runs: Array<[string, Fault[]]> = [
    ['no faults', []],
    [
      'every fault kind, with the server echoing the Authorization header into error bodies',
      [
        { path: `${ORG}/pipelines`, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 },
        { path: `${ORG}/clusters`, kind: 'status', status: 502, times: 1 },
        { path: `${ORG}/teams`, kind: 'slow', delayMs: 300, times: 1 },
        { path: `${ORG}/pipeline-templates`, kind: 'truncate', times: 1 },
        { path: '/v2/access-token', kind: 'invalid-json', times: 1 },
        { path: `${ORG}/api-settings`, kind: 'status', status: 403 },
        { path: `${ORG}/repository_connections`, kind: 'status', status: 500 },
        { path: '/graphql', kind: 'status', status: 401 },
      ],
    ],
  ];

  test.each(runs)('%s', async (_name, faults) => {
    const estate = fixtureEstate(CANARY);
    const run = await collectFromSim(estate, { faults, echoAuthorizationInErrors: true }, { timeoutMs: 150 });
    expect(run.sim.authorizations).toEqual(new Set([`Bearer ${CANARY}`]));
    const everything = JSON.stringify({ snapshot: run.snapshot, warnings: run.warnings, incomplete: run.incomplete });
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(CANARY.slice(5, 25));
    if (faults.length > 0) {
      expect(run.incomplete.length).toBeGreaterThan(0);
      expect(run.warnings.length).toBeGreaterThan(0);
    }
  });

  test('thrown errors carry no token, even when the error body repeats it', async () => {
    const estate = fixtureEstate(CANARY);
    const sim = await startBuildkiteSim({ estate, echoAuthorizationInErrors: true, faults: [{ path: '/v2/access-token', kind: 'status', status: 400 }] });
    try {
      const client = new BuildkiteClient({ token: CANARY, apiUrl: sim.apiUrl, graphqlUrl: sim.graphqlUrl, maxAttempts: 1 });
      const errors = await Promise.all([
        client.get('/access-token').catch((e: unknown) => e),
        client.get('/organizations/unknown').catch((e: unknown) => e),
        new BuildkiteClient({ token: 'bkua_wrong', apiUrl: sim.apiUrl, graphqlUrl: sim.graphqlUrl, maxAttempts: 1 }).graphql('Q', '{ viewer { id } }').catch((e: unknown) => e),
      ]);
      for (const err of errors) {
        expect(err).toBeInstanceOf(Error);
        const text = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}`;
        expect(text).not.toContain(CANARY);
        expect(text).not.toContain('bkua_wrong');
      }
      expect(String(errors[0])).toMatch(/\[redacted\]/);
    } finally {
      await sim.close();
    }
  });
});
