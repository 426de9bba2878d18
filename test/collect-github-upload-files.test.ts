// The GitHub collector reads every file `buildkite-agent pipeline upload` reads by default, so a sweep judges a
// pipeline that uploads `buildkite.json` or `buildkite/pipeline.yml` on that file instead of calling it unknown.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GithubSnapshot } from '../src/collect/github/index.js';
import { DEFAULT_UPLOAD_PATHS, pipelineSource, type RepoFile } from '../src/targets/pipeline-source.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';
import { mustCollect } from './sim/github/harness.js';

let sim: GithubSim;
let snap: GithubSnapshot;

beforeAll(async () => {
  const org = fixtureOrg();
  const web = org.repos.find((r) => r.name === 'web')!;
  web.files = { 'buildkite/pipeline.yml': 'steps:\n  - command: npm test\n', 'buildkite.json': '{"steps": [{"command": "npm run lint"}]}\n', 'README.md': '# web\n' };
  sim = await startGithubSim({ org, tokens: fixtureTokens(), validate: true });
  snap = (await mustCollect(sim, { auth: { token: TOKENS.owner } })).snapshot;
});
afterAll(() => sim.close());

test('reads buildkite.json and buildkite/pipeline.*, the files the agent uploads by default', () => {
  const repos = snap.repositories.status === 'ok' ? snap.repositories.data : [];
  const web = repos.find((r) => r.full_name === 'acme/web')!;
  expect(web.pipeline_files.status).toBe('ok');
  const files = web.pipeline_files.status === 'ok' ? web.pipeline_files.data : [];
  expect(files.map((f) => f.path)).toEqual(['buildkite.json', 'buildkite/pipeline.yml']);
  // The agent's order: the root file first, so a sweep judges the file the agent would upload.
  const source = pipelineSource('web', null, 'acme/web', { status: 'ok', data: files as RepoFile[] });
  expect(source).toMatchObject({ found: true, name: 'acme/web:buildkite.json', text: expect.stringContaining('npm run lint') });
});

test('every default upload path is read', async () => {
  const { ROOT_PIPELINE_FILES } = await import('../src/collect/github/queries.js');
  const read = new Set<string>(ROOT_PIPELINE_FILES);
  expect(DEFAULT_UPLOAD_PATHS.filter((p) => !p.startsWith('.buildkite/') && !read.has(p))).toEqual([]);
});
