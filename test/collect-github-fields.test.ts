// The GitHub collector makes exactly what could not be read unknown: one security feature, one repository's settings
// field, the part a GraphQL field error sits under (at any depth), one repository of a list entry that came back null.
import { afterEach, expect, test } from 'vitest';
import type { GithubSnapshot, RepositoryEntry } from '../src/collect/github/index.js';
import type { Section } from '../src/snapshot/section.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';
import { mustCollect } from './sim/github/harness.js';

type Json = Record<string, unknown>;
type Gql = { data: Json; errors?: { message: string; path: (string | number)[] }[] };
let sim: GithubSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Collects the fixture organization as its owner, with `tamper` rewriting responses. */
async function collect(tamper: (where: string, body: unknown) => unknown) {
  sim = await startGithubSim({ org: fixtureOrg(), tokens: fixtureTokens(), tamper });
  return mustCollect(sim, { auth: { token: TOKENS.owner } });
}

function entry(snapshot: GithubSnapshot, name: string): RepositoryEntry {
  if (snapshot.repositories.status !== 'ok') throw new Error(snapshot.repositories.reason);
  return snapshot.repositories.data.find((r) => r.full_name === `acme/${name}`)!;
}

const data = <T>(s: Section<T>): T => {
  if (s.status !== 'ok') throw new Error(`unavailable: ${s.reason}`);
  return s.data;
};

/** Sets the value at `path` (from the response's `data`) to null and reports a field error there, as GitHub does. */
function fieldError(body: unknown, path: (string | number)[]): Gql {
  const copy = structuredClone(body) as Gql;
  let at: Json = copy.data;
  for (const key of path.slice(0, -1)) at = at[key] as Json;
  at[path.at(-1)!] = null;
  return { ...copy, errors: [...(copy.errors ?? []), { message: `Something went wrong while resolving ${path.join('.')}`, path }] };
}

/** The position of repository `name` on the first page of the repository query. */
const indexOf = (body: unknown, name: string) => ((body as Gql).data.organization as { repositories: { nodes: { nameWithOwner: string }[] } }).repositories.nodes.findIndex((n) => n.nameWithOwner === `acme/${name}`);

test('a security feature without its status is unavailable on its own; the other features are kept', async () => {
  const run = await collect((where, body) => {
    if (!where.startsWith('GET /orgs/acme/repos') || !Array.isArray(body)) return body;
    return body.map((r: Json) => (r.name === 'api' ? { ...r, security_and_analysis: { ...(r.security_and_analysis as Json), secret_scanning: {} } } : r));
  });
  const security = data(entry(run.snapshot, 'api').security_and_analysis);
  expect(security.secret_scanning).toEqual({ status: 'unavailable', reason: '`secret_scanning` came back without its status' });
  expect(security.dependabot_security_updates).toEqual({ status: 'enabled' });
  expect(run.incomplete).toEqual(['github.repositories[acme/api].security_and_analysis.secret_scanning']);
});

test('a null entry in the organization repository list leaves only the repositories not found unknown', async () => {
  const run = await collect((where, body) => (where.startsWith('GET /orgs/acme/repos') && Array.isArray(body) ? body.map((r: Json) => (r.name === 'web' ? null : r)) : body));
  expect(entry(run.snapshot, 'web').security_and_analysis).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('came back without a name') });
  expect(entry(run.snapshot, 'api').security_and_analysis.status).toBe('ok');
  expect(run.incomplete).toEqual(['github.repositories[acme/web].security_and_analysis']);
});

test('a page of repositories that came back as null is asked for again: no repository is lost', async () => {
  let first = true;
  const run = await collect((where, body) => {
    if (where !== 'graphql:KiteguardRepositories' || !first) return body;
    first = false;
    return fieldError(body, ['organization', 'repositories', 'nodes']);
  });
  expect(run.incomplete).toEqual([]);
  expect(data(run.snapshot.repositories).map((r) => r.full_name).sort()).toEqual(['acme/api', 'acme/docs', 'acme/infra', 'acme/legacy', 'acme/web']);
});

const node = (i: number, ...rest: (string | number)[]) => ['organization', 'repositories', 'nodes', i, ...rest];

test.each([
  ['a repository setting', (i: number) => node(i, 'isFork'), undefined, 'github.repositories[acme/api].repository.isFork'],
  ['the repository id', (i: number) => node(i, 'databaseId'), undefined, 'github.repositories[acme/api].repository.databaseId'],
  ['the rules of one ruleset', (i: number) => node(i, 'rulesets', 'nodes', 0, 'rules'), 'rulesets', 'github.repositories[acme/api].rulesets'],
  ['one bypass actor', (i: number) => node(i, 'rulesets', 'nodes', 0, 'bypassActors', 'nodes', 0), undefined, 'github.repositories[acme/api].rulesets["main-guard"].bypassActors'],
  ['the text of one pipeline file', (i: number) => node(i, 'pipelineDir', 'entries', 0, 'object', 'text'), undefined, 'github.repositories[acme/api].pipeline_files[".buildkite/deploy.yml"]'],
  ['one blob of the pipeline folder', (i: number) => node(i, 'pipelineDir', 'entries', 1, 'object'), undefined, 'github.repositories[acme/api].pipeline_files[".buildkite/pipeline.yml"]'],
  ['an entry of the pipeline folder', (i: number) => node(i, 'pipelineDir', 'entries', 0), 'pipeline_files', 'github.repositories[acme/api].pipeline_files'],
  ['a top-level pipeline file', (i: number) => node(i, 'rootFile0'), undefined, 'github.repositories[acme/api].pipeline_files["buildkite.yml"]'],
  ['a rule on the default branch', (i: number) => node(i, 'defaultBranchRef', 'rules', 'nodes', 0), 'default_branch_rules', 'github.repositories[acme/api].default_branch_rules'],
  ['one collaborator', (i: number) => node(i, 'collaborators', 'edges', 0), 'collaborators', 'github.repositories[acme/api].collaborators'],
])('a field error under %s marks that part of that repository only', async (_what, path, part, listed) => {
  const run = await collect((where, body) => (where === 'graphql:KiteguardRepositories' ? fieldError(body, path(indexOf(body, 'api'))) : body));
  expect(run.incomplete).toEqual([listed]);
  const api = entry(run.snapshot, 'api');
  for (const [key, section] of Object.entries(api)) if (key !== 'full_name') expect([key, (section as Section<unknown>).status]).toEqual([key, key === part ? 'unavailable' : 'ok']);
  for (const other of ['web', 'infra']) for (const [key, section] of Object.entries(entry(run.snapshot, other))) if (key !== 'full_name') expect([other, key, (section as Section<unknown>).status]).toEqual([other, key, 'ok']);
});

test('a field error under the organization rulesets marks org_rulesets only', async () => {
  const run = await collect((where, body) => (where === 'graphql:KiteguardTeams' && (body as Gql).data.organization && 'rulesets' in ((body as Gql).data.organization as Json) ? fieldError(body, ['organization', 'rulesets', 'nodes', 0]) : body));
  expect(run.snapshot.org_rulesets.status).toBe('unavailable');
  expect(run.incomplete).toEqual(['github.org_rulesets']);
});
