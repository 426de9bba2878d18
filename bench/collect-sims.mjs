// The simulators of bench/collect.mjs, in their own process so their memory does not count as the collector's.
// Forked with the simulators' bundle, the estate size and the Buildkite GraphQL schema; answers over IPC:
// `ready` with the URLs and tokens, then `stats` (both simulators' counters and this process's peak RSS) on request.
const [bundle, repos, pipelines, teams, schemaPath] = process.argv.slice(2);
const sims = await import(bundle);

const org = sims.generateOrg({ repos: Number(repos), teams: Number(teams), seed: 7 });
const estate = sims.generateEstate({ pipelines: Number(pipelines), teams: Number(teams), seed: 5 });
// The public services' own limits: GitHub 5,000 REST calls and 5,000 GraphQL points an hour; Buildkite 50 REST calls a minute and 20,000 GraphQL points per 5 minutes.
const limits = { github: { restLimit: 5000, graphqlLimit: 5000 }, buildkite: { restLimit: 50, restWindowMs: 60_000, graphqlLimit: 20_000, graphqlWindowMs: 300_000 } };
const github = await sims.startGithubSim({ org, tokens: sims.fixtureTokens(), ...limits.github });
const buildkite = await sims.startBuildkiteSim({ estate, schemaPath, ...limits.buildkite });

process.on('message', async (message) => {
  if (message === 'stats') {
    process.send({ github: structuredClone(github.stats), buildkite: structuredClone(buildkite.counts), maxRssKiB: process.resourceUsage().maxRSS });
  } else if (message === 'close') {
    await Promise.all([github.close(), buildkite.close()]);
    process.disconnect();
  }
});
// Without the bench (finished or failed), the simulators have no one to serve.
process.on('disconnect', () => process.exit(0));
process.send({
  ready: true,
  limits,
  github: { url: github.url, token: sims.TOKENS.owner, org: 'acme' },
  buildkite: { apiUrl: buildkite.apiUrl, graphqlUrl: buildkite.graphqlUrl, token: sims.callerToken(estate).token, org: estate.org.slug },
  clusters: estate.clusters.length,
  members: estate.members.length,
});
