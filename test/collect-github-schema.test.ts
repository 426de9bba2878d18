// The GitHub snapshot section validates against github.schema.json (Ajv, draft 2020-12); a corrupted one fails at the right path.
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GithubSnapshot, RepositoryEntry } from '../src/collect/github/index.js';
import type { Available } from '../src/snapshot/section.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';
import { mustCollect } from './sim/github/harness.js';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const schema = JSON.parse(readFileSync(new URL('../src/snapshot/schema/github.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
let sim: GithubSim;
const snaps: Record<string, GithubSnapshot> = {};

beforeAll(async () => {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens() });
  snaps.owner = (await mustCollect(sim, { auth: { token: TOKENS.owner } })).snapshot;
  snaps.member = (await mustCollect(sim, { auth: { token: TOKENS.member } })).snapshot;
  snaps.single = (await mustCollect(sim, { auth: { token: TOKENS.owner }, repos: ['acme/api', 'acme/missing'] })).snapshot;
  snaps.rejected = (await mustCollect(sim, { auth: { token: 'ghp_rejected000000000000000000000000000' } })).snapshot;
});
afterAll(() => sim.close());

function errorsOf(snapshot: unknown): string[] {
  return validate(snapshot) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

test.each(['owner', 'member', 'single', 'rejected'])('the %s snapshot validates', (name) => {
  expect(errorsOf(snaps[name])).toEqual([]);
});

describe('corrupted snapshots fail with a useful path', () => {
  const corrupt = (edit: (s: GithubSnapshot & Record<string, unknown>) => void) => {
    const s = structuredClone(snaps.owner!) as GithubSnapshot & Record<string, unknown>;
    edit(s);
    return errorsOf(s);
  };
  const repos = (s: GithubSnapshot) => (s.repositories as Available<RepositoryEntry[]>).data;

  test('an ok envelope without data', () => {
    expect(corrupt((s) => delete (repos(s)[0]!.security_and_analysis as { data?: unknown }).data)).toContain("/repositories/data/0/security_and_analysis must have required property 'data'");
  });
  test('an unavailable envelope without a reason', () => {
    expect(corrupt((s) => (s.personal_access_tokens = { status: 'unavailable' } as never))).toContain("/personal_access_tokens must have required property 'reason'");
  });
  test('a field policies rely on with the wrong type', () => {
    expect(corrupt((s) => (s.two_factor_requirement = { status: 'ok', data: { enabled: 'no' as never } }))).toContain('/two_factor_requirement/data/enabled must be boolean');
  });
  test('a repository entry with a stray part', () => {
    expect(corrupt((s) => Object.assign(repos(s)[1]!, { token: 'x' }))).toContain('/repositories/data/1 must NOT have additional properties');
  });
  test('an unknown status', () => {
    expect(corrupt((s) => (s.teams = { status: 'maybe' } as never))).toContain('/teams/status must be equal to one of the allowed values');
  });
});
