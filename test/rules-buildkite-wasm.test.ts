// The Buildkite rules through the compiled Wasm bundle: the simulator's fixture estate collected, split into
// targets and evaluated, so every rule (and every builtin it calls) runs the way a sweep runs it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildkiteSnapshot, RestPipeline } from '../src/snapshot/buildkite.js';
import { readAsset } from '../src/engine/assets.js';
import { parseCatalog } from '../src/engine/catalog.js';
import { PolicyEngine, type EngineResult } from '../src/engine/policy.js';
import { unavailable } from '../src/snapshot/section.js';
import { buildkiteOrganizationInput, buildkitePipelineTargets } from '../src/targets/buildkite.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { EVENTBRIDGE_SDL } from './sim/buildkite/graphql.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';

const NOW = '2025-12-01T00:00:00Z';
const catalog = parseCatalog(readAsset('catalog.json').toString('utf8'));
const engine = PolicyEngine.load(readAsset('policy.wasm'));
const buildkiteRules = catalog.filter((r) => r.package.startsWith('buildkite.'));

interface Evaluation {
  org: EngineResult;
  pipelines: Record<string, EngineResult>;
}

/** Evaluates the organization target and every pipeline target of a snapshot under the given config. */
function evaluate(snapshot: BuildkiteSnapshot, config: object = {}): Evaluation {
  engine.setData({ config: { rules: {}, attestations: {}, ...config } });
  const org = engine.evaluate('organization', buildkiteOrganizationInput(snapshot, NOW));
  const pipelines: Record<string, EngineResult> = {};
  for (const target of buildkitePipelineTargets(snapshot, NOW)) {
    const input = { ...target, pipeline_unavailable: { reason: 'the pipeline file is not read in this test' } };
    pipelines[target.buildkite_pipeline.pipeline.slug] = engine.evaluate('pipeline', input);
  }
  return { org, pipelines };
}

/** The messages one rule produced in one result. */
function messages(result: EngineResult | undefined, rule: string): string[] {
  return (result?.findings ?? []).filter((f) => f.rule === `buildkite/${rule}`).map((f) => f.message).sort();
}

/** The unknown reasons of one rule in one result. */
function unknowns(result: EngineResult | undefined, rule: string): string[] {
  return result?.unknown[`buildkite.${rule}`] ?? [];
}

