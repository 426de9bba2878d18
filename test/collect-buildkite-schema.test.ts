// A collected Buildkite snapshot validates against buildkite.schema.json; a corrupted one fails with a path that says where.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import schema from '../src/snapshot/schema/buildkite.schema.json' with { type: 'json' };
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';
import type { Fault } from './sim/buildkite/faults.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('buildkite.schema.json', () => {
  test('a full collection validates', async () => {
    const { snapshot } = await collectFromSim(fixtureEstate());
    expect(errorsOf(snapshot)).toEqual([]);
  });

  test('a collection with unavailable sections validates', async () => {
    const faults: Fault[] = [
      { path: '/graphql', kind: 'status', status: 401 },
      { path: '/v2/organizations/acme-inc/clusters/c1000000-0000-4000-8000-000000000001/secrets', kind: 'status', status: 403 },
    ];
    const { snapshot, incomplete } = await collectFromSim(fixtureEstate(), { faults });
    expect(incomplete.length).toBeGreaterThan(2);
    expect(errorsOf(snapshot)).toEqual([]);
  });

  test('a collection with security settings left unavailable field by field validates', async () => {
    const fieldErrors = { 'organization.sso': 'Not authorized', 'organization.ssoProviders': 'Not authorized', 'organization.allowedApiIpAddresses': 'Internal error' };
    const { snapshot, incomplete } = await collectFromSim(fixtureEstate(), { fieldErrors });
    expect(incomplete).toEqual(['buildkite.security.allowedApiIpAddresses', 'buildkite.security.sso', 'buildkite.security.ssoProviders']);
    expect(errorsOf(snapshot)).toEqual([]);
  });

  test.each([
    ['a pipeline without cluster_id', (s: any) => delete s.pipelines.data[0].cluster_id, '/pipelines'],
    ['an envelope with an unknown status', (s: any) => (s.api_settings.status = 'maybe'), '/api_settings'],
    ['an unavailable section without a reason', (s: any) => (s.security = { status: 'unavailable' }), '/security'],
    ['an agent token carrying a token value', (s: any) => (s.clusters.data[0].agent_tokens.data[0].token = 'x'), '/clusters/data/0/agent_tokens'],
    ['a webhook URL that is not redacted', (s: any) => (s.pipelines.data[0].provider.webhook_url = 'https://webhook.buildkite.com/deliver/abc'), '/pipelines/data/0/provider/webhook_url'],
    ['an SSO settings envelope without a reason', (s: any) => (s.security.data.sso = { status: 'unavailable' }), '/security/data/sso'],
    ['a member with an unknown role', (s: any) => (s.members.data[0].role = 'OWNER'), '/members/data/0/role'],
  ])('%s fails, pointing at %s', async (_name, corrupt, path) => {
    const { snapshot } = await collectFromSim(fixtureEstate());
    const copy = JSON.parse(JSON.stringify(snapshot)) as unknown;
    corrupt(copy);
    const errors = errorsOf(copy);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith(path))).toBe(true);
  });
});
