// A Buildkite pipeline with one field that cannot be read stays a target of its own: exactly that field is
// `unavailable` (listed in `incomplete`), the rules reading it are unknown with the reason, and the others judge it.
import { expect, test } from 'vitest';
import { evaluateSnapshot } from '../src/app/evaluate.js';
import type { RuleOutcome } from '../src/model/report.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';

type Item = Record<string, unknown>;

/** Collects the fixture estate with `change` applied to the pipeline `slug` of the REST pipeline list, and evaluates it. */
async function collectWith(slug: string, change: (p: Item) => void): Promise<{ incomplete: string[]; snapshot: Snapshot; outcomes: RuleOutcome[] }> {
  const tamper = (where: string, body: unknown) => {
    if (where !== 'pipelines' || !Array.isArray(body)) return body;
    return body.map((p: Item) => {
      if (p.slug !== slug) return p;
      const copy = structuredClone(p);
      change(copy);
      return copy;
    });
  };
  const run = await collectFromSim(fixtureEstate(), { tamper });
  const snapshot: Snapshot = { schemaVersion: 1, collected_at: '2025-12-01T00:00:00.000Z', kiteguard_version: 'test', incomplete: run.incomplete, buildkite: run.snapshot };
  const report = await evaluateSnapshot({ snapshot: structuredClone(snapshot), cwd: process.cwd(), now: new Date('2025-12-01T00:00:00Z') });
  return { incomplete: run.incomplete, snapshot, outcomes: report.outcomes };
}

const byTarget = (outcomes: RuleOutcome[], target: string) => new Map(outcomes.filter((o) => o.target === target).map((o) => [o.ruleId, o]));

test.each([
  ['missing', (p: Item) => delete p.visibility],
  ['null', (p: Item) => (p.visibility = null)],
  ['of the wrong type', (p: Item) => (p.visibility = 7)],
])('a pipeline whose visibility is %s: only that field is unavailable, only its rule unknown', async (_what, change) => {
  const clean = await collectWith('none', () => {});
  const bad = await collectWith('legacy-deploy', change);
  expect(bad.incomplete).toEqual(['buildkite.pipelines[legacy-deploy].visibility']);
  const pipelines = bad.snapshot.buildkite!.pipelines as { status: 'ok'; data: Item[] };
  expect(bad.snapshot.buildkite!.pipelines_unread).toBeUndefined();
  expect(pipelines.data.find((p) => p.slug === 'legacy-deploy')!.visibility).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('`visibility` was') });
  expect(bad.outcomes.some((o) => o.target.endsWith('/*'))).toBe(false);
  const before = byTarget(clean.outcomes, 'buildkite:acme-inc/legacy-deploy');
  const after = byTarget(bad.outcomes, 'buildkite:acme-inc/legacy-deploy');
  expect(before.get('buildkite/public_pipeline')!.outcome).toBe('fail');
  expect(after.get('buildkite/public_pipeline')).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('the visibility of pipeline `legacy-deploy` not visible') });
  // Every other rule on the pipeline decides as it did with the field read.
  for (const [rule, o] of before) if (rule !== 'buildkite/public_pipeline') expect([rule, after.get(rule)!.outcome]).toEqual([rule, o.outcome]);
});

test('a provider without its settings: the settings are unavailable, the fork rule unknown, never not applicable', async () => {
  const bad = await collectWith('legacy-deploy', (p) => delete (p.provider as Item).settings);
  expect(bad.incomplete).toEqual(['buildkite.pipelines[legacy-deploy].provider.settings']);
  const after = byTarget(bad.outcomes, 'buildkite:acme-inc/legacy-deploy');
  expect(after.get('buildkite/fork_builds_enabled')).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('`provider.settings` was not returned') });
  expect(after.get('buildkite/pipeline_not_in_cluster')!.outcome).toBe('fail');
});

test('a pipeline without its id cannot be a target: it is counted as unread, and the organization-wide unknown stands for it', async () => {
  const bad = await collectWith('legacy-deploy', (p) => delete p.id);
  expect(bad.incomplete).toEqual(['buildkite.pipelines[?]']);
  expect(bad.outcomes.some((o) => o.target === 'buildkite:acme-inc/*' && o.outcome === 'unknown')).toBe(true);
  expect(bad.outcomes.some((o) => o.target === 'buildkite:acme-inc/legacy-deploy')).toBe(false);
});