/** Whether a rule passed: no finding, not unknown, applicable. */
function passes(result: EngineResult | undefined, rule: string): boolean {
  return messages(result, rule).length === 0 && unknowns(result, rule).length === 0 && !result?.notApplicable.includes(`buildkite.${rule}`);
}

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('Buildkite rules on the fixture estate (Wasm)', () => {
  let snapshot: BuildkiteSnapshot;
  let run: Evaluation;

  beforeAll(async () => {
    snapshot = (await collectFromSim(fixtureEstate())).snapshot;
    run = evaluate(snapshot);
  });

  it('reports the organization settings the fixture gets wrong', () => {
    const { org } = run;
    expect(messages(org, 'api_ip_allowlist_missing')).toEqual(['Buildkite organization `acme-inc` has no API IP allow-list, so its API tokens work from any address']);
    expect(messages(org, 'two_factor_not_enforced')).toEqual(['Buildkite organization `acme-inc` does not require two-factor authentication (1 of 3 members have no 2FA)']);
    expect(messages(org, 'sso_not_enforced')).toEqual(['1 member of Buildkite organization `acme-inc` may sign in without SSO: bo@acme.example']);
    expect(messages(org, 'build_exports_disabled')).toEqual(['Buildkite organization `acme-inc` does not export builds to its own storage']);
    expect(messages(org, 'public_pipeline_creation_enabled')).toEqual(['Buildkite organization `acme-inc` lets members create public pipelines (enabled by Ada Admin)']);
    expect(messages(org, 'max_timeout_unset')).toEqual(['Buildkite organization `acme-inc` has no maximum command timeout']);
    expect(messages(org, 'audit_log_not_streamed')).toEqual([
      'no attestation that the audit log of Buildkite organization `acme-inc` is streamed to a SIEM, and no enabled Amazon EventBridge notification service (the audit log is readable and holds 4 events)',
    ]);
  });

  it('reports API tokens by scope, expiry and age, comparing GraphQL scopes without case', () => {
    const { org } = run;
    expect(messages(org, 'api_token_overscoped')).toEqual([
      'API token `ci admin` (owner ada@acme.example) has scopes outside the allow-list: graphql, write_builds, write_pipelines (GraphQL access is not limited by scopes; use a portal)',
      'API token `kiteguard sweep` (owner kiteguard@acme.example) has scopes outside the allow-list: graphql (GraphQL access is not limited by scopes; use a portal)',
    ]);
    expect(messages(org, 'api_token_no_expiry')).toEqual(['API token `ci admin` never expires']);
    expect(messages(org, 'token_rotation_overdue')).toEqual([
      'API token `ci admin` is 2101 days old (rotate every 90 days)',
      'API token `kiteguard sweep` is 137 days old (rotate every 90 days)',
      'agent token `old laptop agent` of cluster `prod` is 1764 days old (rotate every 90 days)',
      'agent token `oss agents` of cluster `oss` is 685 days old (rotate every 90 days)',
      'agent token `prod agents` of cluster `prod` is 685 days old (rotate every 90 days)',
    ]);
    expect(passes(org, 'scanner_token_overscoped')).toBe(true);
  });

  it('reports cluster secrets and agent tokens with their paths', () => {
    const { org } = run;
    expect(messages(org, 'cluster_secret_unrestricted')).toEqual(['secret `NPM_TOKEN` of cluster `prod` has no access policy, so every pipeline and branch in the cluster can read it']);
    const secret = org.findings.find((f) => f.rule === 'buildkite/cluster_secret_unrestricted')!;
    expect(secret.path).toEqual(['buildkite', 'clusters', 'data', 0, 'secrets', 'data', 1]);
    expect(messages(org, 'cluster_secret_policy_weak')).toEqual([
      'rule 1 of the access policy of secret `SENTRY_TOKEN` (cluster `prod`) names no pipeline (pipeline_slug, without a wildcard), so every pipeline of the cluster whose builds meet `build_branch`, `build_creator` can read it; it admits every branch (`build_branch: "*"`), including branches anyone with push access creates',
    ]);
    expect(org.findings.find((f) => f.rule === 'buildkite/cluster_secret_policy_weak')!.path).toEqual(['buildkite', 'clusters', 'data', 0, 'secrets', 'data', 2, 'policy']);
    expect(messages(org, 'agent_token_no_expiry')).toEqual([
      'agent token `old laptop agent` of cluster `prod` never expires and is accepted from any IP address',
      'agent token `oss agents` of cluster `oss` is accepted from any IP address',
    ]);
    // The revoked unclustered token is not asked for (revoked: false); the live one is reported.
    expect(messages(org, 'unclustered_agent_token')).toEqual(["unclustered agent token `legacy macOS fleet` is not revoked: it cannot expire or be limited to your agents' IP addresses"]);
  });

  it('leaves a secret whose access policy is not YAML, and a cluster whose secrets are refused, unknown', async () => {
    const estate = fixtureEstate();
    estate.clusters[0]!.secrets[2]!.policy = '- build_branch: [main';
    const run = await collectFromSim(estate, { faults: [{ path: `/v2/organizations/acme-inc/clusters/${estate.clusters[1]!.uuid}/secrets`, kind: 'status', status: 403 }] });
    const { org } = evaluate(run.snapshot);
    expect(messages(org, 'cluster_secret_policy_weak')).toEqual([]);
    expect(unknowns(org, 'cluster_secret_policy_weak')).toEqual([
      expect.stringMatching(/^secrets of cluster `oss` not visible: .*\(needs read_secrets_details\)$/),
      expect.stringMatching(/^the access policy of secret `SENTRY_TOKEN` is not valid YAML \(.+\), so secret `SENTRY_TOKEN` of cluster `prod` cannot be judged$/),
    ]);
  });

  it('reports a cluster rule that crosses clusters, and is unknown when the token cannot read rules', async () => {
    expect(messages(run.org, 'cluster_rule_crosses_clusters')).toEqual([
      'rule `r1000000-0000-4000-8000-000000000001` lets pipeline `web-app` (cluster `prod`) trigger builds of pipeline `docs-site` (cluster `oss`), across the cluster boundary',
    ]);
    expect(run.org.findings.find((f) => f.rule === 'buildkite/cluster_rule_crosses_clusters')!.path).toEqual(['buildkite', 'rules', 'data', 0]);
    const allowed = evaluate(snapshot, { rules: { 'buildkite/cluster_rule_crosses_clusters': { allowed_crossings: { prod: ['oss'] } } } });
    expect(passes(allowed.org, 'cluster_rule_crosses_clusters')).toBe(true);
    const estate = fixtureEstate();
    const caller = estate.apiAccessTokens.find((t) => t.uuid === estate.callerTokenUuid)!;
    caller.scopes = caller.scopes.filter((x) => x !== 'read_rules');
    const { org } = evaluate((await collectFromSim(estate)).snapshot);
    expect(messages(org, 'cluster_rule_crosses_clusters')).toEqual([]);
    expect(unknowns(org, 'cluster_rule_crosses_clusters')).toEqual([expect.stringMatching(/^the organization's cluster rules not visible: .*403.*\(needs read_rules\)$/)]);
  });

  it('reports the pipeline settings the fixture gets wrong, and only on the pipelines that have them', () => {
    const { 'web-app': web, 'legacy-deploy': legacy, 'docs-site': docs } = run.pipelines;
    expect(messages(legacy, 'fork_builds_enabled')).toEqual(['pipeline `legacy-deploy` builds pull requests from forks without prefixing fork branch names and outside a cluster listed as isolated']);
    expect(messages(legacy, 'pipeline_open_to_everyone')).toEqual(['the organization\'s default team `everyone` can build pipeline `legacy-deploy` (BUILD_AND_READ), so every member can run it']);
    expect(messages(legacy, 'pipeline_defined_in_ui')).toEqual(['pipeline `legacy-deploy` defines steps in Buildkite instead of uploading them from the repository (line 3: `command: ./deploy.sh production`)']);
    expect(messages(legacy, 'public_pipeline')).toEqual(['pipeline `legacy-deploy` is public: anyone can read its builds, logs and artifacts']);
    expect(messages(legacy, 'pipeline_not_in_cluster')).toHaveLength(1);
    for (const rule of ['fork_builds_enabled', 'pipeline_open_to_everyone', 'pipeline_defined_in_ui', 'public_pipeline', 'repository_not_via_github_app', 'pipeline_not_in_cluster']) {
      expect(passes(web, rule), `web-app ${rule}`).toBe(true);
    }
    expect(passes(legacy, 'repository_not_via_github_app')).toBe(true);
    expect(passes(docs, 'pipeline_open_to_everyone')).toBe(true);
    expect(docs!.notApplicable).toEqual(expect.arrayContaining(['buildkite.repository_not_via_github_app', 'buildkite.fork_builds_enabled']));
    expect(web!.notApplicable).toContain('buildkite.pipeline_template_not_used');
  });

  it('keeps organization rules out of pipeline targets and pipeline rules out of the organization target', () => {
    expect(run.org.notApplicable).toEqual(expect.arrayContaining(['buildkite.public_pipeline', 'buildkite.fork_builds_enabled']));
    expect(run.pipelines['web-app']!.notApplicable).toEqual(expect.arrayContaining(['buildkite.sso_not_enforced', 'buildkite.audit_log_not_streamed']));
  });

  it('applies knobs: required templates, allowed scopes, exempt tokens, a longer rotation period', () => {
    const knobs = evaluate(snapshot, {
      rules: {
        'buildkite/pipeline_template_not_used': { require_template: true },
        'buildkite/api_token_overscoped': { exempt_tokens: ['kiteguard sweep'], allowed_scopes: ['read_*', 'write_builds', 'GRAPHQL'] },
        'buildkite/token_rotation_overdue': { max_age_days: 1000 },
      },
    });
    expect(messages(knobs.pipelines['legacy-deploy'], 'pipeline_template_not_used')).toEqual(['pipeline `legacy-deploy` uses no pipeline template, though the organization has 1']);
    expect(messages(knobs.pipelines['docs-site'], 'pipeline_template_not_used')).toHaveLength(1);
    expect(passes(knobs.pipelines['web-app'], 'pipeline_template_not_used')).toBe(true);
    expect(messages(knobs.org, 'api_token_overscoped')).toEqual(['API token `ci admin` (owner ada@acme.example) has scopes outside the allow-list: write_pipelines']);
    expect(messages(knobs.org, 'token_rotation_overdue')).toEqual([
      'API token `ci admin` is 2101 days old (rotate every 1000 days)',
      'agent token `old laptop agent` of cluster `prod` is 1764 days old (rotate every 1000 days)',
    ]);
  });

  it('passes the audit-log rule on a current attestation and fails it on an expired one', () => {
    const rule = 'buildkite/audit_log_not_streamed';
    const attestation = { evidence: 'https://siem.example/buildkite', attested_by: 'sec@acme.example', scope: 'buildkite:acme-inc' };
    const current = evaluate(snapshot, { attestations: { [rule]: [{ ...attestation, expires: '2026-03-01' }] } });
    expect(passes(current.org, 'audit_log_not_streamed')).toBe(true);
    const expired = evaluate(snapshot, { attestations: { [rule]: [{ ...attestation, expires: '2025-11-01' }] } });
    expect(messages(expired.org, 'audit_log_not_streamed')).toEqual([
      'attestation by sec@acme.example that the audit log of Buildkite organization `acme-inc` is streamed to a SIEM expired on 2025-11-01, and there is no enabled Amazon EventBridge notification service (the audit log is readable and holds 4 events)',
    ]);
    const elsewhere = evaluate(snapshot, { attestations: { [rule]: [{ ...attestation, scope: 'buildkite:other', expires: '2026-03-01' }] } });
    expect(messages(elsewhere.org, 'audit_log_not_streamed')).toHaveLength(1);
  });

  it('passes the audit-log rule on an enabled EventBridge service read from the audit log, and is unknown when that cannot be read', async () => {
    const estate = fixtureEstate();
    const bridge = { uuid: 'ns000000-0000-4000-8000-0000000000eb', typename: 'NotificationServiceAmazonEventBridge', name: 'Amazon EventBridge', description: 'audit to aws', url: 'arn:aws:events:eu-west-1:000000000000:event-bus/x', token: 'never-served' };
    estate.notificationServices!.push(bridge);
    const at = (type: string, occurredAt: string) => ({ uuid: `ae-${type}`, type, occurredAt, actor: { type: 'USER' as const, name: 'Ada Admin' }, subject: { type: 'NOTIFICATION_SERVICE', name: bridge.name, uuid: bridge.uuid } });
    estate.auditEvents.push(at('NOTIFICATION_SERVICE_CREATED', '2025-09-01T00:00:00.000Z'), at('NOTIFICATION_SERVICE_ENABLED', '2025-09-02T00:00:00.000Z'));
    const withBridge = await collectFromSim(estate, { schemaExtension: EVENTBRIDGE_SDL });
    expect(passes(evaluate(withBridge.snapshot).org, 'audit_log_not_streamed')).toBe(true);
    // Disabled later: no longer evidence.
    estate.auditEvents.push(at('NOTIFICATION_SERVICE_DISABLED', '2025-09-03T00:00:00.000Z'));
    const disabled = evaluate((await collectFromSim(estate, { schemaExtension: EVENTBRIDGE_SDL })).snapshot);
    expect(messages(disabled.org, 'audit_log_not_streamed')).toHaveLength(1);
    const refused = await collectFromSim(fixtureEstate(), { faults: [{ path: '/graphql', bodyIncludes: 'OrgSecurity', kind: 'status', status: 403 }] });
    const unknown = evaluate(refused.snapshot).org;
    expect(messages(unknown, 'audit_log_not_streamed')).toEqual([]);
    expect(unknowns(unknown, 'audit_log_not_streamed')).toEqual([expect.stringMatching(/^the notification services \(from the audit log\) not visible: .*403.*, and no current attestation says the audit log is streamed$/)]);
  });

  it('reports what a worse estate gets wrong: no GitHub App, a writable scanner token, no idle revocation, REST dates', async () => {
    const estate = fixtureEstate();
    estate.repositoryConnections = [];
    estate.apiSettings.revokeInactiveTokensAfterDays = null;
    const caller = estate.apiAccessTokens.find((t) => t.uuid === estate.callerTokenUuid)!;
    caller.scopes = [...caller.scopes, 'write_builds'];
    caller.expiresAt = null;
    const tokens = estate.clusters[0]!.agentTokens;
    tokens[0]!.createdAt = '2025-11-20 06:07:42 UTC';
    tokens[1]!.createdAt = '2025-07-16 06:07:42 UTC';
    const worse = evaluate((await collectFromSim(estate)).snapshot);
    expect(messages(worse.pipelines['web-app'], 'repository_not_via_github_app')).toEqual([
      'pipeline `web-app` builds GitHub repository `git@github.com:acme-inc/web-app.git`, but the organization has no GitHub App repository connection',
    ]);
    expect(messages(worse.pipelines['legacy-deploy'], 'repository_not_via_github_app')).toHaveLength(1);
    expect(messages(worse.org, 'scanner_token_overscoped')).toEqual([
      'kiteguard\'s Buildkite token `kiteguard sweep` has scopes it does not need: write_builds',
      'kiteguard\'s Buildkite token `kiteguard sweep` never expires',
    ]);
    expect(messages(worse.org, 'api_token_no_expiry')).toContain('Buildkite organization `acme-inc` does not revoke API tokens that go unused');
    const agentRotation = messages(worse.org, 'token_rotation_overdue').filter((m) => m.includes('cluster `prod`'));
    expect(agentRotation).toEqual(['agent token `old laptop agent` of cluster `prod` is 137 days old (rotate every 90 days)']);
  });
});

/** A snapshot in which nothing could be read. */
function nothingReadable(): BuildkiteSnapshot {
  const denied = unavailable('403 Forbidden', { http_status: 403, needs: 'organization admin' });
  return {
    org: 'acme-inc',
    organization: denied,
    access_token: denied,
    api_settings: denied,
    pipeline_settings: denied,
    repository_connections: denied,
    security: denied,
    members: denied,
    api_access_tokens: denied,
    audit_events: denied,
    notification_services: denied,
    rules: denied,
    pipelines: denied,
    pipeline_templates: denied,
    teams: denied,
    clusters: denied,
  };
}

describe('Buildkite rules when nothing is readable (Wasm)', () => {
  it('leaves no organization rule silently passing: each one fails or is unknown', () => {
    const { org } = evaluate(nothingReadable());
    const orgRules = buildkiteRules.filter((r) => r.target === 'organization');
    expect(orgRules.length).toBeGreaterThanOrEqual(13);
    for (const rule of orgRules) {
      const failed = org.findings.some((f) => f.rule === rule.id);
      const unknown = (org.unknown[rule.package] ?? []).length > 0;
      expect(failed || unknown, `${rule.id} neither fails nor is unknown`).toBe(true);
    }
    expect(unknowns(org, 'sso_not_enforced')).toEqual(['the organization\'s security settings not visible: 403 Forbidden (needs organization admin)']);
    expect(unknowns(org, 'api_ip_allowlist_missing')).toHaveLength(2);
    expect(unknowns(org, 'audit_log_not_streamed')).toEqual([
      'the notification services (from the audit log) not visible: 403 Forbidden (needs organization admin), and no current attestation says the audit log is streamed',
    ]);
  });

  it('makes the pipeline rules that need organization sections unknown', () => {
    const denied = unavailable('403 Forbidden', { http_status: 403, needs: 'read_teams' });
    const pipeline: RestPipeline = {
      id: 'p-1', slug: 'web-app', repository: 'git@github.com:acme-inc/web-app.git', cluster_id: 'c-1', visibility: 'private',
      pipeline_template_uuid: null, configuration: 'steps:\n  - command: buildkite-agent pipeline upload\n', provider: { id: 'github', settings: { build_pull_request_forks: false } },
    };
    engine.setData({ config: { rules: { 'buildkite/pipeline_template_not_used': { require_template: true } } } });
    const result = engine.evaluate('pipeline', {
      now: NOW,
      context: { pipeline },
      pipeline_unavailable: { reason: 'not read' },
      buildkite_pipeline: { org: 'acme-inc', pipeline, teams: denied, pipeline_settings: denied, pipeline_templates: denied, repository_connections: denied },
    });
    for (const rule of ['pipeline_open_to_everyone', 'pipeline_template_not_used', 'repository_not_via_github_app']) {
      expect(unknowns(result, rule), rule).toEqual([expect.stringContaining('not visible: 403 Forbidden (needs read_teams)')]);
    }
    expect(messages(result, 'pipeline_open_to_everyone')).toEqual([]);
    for (const rule of ['fork_builds_enabled', 'pipeline_defined_in_ui', 'public_pipeline']) expect(passes(result, rule), rule).toBe(true);
  });

  it('covers every Buildkite rule of the catalog in these tests', () => {
    expect(buildkiteRules.map((r) => r.id).sort()).toEqual([
      'buildkite/agent_token_no_expiry', 'buildkite/api_ip_allowlist_missing', 'buildkite/api_token_no_expiry', 'buildkite/api_token_overscoped',
      'buildkite/audit_log_not_streamed', 'buildkite/build_exports_disabled', 'buildkite/cluster_rule_crosses_clusters', 'buildkite/cluster_secret_policy_weak', 'buildkite/cluster_secret_unrestricted', 'buildkite/fork_builds_enabled',
      'buildkite/max_timeout_unset', 'buildkite/pipeline_defined_in_ui', 'buildkite/pipeline_not_in_cluster', 'buildkite/pipeline_open_to_everyone',
      'buildkite/pipeline_template_not_used', 'buildkite/public_pipeline', 'buildkite/public_pipeline_creation_enabled', 'buildkite/repository_not_via_github_app',
      'buildkite/scanner_token_overscoped', 'buildkite/sso_not_enforced', 'buildkite/token_rotation_overdue', 'buildkite/two_factor_not_enforced',
      'buildkite/unclustered_agent_token',
    ]);
  });
});
