// The Buildkite collector over HTTP against the simulator: values in the right place, faults absorbed or confined.
import { describe, expect, test } from 'vitest';
import type { Section } from '../src/snapshot/section.js';
import type { BuildkiteSnapshot } from '../src/snapshot/buildkite.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { generateEstate } from './sim/buildkite/generate.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';
import type { Fault } from './sim/buildkite/faults.js';
import { safeService } from '../src/collect/buildkite/collect-notifications.js';

function data<T>(s: Section<T>): T {
  if (s.status !== 'ok') throw new Error(`section unavailable: ${s.reason}`);
  return s.data;
}

const ORG = '/v2/organizations/acme-inc';

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('collectBuildkite', () => {
  test('reads the fixture estate into the right places', async () => {
    const { snapshot: s, incomplete, stats } = await collectFromSim(fixtureEstate());
    expect(incomplete).toEqual([]);
    expect(s.org).toBe('acme-inc');
    expect(data(s.organization).name).toBe('Acme Inc');
    expect(data(s.access_token)).toMatchObject({ uuid: 'ak000000-0000-4000-8000-000000000001', description: 'kiteguard sweep', expires_at: '2026-07-16T06:07:42.000Z' });
    expect(data(s.access_token).scopes).toContain('read_pipelines');
    expect(data(s.api_settings).allowed_ip_addresses).toBe('');
    expect(data(s.pipeline_settings).maximum_timeout_in_minutes).toBeNull();
    expect(data(s.pipeline_settings).public_pipeline_creation.enabled).toBe(true);
    expect(data(s.repository_connections).map((c) => c.type)).toEqual(['github_code_access_app']);
    expect(data(s.security)).toMatchObject({ membersRequireTwoFactorAuthentication: false, revokeInactiveTokensAfter: 'DAYS_90', sso: { isEnabled: true } });
    expect(data(s.security).ssoProviders).toMatchObject([{ type: 'SAML', state: 'ENABLED' }]);
    const bo = data(s.members).find((m) => m.user.email === 'bo@acme.example');
    expect(bo).toMatchObject({ role: 'MEMBER', security: { twoFactorEnabled: false }, sso: { mode: 'OPTIONAL' } });
    const ciAdmin = data(s.api_access_tokens).find((t) => t.description === 'ci admin');
    expect(ciAdmin).toMatchObject({ expiresAt: null, scopes: ['READ_PIPELINES', 'WRITE_PIPELINES', 'WRITE_BUILDS', 'GRAPHQL'] });
    expect(data(s.audit_events)).toMatchObject({ count: 4, first_page: [{ type: 'ORGANIZATION_UPDATED' }, { type: 'PIPELINE_UPDATED' }, { type: 'NOTIFICATION_SERVICE_CREATED' }, { type: 'NOTIFICATION_SERVICE_CREATED' }] });

    const pipelines = data(s.pipelines);
    const legacy = pipelines.find((p) => p.slug === 'legacy-deploy')!;
    expect(legacy).toMatchObject({ cluster_id: null, visibility: 'public', pipeline_template_uuid: null });
    expect(legacy.provider).toMatchObject({ settings: { build_pull_request_forks: true }, webhook_url: '[redacted]' });
    expect(legacy.configuration).toContain('./deploy.sh production');
    expect(pipelines.find((p) => p.slug === 'web-app')).toMatchObject({ cluster_id: 'c1000000-0000-4000-8000-000000000001', pipeline_template_uuid: 'pt000000-0000-4000-8000-000000000001' });
    expect(data(s.pipeline_templates).map((t) => t.name)).toEqual(['Upload from repository']);

    const teams = data(s.teams);
    const everyone = teams.find((t) => t.team.slug === 'everyone')!;
    expect(everyone.team.default).toBe(true);
    expect(data(everyone.pipelines)).toMatchObject([{ accessLevel: 'BUILD_AND_READ', pipeline: { slug: 'legacy-deploy' } }]);
    expect(data(everyone.members).map((m) => m.user?.name)).toEqual(['Ada Admin', 'Bo Builder']);

    const prod = data(s.clusters).find((c) => c.cluster.name === 'prod')!;
    expect(data(prod.queues).map((q) => q.key)).toEqual(['default', 'deploy']);
    expect(data(prod.agent_tokens).find((t) => t.description === 'old laptop agent')).toMatchObject({ expires_at: null, allowed_ip_addresses: null });
    expect(data(prod.secrets).find((x) => x.key === 'NPM_TOKEN')).toMatchObject({ policy: null });
    expect(data(prod.maintainers).map((m) => m.actor.type)).toEqual(['user', 'team']);
    expect(data(s.rules!).map((r) => [r.action, r.source_uuid, r.target_uuid])).toEqual([
      ['trigger_build', 'p1000000-0000-4000-8000-000000000001', 'p1000000-0000-4000-8000-000000000003'],
      ['artifacts_read', 'p1000000-0000-4000-8000-000000000001', 'p1000000-0000-4000-8000-000000000001'],
    ]);
    expect(stats.retries).toBe(0);
  });

  test('notification services come from the audit log: type, name, description, never a URL or token', async () => {
    const estate = fixtureEstate();
    const run = await collectFromSim(estate);
    const services = data(run.snapshot.notification_services!);
    expect(services.count).toBe(2);
    expect(services.events.map((e) => [e.type, e.subject.node])).toEqual([
      ['NOTIFICATION_SERVICE_CREATED', { __typename: 'NotificationServiceSlack', id: 'NotificationService-ns000000-0000-4000-8000-000000000001', name: 'Slack', description: '#builds' }],
      ['NOTIFICATION_SERVICE_CREATED', { __typename: 'NotificationServiceWebhook', id: 'NotificationService-ns000000-0000-4000-8000-000000000002', name: 'Webhook', description: 'builds to [redacted]' }],
    ]);
    const text = JSON.stringify(run.snapshot);
    for (const s of estate.notificationServices!) for (const secret of [s.url, s.token]) expect(text).not.toContain(secret);
    expect(text).not.toContain('fixturewebhooktoken');
  });

  test('a notification service keeps only its type and the documented interface fields, URLs and tokens masked', () => {
    const served = { __typename: 'NotificationServiceWebhook', id: 'ns-1', name: 'Webhook', description: 'posts to https://hooks.example/x?k=1 with bkua_abcdefghijklmnopqrstuvwx', url: 'https://hooks.example/x', token: 't0ken', headers: { Authorization: 'Bearer x' } };
    expect(safeService(served)).toEqual({ __typename: 'NotificationServiceWebhook', id: 'ns-1', name: 'Webhook', description: 'posts to [redacted] with [redacted]' });
  });

  test('an audit log the token cannot read leaves the notification services unavailable, not empty', async () => {
    const estate = fixtureEstate();
    const run = await collectFromSim(estate, { faults: [{ path: '/graphql', bodyIncludes: 'OrgSecurity', kind: 'status', status: 403 }] });
    expect(run.snapshot.notification_services).toMatchObject({ status: 'unavailable', http_status: 403 });
    expect(run.incomplete).toContain('buildkite.notification_services');
    const none = fixtureEstate();
    none.auditEvents = none.auditEvents.filter((e) => e.subject.type !== 'NOTIFICATION_SERVICE');
    expect((await collectFromSim(none)).snapshot.notification_services).toEqual({ status: 'ok', data: { count: 0, events: [] } });
  });

  test('registries keep what the schema documents; whether public and the OIDC policy are unavailable, never guessed', async () => {
    const run = await collectFromSim(fixtureEstate());
    const [entry, ...more] = data(run.snapshot.registries!);
    expect(more).toEqual([]);
    expect(entry!.registry).toMatchObject({ uuid: 'rg000000-0000-4000-8000-000000000001', slug: 'npm-internal', name: 'npm internal' });
    for (const field of [entry!.public, entry!.oidc_policy]) expect(field).toEqual({ status: 'unavailable', reason: expect.stringContaining('does not document this field') });
    expect(run.incomplete).toEqual([]);
    const refused = await collectFromSim(fixtureEstate(), { faults: [{ path: '/graphql', bodyIncludes: 'RegistriesPage', kind: 'status', status: 403 }] });
    expect(refused.snapshot.registries).toMatchObject({ status: 'unavailable', http_status: 403, needs: expect.stringContaining('read_registries') });
    expect(refused.incomplete).toEqual(['buildkite.registries']);
  });

  test('a token without read_rules leaves the rules unavailable, naming the scope; an organization with none reads as an empty list', async () => {
    const estate = fixtureEstate();
    const caller = estate.apiAccessTokens.find((t) => t.uuid === estate.callerTokenUuid)!;
    caller.scopes = caller.scopes.filter((x) => x !== 'read_rules');
    const denied = await collectFromSim(estate);
    expect(denied.incomplete).toEqual(['buildkite.rules']);
    expect(denied.snapshot.rules).toMatchObject({ status: 'unavailable', http_status: 403, needs: 'read_rules' });
    const none = fixtureEstate();
    none.rules = [];
    expect((await collectFromSim(none)).snapshot.rules).toEqual({ status: 'ok', data: [] });
  });

  test('pages through every list (Link rel="next", 100 per page) and keeps only pipelines the filter accepts', async () => {
    const estate = generateEstate({ pipelines: 250, teams: 3, members: 230, seed: 7 });
    const full = await collectFromSim(estate);
    expect(data(full.snapshot.pipelines).map((p) => p.slug)).toEqual(estate.pipelines.map((p) => p.slug));
    expect(data(full.snapshot.members)).toHaveLength(230);
    expect(full.sim.counts.byRoute.pipelines).toBe(3);
    expect(full.sim.counts.byRoute['graphql:MembersPage']).toBe(3);
    const everyone = data(full.snapshot.teams).find((t) => t.team.slug === 'everyone')!;
    expect(data(everyone.members)).toHaveLength(230);
    expect(data(everyone.pipelines)).toHaveLength(25);

    const even = await collectFromSim(estate, {}, { pipelineFilter: (slug) => Number(slug.split('-')[1]) % 2 === 0 });
    expect(data(even.snapshot.pipelines)).toHaveLength(125);
    for (const t of data(even.snapshot.teams)) for (const tp of data(t.pipelines)) expect(Number(tp.pipeline!.slug.split('-')[1]) % 2).toBe(0);
  });

  const FAULTS: Array<[string, Fault[]]> = [
    ['429 with Retry-After', [{ path: `${ORG}/pipelines`, kind: 'status', status: 429, retryAfterSeconds: 7, times: 2 }]],
    ['502 then success', [{ path: `${ORG}/clusters`, kind: 'status', status: 502, times: 2 }]],
    ['503 then success', [{ path: '/graphql', bodyIncludes: 'MembersPage', kind: 'status', status: 503, times: 3 }]],
    ['504 then success', [{ path: '/v2/access-token', kind: 'status', status: 504, times: 1 }]],
    ['slow response past the timeout', [{ path: `${ORG}/teams`, kind: 'slow', delayMs: 400, times: 1 }]],
    ['truncated body', [{ path: `${ORG}/pipelines`, kind: 'truncate', times: 2 }]],
    ['invalid JSON body', [{ path: '/graphql', bodyIncludes: 'OrgSecurity', kind: 'invalid-json', times: 1 }]],
    ['a failed team batch, recovered team by team', [{ path: '/graphql', bodyIncludes: 'TeamAccessPage', kind: 'status', status: 503 }]],
  ];

  test.each(FAULTS)('%s: the collection ends identical to a fault-free run', async (_name, faults) => {
    const clean = await collectFromSim(fixtureEstate(), {}, { timeoutMs: 200 });
    const faulty = await collectFromSim(fixtureEstate(), { faults }, { timeoutMs: 200 });
    expect(faulty.incomplete).toEqual([]);
    expect(JSON.stringify(faulty.snapshot)).toBe(JSON.stringify(clean.snapshot));
    expect(faulty.stats.retries).toBeGreaterThan(0);
    expect(faulty.warnings.some((w) => /retrying/.test(w))).toBe(true);
  });

  test('429 waits as long as Retry-After says', async () => {
    const run = await collectFromSim(fixtureEstate(), { faults: [{ path: `${ORG}/pipelines`, kind: 'status', status: 429, retryAfterSeconds: 7, times: 1 }] });
    expect(run.clock.sleeps).toContain(7000);
  });

  test('a 403 on one cluster\'s secrets marks only that section unavailable, with status and scope', async () => {
    const estate = fixtureEstate();
    const prod = estate.clusters[0]!;
    const run = await collectFromSim(estate, { faults: [{ path: `${ORG}/clusters/${prod.uuid}/secrets`, kind: 'status', status: 403 }] });
    expect(run.incomplete).toEqual(['buildkite.clusters[prod].secrets']);
    const clusters = data(run.snapshot.clusters);
    expect(clusters[0]!.secrets).toMatchObject({ status: 'unavailable', http_status: 403, needs: 'read_secrets_details' });
    expect(clusters[0]!.agent_tokens.status).toBe('ok');
    expect(clusters[1]!.secrets.status).toBe('ok');
  });

  test('a token without a scope leaves exactly the sections that need it unavailable', async () => {
    const estate = fixtureEstate();
    const token = estate.apiAccessTokens[0]!;
    token.scopes = token.scopes.filter((s) => s !== 'read_organization_settings');
    const run = await collectFromSim(estate);
    expect(run.incomplete).toEqual(['buildkite.api_settings', 'buildkite.pipeline_settings']);
    expect(run.snapshot.api_settings).toMatchObject({ status: 'unavailable', http_status: 403, needs: expect.stringContaining('read_organization_settings') });
  });

  test('a team whose pipelines cannot be read is the only one marked', async () => {
    const estate = generateEstate({ pipelines: 1200, teams: 4, seed: 3 });
    const run = await collectFromSim(estate, { restLimit: 1000, faults: [{ path: '/graphql', bodyIncludes: `"team":"scale-org/everyone"`, kind: 'status', status: 502 }] });
    expect(run.incomplete).toEqual(['buildkite.teams[everyone].pipelines']);
    const teams = data(run.snapshot.teams);
    expect(teams.find((t) => t.team.slug === 'everyone')!.members.status).toBe('ok');
    expect(teams.filter((t) => t.team.slug !== 'everyone').every((t) => t.pipelines.status === 'ok')).toBe(true);
  });

  test('GraphQL 401: the GraphQL-only sections are unavailable with `needs`, REST sections are complete', async () => {
    const run = await collectFromSim(fixtureEstate(), { faults: [{ path: '/graphql', kind: 'status', status: 401 }] });
    const gqlOnly = ['buildkite.api_access_tokens', 'buildkite.audit_events', 'buildkite.members', 'buildkite.notification_services', 'buildkite.registries', 'buildkite.security', 'buildkite.unclustered_agent_tokens'];
    const teamSections = ['docs', 'everyone', 'platform'].flatMap((t) => [`buildkite.teams[${t}].members`, `buildkite.teams[${t}].pipelines`]);
    expect(run.incomplete).toEqual([...gqlOnly, ...teamSections].sort());
    const s: BuildkiteSnapshot = run.snapshot;
    for (const section of [s.security, s.members, s.api_access_tokens, s.audit_events]) {
      expect(section).toMatchObject({ status: 'unavailable', http_status: 401, needs: expect.stringContaining('GraphQL API access') });
    }
    expect(data(s.teams)[0]!.pipelines).toMatchObject({ status: 'unavailable', http_status: 401 });
    expect(s.pipelines.status).toBe('ok');
    expect(run.sim.counts.graphql).toBe(1);
  });

  test('a server that keeps failing ends in unavailable sections after a bounded number of attempts, never a throw', async () => {
    const run = await collectFromSim(fixtureEstate(), { faults: [{ path: `${ORG}/pipelines`, kind: 'status', status: 503 }] }, { maxAttempts: 3 });
    expect(run.incomplete).toEqual(['buildkite.pipelines']);
    expect(run.snapshot.pipelines).toMatchObject({ status: 'unavailable', http_status: 503 });
    expect(run.stats.retries).toBe(2);
    expect(run.warnings.filter((w) => w.includes('/organizations/acme-inc/pipelines') && /retrying/.test(w))).toHaveLength(2);
  });
});
