// The simulator's REST bodies have the keys and nesting of Buildkite's documented response examples.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callerToken } from './sim/buildkite/estate.js';
import { fixtureEstate } from './sim/buildkite/fixture.js';
import { GRAPHQL_SCHEMA_PATH, REST_EXAMPLES_PATH } from './sim/buildkite/paths.js';
import { startBuildkiteSim, type BuildkiteSim } from './sim/buildkite/server.js';

type Examples = Record<string, Record<string, { response: unknown }>>;

/** Every key path of a value: object keys recursively, and the first item of arrays. Null on either side stops the walk. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
}

/** Keys whose values are user-defined maps (environment variables), not part of the API's shape. */
const FREE_FORM = new Set(['env']);

/** Key paths of `actual` restricted to where `example` also has a non-null, non-empty value, and vice versa. */
function comparable(actual: unknown, example: unknown, prefix = ''): { actual: string[]; example: string[] } {
  if (Array.isArray(actual) && Array.isArray(example)) {
    if (actual.length === 0 || example.length === 0) return { actual: [], example: [] };
    return comparable(actual[0], example[0], `${prefix}[]`);
  }
  if (!actual || !example || typeof actual !== 'object' || typeof example !== 'object' || Array.isArray(actual) || Array.isArray(example)) return { actual: [], example: [] };
  const out = { actual: Object.keys(actual).map((k) => `${prefix}.${k}`), example: Object.keys(example).map((k) => `${prefix}.${k}`) };
  for (const k of Object.keys(actual)) {
    if (!(k in example) || FREE_FORM.has(k)) continue;
    const sub = comparable((actual as Record<string, unknown>)[k], (example as Record<string, unknown>)[k], `${prefix}.${k}`);
    out.actual.push(...sub.actual);
    out.example.push(...sub.example);
  }
  return { actual: out.actual.sort(), example: out.example.sort() };
}

const estate = fixtureEstate();
const prod = estate.clusters[0]!;
const team = estate.teams[1]!;
const org = `/organizations/${estate.org.slug}`;
/** Each simulated GET and the documented example it must match: [path, resource, example title]. */
const CASES: Array<[string, string, string]> = [
  ['/access-token', 'access_token', 'Get the current token'],
  [org, 'organizations', 'Get an organization'],
  [`${org}/api-settings`, 'api_settings', 'Get API settings'],
  [`${org}/pipeline-settings`, 'pipeline_settings', 'Get pipeline settings'],
  [`${org}/repository_connections`, 'repository_connections', 'List repository connections'],
  [`${org}/pipelines`, 'pipelines', 'Create a YAML pipeline (response; shows full GitHub provider.settings and pipeline_template_uuid)'],
  [`${org}/pipeline-templates`, 'pipeline_templates', 'List pipeline templates'],
  [`${org}/teams`, 'teams', 'List teams'],
  [`${org}/teams/${team.uuid}/pipelines`, 'team_pipelines', 'List team pipelines'],
  [`${org}/teams/${team.uuid}/members`, 'team_members', 'List team members'],
  [`${org}/clusters`, 'clusters', 'List clusters'],
  [`${org}/clusters/${prod.uuid}/queues`, 'queues', 'List queues'],
  [`${org}/clusters/${prod.uuid}/tokens`, 'agent_tokens', 'List tokens'],
  [`${org}/clusters/${prod.uuid}/secrets`, 'secrets', 'List secrets'],
  [`${org}/clusters/${prod.uuid}/maintainers`, 'cluster_maintainers', 'List cluster maintainers'],
  [`${org}/rules`, 'rules', 'List rules'],
];

describe.skipIf(!GRAPHQL_SCHEMA_PATH || !REST_EXAMPLES_PATH)('simulated REST shapes', () => {
  let sim: BuildkiteSim;
  let examples: Examples;
  beforeAll(async () => {
    sim = await startBuildkiteSim({ estate });
    examples = JSON.parse(readFileSync(REST_EXAMPLES_PATH!, 'utf8')) as Examples;
  });
  afterAll(() => sim.close());

  const get = async (path: string) => {
    const res = await fetch(`${sim.apiUrl}${path}`, { headers: { Authorization: `Bearer ${callerToken(estate).token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as unknown;
  };

  test.each(CASES)('GET %s has the keys of "%s / %s"', async (path, resource, title) => {
    const example = examples[resource]?.[title]?.response;
    expect(example, `${resource} / ${title} is in the examples`).toBeDefined();
    const body = await get(path);
    // The fullest documented pipeline object is a single-pipeline example; the list's items must match it.
    const item = Array.isArray(body) && !Array.isArray(example) ? body[0] : body;
    expect(Array.isArray(item)).toBe(Array.isArray(example));
    const { actual, example: expected } = comparable(item, example);
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });

  test('the pipelines list carries every key of the documented list example too', async () => {
    const listExample = examples.pipelines?.['List pipelines']?.response;
    const body = await get(`${org}/pipelines`);
    const have = new Set(keyPaths(body));
    const missing = keyPaths(listExample).filter((k) => !have.has(k));
    expect(missing).toEqual([]);
  });
});
