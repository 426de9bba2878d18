// A GraphQL field error under one of the organization's security settings (the simulator raises it as Buildkite would,
// partial data beside `errors`) leaves only that field `unavailable`: `security` stays readable, only the rules that
// need the field are unknown, and every other rule on the organization decides as it did with the field read.
import { describe, expect, test } from 'vitest';
import { evaluateSnapshot } from '../src/app/evaluate.js';
import type { RuleOutcome } from '../src/model/report.js';
import type { GraphqlOrgSecurity } from '../src/snapshot/buildkite.js';
import type { Snapshot } from '../src/snapshot/types.js';
import type { SimEstate } from './sim/buildkite/estate.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';

const DENIED = "Not authorized to view this organization's single sign-on settings";

const ORG_TARGET = 'organization';

/** Collects `estate` with GraphQL raising `fieldErrors`, and evaluates the snapshot. */
async function collectWith(estate: SimEstate, fieldErrors: Record<string, string>) {
  const run = await collectFromSim(estate, { fieldErrors });
  const snapshot: Snapshot = { schemaVersion: 1, collected_at: '2025-12-01T00:00:00.000Z', kiteguard_version: 'test', incomplete: run.incomplete, buildkite: run.snapshot };
  const report = await evaluateSnapshot({ snapshot: structuredClone(snapshot), cwd: process.cwd(), now: new Date('2025-12-01T00:00:00Z') });
  const outcomes = new Map(report.outcomes.filter((o) => o.target === ORG_TARGET).map((o): [string, RuleOutcome] => [o.ruleId, o]));
  return { run, outcomes };
}

/** The fixture estate with no SSO provider enabled, so whether SSO is on rests on `sso` alone. */
function withoutEnabledProvider(): SimEstate {
  const estate = fixtureEstate();
  for (const p of estate.org.ssoProviders) p.state = 'DISABLED';
  return estate;
}

/** Rules whose outcome on the organization differs between two runs, as `rule outcome`. */
function changed(before: Map<string, RuleOutcome>, after: Map<string, RuleOutcome>): string[] {
  return [...after].filter(([rule, o]) => before.get(rule)?.outcome !== o.outcome).map(([rule, o]) => `${rule} ${o.outcome}`);
}

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('a field error under the organization security settings', () => {
  test('at `organization.sso`: the section stays ok with `sso` an envelope; SSO is unknown, 2FA still decides', async () => {
    const clean = await collectWith(withoutEnabledProvider(), {});
    const { run, outcomes } = await collectWith(withoutEnabledProvider(), { 'organization.sso': DENIED });
    expect(run.incomplete).toEqual(['buildkite.security.sso']);
    expect(run.warnings).toContain(`buildkite.security.sso left unavailable: \`sso\`: ${DENIED}`);
    expect(run.snapshot.security.status).toBe('ok');
    const security = (run.snapshot.security as { data: GraphqlOrgSecurity }).data;
    expect(security.sso).toEqual({ status: 'unavailable', reason: `\`sso\`: ${DENIED}`, needs: 'GraphQL API access enabled on the token, and organization admin' });
    expect(security).toMatchObject({ membersRequireTwoFactorAuthentication: false, revokeInactiveTokensAfter: 'DAYS_90', ssoProviders: [{ state: 'DISABLED' }] });

    expect(clean.outcomes.get('buildkite/sso_not_enforced')!.outcome).toBe('fail');
    expect(outcomes.get('buildkite/sso_not_enforced')).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining(`the organization's SSO settings not visible: \`sso\`: ${DENIED}`) });
    expect(outcomes.get('buildkite/two_factor_not_enforced')).toMatchObject({ outcome: 'fail', findings: [{ message: expect.stringContaining('does not require two-factor authentication') }] });
    expect(changed(clean.outcomes, outcomes)).toEqual(['buildkite/sso_not_enforced unknown']);
  });

  test('at `organization.sso` with an enabled provider read: SSO still decides, as it did with `sso` read', async () => {
    const clean = await collectWith(fixtureEstate(), {});
    const { run, outcomes } = await collectWith(fixtureEstate(), { 'organization.sso': DENIED });
    expect(run.incomplete).toEqual(['buildkite.security.sso']);
    expect(outcomes.get('buildkite/sso_not_enforced')).toMatchObject({ outcome: 'fail', findings: [{ message: expect.stringContaining('may sign in without SSO') }] });
    expect(changed(clean.outcomes, outcomes)).toEqual([]);
  });

  test('at `organization.sso` and `organization.ssoProviders`: SSO is unknown with both reasons', async () => {
    const { run, outcomes } = await collectWith(fixtureEstate(), { 'organization.sso': DENIED, 'organization.ssoProviders': DENIED });
    expect(run.incomplete).toEqual(['buildkite.security.sso', 'buildkite.security.ssoProviders']);
    const sso = outcomes.get('buildkite/sso_not_enforced')!;
    expect(sso.outcome).toBe('unknown');
    expect(sso.reason).toContain("the organization's SSO settings not visible");
    expect(sso.reason).toContain("the organization's SSO providers not visible");
  });

  test('at `organization.membersRequireTwoFactorAuthentication`: 2FA is unknown, SSO still decides', async () => {
    const clean = await collectWith(fixtureEstate(), {});
    const { run, outcomes } = await collectWith(fixtureEstate(), { 'organization.membersRequireTwoFactorAuthentication': 'Internal error' });
    expect(run.incomplete).toEqual(['buildkite.security.membersRequireTwoFactorAuthentication']);
    expect(outcomes.get('buildkite/two_factor_not_enforced')).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('Internal error') });
    expect(changed(clean.outcomes, outcomes)).toEqual(['buildkite/two_factor_not_enforced unknown']);
  });

  test('at `organization` itself: the whole section is unavailable, as before', async () => {
    const { run } = await collectWith(fixtureEstate(), { organization: DENIED });
    expect(run.snapshot.security).toMatchObject({ status: 'unavailable', reason: expect.stringContaining(DENIED) });
    expect(run.incomplete).toContain('buildkite.security');
  });
});
