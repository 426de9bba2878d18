// Faults: after a transient fault the snapshot equals the fault-free one; a lasting one marks exactly its section.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { GithubSnapshot } from '../src/collect/github/index.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type FaultRule, type GithubSim } from './sim/github/index.js';
import { mustCollect } from './sim/github/harness.js';

let sim: GithubSim;
let baseline: GithubSnapshot;
const auth = { token: TOKENS.owner };

beforeAll(async () => {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens() });
  baseline = (await mustCollect(sim, { auth })).snapshot;
});
afterAll(() => sim.close());
beforeEach(() => sim.faults.clear());

const transient: [string, FaultRule][] = [
  ['429 with retry-after on the org repository list', { path: '/orgs/acme/repos', times: 1, fault: { kind: 'rate-limit', retryAfter: 1 } }],
  ['secondary rate limit 403 on GraphQL', { path: '/graphql', times: 1, fault: { kind: 'secondary-rate-limit', retryAfter: 1 } }],
  ['secondary rate limit 429 on org settings', { path: '/orgs/acme', times: 1, fault: { kind: 'secondary-rate-limit', status: 429 } }],
  ['502 twice on org settings', { path: '/orgs/acme', times: 2, fault: { kind: 'status', status: 502 } }],
  ['503 on GraphQL', { path: '/graphql', times: 1, fault: { kind: 'status', status: 503 } }],
  ['a response slower than the client timeout', { path: '/orgs/acme/installations', times: 1, fault: { kind: 'slow', delayMs: 1500 } }],
  ['a truncated REST body', { path: '/orgs/acme/repos', times: 1, fault: { kind: 'truncate' } }],
  ['a truncated GraphQL body', { path: '/graphql', times: 2, fault: { kind: 'truncate' } }],
];

test.each(transient)('%s: retried, same data as without faults', async (_name, rule) => {
  sim.faults.add(rule);
  const run = await mustCollect(sim, { auth, timeoutMs: 800 });
  expect(sim.faults.hits()).toEqual([rule.times]);
  expect(run.stats.retries).toBeGreaterThanOrEqual(1);
  expect(run.snapshot).toEqual(baseline);
  expect(run.incomplete).toEqual([]);
});

test('a lasting 403 on installations marks only installations unavailable', async () => {
  sim.faults.add({ path: '/orgs/acme/installations', fault: { kind: 'forbidden', message: 'Resource not accessible by integration' } });
  const run = await mustCollect(sim, { auth });
  expect(run.snapshot.installations).toMatchObject({ status: 'unavailable', http_status: 403, reason: expect.stringContaining('Resource not accessible by integration') });
  expect({ ...run.snapshot, installations: baseline.installations }).toEqual(baseline);
  expect(run.incomplete).toEqual(['github.installations']);
});

test('a lasting 502 on the org repository list marks only security_and_analysis unavailable', async () => {
  sim.faults.add({ path: '/orgs/acme/repos', fault: { kind: 'status', status: 502 } });
  const run = await mustCollect(sim, { auth });
  const repos = run.snapshot.repositories.status === 'ok' ? run.snapshot.repositories.data : [];
  expect(repos).toHaveLength(5);
  for (const r of repos) expect(r.security_and_analysis).toMatchObject({ status: 'unavailable', http_status: 502 });
  const restored = structuredClone(run.snapshot);
  if (restored.repositories.status === 'ok' && baseline.repositories.status === 'ok') {
    restored.repositories.data.forEach((r, i) => (r.security_and_analysis = (baseline.repositories as { data: typeof repos }).data[i]!.security_and_analysis));
  }
  expect(restored).toEqual(baseline);
  expect(run.incomplete).toEqual(['github.repositories[*].security_and_analysis']);
});

test('a lasting GraphQL outage leaves the REST sections intact and says what is missing', async () => {
  sim.faults.add({ path: '/graphql', fault: { kind: 'status', status: 502 } });
  const run = await mustCollect(sim, { auth });
  expect(run.snapshot.repositories).toMatchObject({ status: 'unavailable', http_status: 502 });
  expect(run.snapshot.teams).toMatchObject({ status: 'unavailable', http_status: 502 });
  expect(run.snapshot.organization).toEqual(baseline.organization);
  expect(run.snapshot.installations).toEqual(baseline.installations);
  expect(run.incomplete).toEqual(['github.org_rulesets', 'github.teams', 'github.repositories']);
});

test('bad credentials: every section says so, nothing is thrown', async () => {
  const run = await mustCollect(sim, { auth: { token: 'ghp_notARealToken000000000000000000000000' } });
  expect(run.snapshot.organization).toMatchObject({ status: 'unavailable', http_status: 401 });
  expect(run.snapshot.repositories).toMatchObject({ status: 'unavailable' });
  expect(run.incomplete).toContain('github.repositories');
});
