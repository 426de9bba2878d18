// The estate the blast-radius tests query: two clusters, a secret limited to one pipeline on
// main and one open to its whole cluster, YAML in GitHub and saved in Buildkite, teams at every level.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../src/snapshot/types.js';
import { writeSnapshot } from '../src/snapshot/io.js';
import { VERSION } from '../src/version.js';
import type { Fault } from './sim/buildkite/faults.js';
import { fixtureEstate, githubSettings, UPLOAD_ONLY } from './sim/buildkite/fixture.js';
import { collectFromSim } from './sim/buildkite/harness.js';
import type { SimEstate } from './sim/buildkite/estate.js';
import { collectFrom } from './sim/github/harness.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS } from './sim/github/index.js';

/** Ids the tests look up. */
export const IDS = {
  prod: 'c1000000-0000-4000-8000-000000000001',
  oss: 'c1000000-0000-4000-8000-000000000002',
  webApp: 'p1000000-0000-4000-8000-000000000001',
  apiRelease: 'p1000000-0000-4000-8000-000000000004',
  web: 'p1000000-0000-4000-8000-000000000005',
  adminToken: 'ak000000-0000-4000-8000-000000000002',
  prodAgentToken: 'at000000-0000-4000-8000-000000000001',
} as const;

const T0 = '2024-01-15T10:00:00.000Z';

/** `acme/api`'s pipeline: tests, then uploads the deploy pipeline. */
const API_PIPELINE = `steps:
  - label: test
    command:
      - npm ci
      - NPM_CONFIG_TOKEN=$NPM_TOKEN npm publish --dry-run
  - label: upload deploy
    command: buildkite-agent pipeline upload .buildkite/deploy.yml
`;

/** `acme/api`'s deploy pipeline, uploaded at build time: it asks for DEPLOY_KEY. */
const API_DEPLOY = `steps:
  - block: deploy?
  - label: deploy
    command: ./deploy.sh
    secrets:
      - DEPLOY_KEY
`;

/** `acme/web`'s pipeline: the docker plugin passes NPM_TOKEN into the container. */
const WEB_PIPELINE = `steps:
  - label: test
    command: npm test
    plugins:
      - docker#v5.12.0:
          image: node:20
          environment:
            - NPM_TOKEN
            - CI=true
`;

/** Saved steps of `api-release`: reads DEPLOY_KEY with the agent, though its policy does not let it. */
const RELEASE_STEPS = `env:
  RELEASE_CHANNEL: stable
steps:
  - label: release
    commands:
      - export KEY="$(buildkite-agent secret get DEPLOY_KEY)"
      - ./release.sh "\${RELEASE_CHANNEL}"
`;

/** The Buildkite organization: the collector fixture with two more pipelines and a second NPM_TOKEN. */
export function blastEstate(): SimEstate {
  const estate = fixtureEstate();
  const base = estate.pipelines[0]!;
  const webApp = { ...base, repository: 'git@github.com:acme/api.git', providerSettings: githubSettings('acme/api') };
  const apiRelease = { ...base, uuid: IDS.apiRelease, slug: 'api-release', name: 'API release', repository: 'git@github.com:acme/api.git', templateUuid: null, configuration: RELEASE_STEPS };
  const web = { ...base, uuid: IDS.web, slug: 'web', name: 'Web', repository: 'https://github.com/acme/web.git', clusterUuid: IDS.oss, templateUuid: null, configuration: UPLOAD_ONLY, visibility: 'public' as const };
  estate.pipelines = [webApp, ...estate.pipelines.slice(1), apiRelease, web];
  const [everyone, , docs] = estate.teams as [SimEstate['teams'][number], SimEstate['teams'][number], SimEstate['teams'][number]];
  everyone.pipelines.push({ pipelineUuid: IDS.apiRelease, accessLevel: 'build_and_read', createdAt: T0 }, { pipelineUuid: IDS.web, accessLevel: 'build_and_read', createdAt: T0 });
  docs.pipelines.push({ pipelineUuid: IDS.webApp, accessLevel: 'read_only', createdAt: T0 });
  estate.clusters[1]!.secrets.push({ uuid: 's1000000-0000-4000-8000-000000000003', key: 'NPM_TOKEN', description: 'npm for oss', policy: null, createdAt: T0 });
  return estate;
}

/** Collects both simulators into one snapshot; Buildkite faults (a 403 on a section) are passed through. */
export async function blastSnapshot(faults: Fault[] = []): Promise<Snapshot> {
  const buildkite = await collectFromSim(blastEstate(), { faults });
  const org = fixtureOrg();
  org.repos = org.repos.filter((r) => r.name === 'api' || r.name === 'web');
  org.repos[0]!.files = { '.buildkite/pipeline.yml': API_PIPELINE, '.buildkite/deploy.yml': API_DEPLOY };
  org.repos[1]!.files = { 'buildkite.yml': WEB_PIPELINE };
  const sim = await startGithubSim({ org, tokens: fixtureTokens() });
  try {
    const github = await collectFrom(sim, { auth: { token: TOKENS.owner } });
    if (!github.result) throw github.error instanceof Error ? github.error : new Error(String(github.error));
    const snapshot: Snapshot = {
      schemaVersion: 1,
      collected_at: '2025-12-01T00:00:00.000Z',
      kiteguard_version: VERSION,
      incomplete: [...github.result.incomplete, ...buildkite.incomplete].sort(),
      github: github.result.snapshot,
      buildkite: buildkite.snapshot,
    };
    const pipelines = snapshot.buildkite?.pipelines;
    const release = pipelines?.status === 'ok' ? pipelines.data.find((p) => p.slug === 'api-release') : undefined;
    if (release) release['branch_configuration'] = 'main release/*';
    return snapshot;
  } finally {
    await sim.close();
  }
}

/** Writes a snapshot into `dir` and returns its path. */
export function saveSnapshot(dir: string, name: string, snapshot: Snapshot): string {
  const file = join(dir, name);
  writeSnapshot(file, snapshot);
  return file;
}

/** Writes any text into `dir` (for bad-snapshot cases) and returns its path. */
export function saveText(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