test('a team whose `default` flag cannot be read: the team list stays, only the pipelines that team builds are unknown for the open-to-everyone rule', async () => {
  const run = await collectFromSim(fixtureEstate(), { tamper: (where, body) => (where === 'teams' && Array.isArray(body) ? body.map((t: Item) => (t.slug === 'platform' ? { ...t, default: null } : t)) : body) });
  expect(run.incomplete).toEqual(['buildkite.teams[platform].team.default']);
  expect(run.snapshot.teams.status).toBe('ok');
  const snapshot: Snapshot = { schemaVersion: 1, collected_at: '2025-12-01T00:00:00.000Z', kiteguard_version: 'test', incomplete: run.incomplete, buildkite: run.snapshot };
  const report = await evaluateSnapshot({ snapshot, cwd: process.cwd(), now: new Date('2025-12-01T00:00:00Z') });
  const clean = await collectWith('none', () => {});
  const before = new Map(clean.outcomes.map((o) => [`${o.ruleId} ${o.target}`, o.outcome]));
  const changed = report.outcomes.filter((o) => before.get(`${o.ruleId} ${o.target}`) !== o.outcome).map((o) => `${o.ruleId} ${o.target} ${o.outcome}`);
  const platform = fixtureEstate().teams.find((t) => t.slug === 'platform')!;
  const rule = 'buildkite/pipeline_open_to_everyone';
  const slugs = fixtureEstate().pipelines.filter((p) => platform.pipelines.some((tp) => tp.pipelineUuid === p.uuid && tp.accessLevel !== 'read_only')).map((p) => p.slug);
  // A pipeline the default team also builds still fails: what was read is enough to say so.
  const failing = slugs.filter((s) => before.get(`${rule} buildkite:acme-inc/${s}`) === 'fail');
  const built = slugs.filter((s) => !failing.includes(s)).map((s) => `${rule} buildkite:acme-inc/${s} unknown`);
  expect(built.length).toBeGreaterThan(0);
  expect(failing.length).toBeGreaterThan(0);
  expect(changed.sort()).toEqual(built.sort());
});

/** Nulls the value at `path` of an OrgSecurity response and reports a field error there (no path: an error without one). */
function orgSecurityError(path: (string | number)[] | undefined) {
  return (where: string, body: unknown) => {
    if (where !== 'graphql:OrgSecurity') return body;
    const copy = structuredClone(body) as { data: Item; errors?: Item[] };
    if (path) {
      let at: Item = copy.data;
      for (const key of path.slice(0, -1)) at = at[key] as Item;
      at[path.at(-1)!] = null;
    }
    return { ...copy, errors: [...(copy.errors ?? []), { message: 'Something went wrong', ...(path ? { path } : {}) }] };
  };
}

test.each([
  ['an audit event', ['organization', 'auditEvents', 'edges', 0, 'node'], ['buildkite.audit_events']],
  ['the count of audit events', ['organization', 'auditEvents', 'count'], ['buildkite.audit_events']],
  ['an unclustered agent token', ['organization', 'agentTokens', 'edges', 0], ['buildkite.unclustered_agent_tokens']],
  ['the SSO settings', ['organization', 'sso'], ['buildkite.security.sso']],
  ['an SSO provider', ['organization', 'ssoProviders', 'edges', 0, 'node'], ['buildkite.security.ssoProviders']],
  ['a field the security section does not hold', ['organization', 'uuid'], ['buildkite.security']],
  ['a notification-service event', ['organization', 'notificationServiceEvents', 'edges', 0, 'node'], ['buildkite.notification_services']],
  ['no path at all', undefined, ['buildkite.audit_events', 'buildkite.notification_services', 'buildkite.security', 'buildkite.unclustered_agent_tokens']],
])('a GraphQL field error under %s in the security query marks the section it sits under, and only that', async (_what, path, listed) => {
  const run = await collectFromSim(fixtureEstate(), { tamper: orgSecurityError(path) });
  expect(run.incomplete).toEqual(listed);
});

test('a cluster secret without its policy and an agent token whose expiry is of the wrong type: those fields only, the lists stay', async () => {
  const firstOnly = (body: unknown, change: (item: Item) => void) => {
    if (!Array.isArray(body) || body.length === 0) return body;
    const first = structuredClone(body[0] as Item);
    change(first);
    return [first, ...body.slice(1)];
  };
  const run = await collectFromSim(fixtureEstate(), {
    tamper: (where, body) =>
      where === 'clusters/:cluster/secrets' ? firstOnly(body, (s) => delete s.policy) : where === 'clusters/:cluster/tokens' ? firstOnly(body, (t) => (t.expires_at = 42)) : body,
  });
  const clusters = run.snapshot.clusters as { status: 'ok'; data: { cluster: Item; secrets: { status: string; data: Item[] }; agent_tokens: { status: string; data: Item[] } }[] };
  const expected: string[] = [];
  for (const entry of clusters.data) {
    expect([entry.secrets.status, entry.agent_tokens.status]).toEqual(['ok', 'ok']);
    const [secret] = entry.secrets.data;
    const [token] = entry.agent_tokens.data;
    if (secret) expected.push(`buildkite.clusters[${entry.cluster.name}].secrets[${secret.id}].policy`);
    if (token) expected.push(`buildkite.clusters[${entry.cluster.name}].agent_tokens[${token.id}].expires_at`);
    if (secret) expect(secret.policy).toMatchObject({ status: 'unavailable', reason: '`policy` was not returned' });
    if (token) expect(token.expires_at).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('`expires_at` was not as Buildkite documents it') });
  }
  expect(expected.length).toBeGreaterThan(1);
  expect(run.incomplete).toEqual(expected.sort());
});
